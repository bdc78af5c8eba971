#!/usr/bin/python3
"""Speech and event sounds against a real speech-dispatcher (espeak-ng) and a
private PulseAudio null sink, recorded from its monitor. Runs under audio.sh,
which starts PulseAudio and stops everything afterwards.

The probe (tests/audio/audio_probe.c) drives the backends and prints how long
each call took; this script records what reached the sink and measures it:
RMS in 50 ms windows, normalised to full scale (1.0)."""
import array
import math
import os
import signal
import subprocess
import sys
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

PROBE, TMP, PULSE_PID, SELFCARE = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
RUNTIME = os.environ["XDG_RUNTIME_DIR"]
PIDFILE = os.path.join(RUNTIME, "speech-dispatcher", "pid", "speech-dispatcher.pid")
WINDOW = 0.05  # seconds
HEARD = 0.003  # a window louder than this has sound in it; the null sink gives exactly 0
INSTANT_MS = 20  # "returns at once": measured at 0.05 ms at most; a blocked call takes 500+
REPORT = []
EXITED = []  # when the last selfcare run ended, on time.monotonic()

SENTENCE = "Breathe in slowly, and let the belly soften as you breathe out."
LONG = ("Lie on your back with your knees bent and your feet flat on the floor, "
        "hip width apart, and let your arms rest by your sides.")
SOUNDS = ["hold start", "rest", "switch", "cue", "tick", "end"]  # enum sound_event




def measure(path, start=0.0):
    """Length, overall RMS, loudest window and time with sound, in seconds,
    from start seconds into the recording on."""
    with wave.open(path) as w:
        assert w.getsampwidth() == 2, "parec writes 16-bit samples"
        rate, channels, frames = w.getframerate(), w.getnchannels(), w.getnframes()
        samples = array.array("h")
        samples.frombytes(w.readframes(frames))
    if sys.byteorder == "big":
        samples.byteswap()
    step = int(rate * WINDOW) * channels
    windows = []
    total = 0.0
    for i in range(int(start * rate) * channels // step * step, len(samples) - step + 1, step):
        energy = sum(x * x for x in samples[i:i + step])
        total += energy
        windows.append(math.sqrt(energy / step) / 32768)
    return {
        "seconds": frames / rate if rate else 0.0,
        "rms": math.sqrt(total / max(1, len(windows) * step)) / 32768,
        "peak": max(windows, default=0.0),
        "heard": sum(1 for r in windows if r > HEARD) * WINDOW,
    }


def probe(*args, env=None):
    """Runs the probe; returns (exit status, {key: value}, stderr, seconds)."""
    t0 = time.monotonic()
    args = [a if isinstance(a, bytes) else str(a) for a in args]
    p = subprocess.run([PROBE, *args], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=60)
    took = time.monotonic() - t0
    out = {}
    for line in p.stdout.splitlines():
        key, _, value = line.partition("=")
        out[key] = value
    return p.returncode, out, p.stderr, took


def num(out, key):
    try:
        return float(out[key])
    except (KeyError, ValueError):
        return float("nan")


def recorded(name, *args, env=None, tail=0.6, run=None):
    """Runs the probe (or run(), when given) while the sink is recorded;
    returns its result and measure()."""
    path = os.path.join(TMP, name + ".wav")
    rec = subprocess.Popen(["parec", "-d", "null.monitor", "--file-format=wav",
                            "--latency-msec=20", path], stderr=subprocess.PIPE)
    # Wait until samples flow, so that nothing is missed.
    for _ in range(100):
        if os.path.exists(path) and os.path.getsize(path) > 44 + 4 * 4410:
            break
        time.sleep(0.02)
    # Where the recording was then (44.1 kHz, two 16-bit channels), so that
    # a moment on the clock can be found in the file.
    flowing, lead = time.monotonic(), (os.path.getsize(path) - 44) / (44100 * 4)
    EXITED.clear()
    result = None
    if run:
        result = run()
    elif args:
        result = probe(*args, env=env)
    else:
        time.sleep(1.0)
    time.sleep(tail)  # what was still in the sink's buffer
    rec.send_signal(signal.SIGINT)
    rec.wait(timeout=10)
    m = measure(path)
    if EXITED:
        # What was heard after the process had gone (latency: 20 ms).
        m["after_exit"] = measure(path, lead + EXITED[0] - flowing + 0.05)["heard"]
    REPORT.append(f"{name}: {m['seconds']:.2f} s recorded, {m['heard']:.2f} s heard, "
                  f"loudest window RMS {m['peak']:.4f}, overall RMS {m['rms']:.4f}")
    return result, m


def probe_ok(result, what):
    rc, out, err, _ = result
    check(rc == 0, f"{what}: probe exits 0", f"exit {rc}\n{err}")
    return out


def daemon_pid():
    try:
        with open(PIDFILE) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def proc_status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


# 0. The recording works and silence is silent.
_, m = recorded("silence")
check(m["seconds"] > 0.9, "a second of silence is recorded in real time", m)
check(m["peak"] < 0.001, "the null sink is silent when nothing plays", m)

# 1. A sentence is spoken: the backend starts speech-dispatcher itself, and
#    close() waits for the end of the sentence, no longer.
r, m = recorded("speech", "say", SENTENCE, 15000)
out = probe_ok(r, "speech")
check(out.get("speech_failure") == "", "speech: no failure", out)
check(num(out, "call_ms") < INSTANT_MS, "speech: say() returns at once", out)
check(m["heard"] >= 1.5 and m["peak"] >= 0.05, "speech: the sentence is heard", m)
close_ms = num(out, "close_ms")
check(m["heard"] * 1000 - 500 < close_ms < m["heard"] * 1000 + 2500,
      "speech: close() returns when the sentence ends", f"close {close_ms} ms, {m}")
REPORT.append(f"speech: close() took {close_ms:.0f} ms (connect or start the daemon, "
              f"then say {m['heard']:.2f} s)")
pid = daemon_pid()
check(pid is not None, "speech: speech-dispatcher was started", PIDFILE)
if pid:
    # The probe blocks SIGINT, SIGTERM and SIGHUP as run does; the daemon it
    # starts must not inherit that, or it would ignore a polite stop.
    check(proc_status(pid, "SigBlk") == "0000000000000000",
          "speech: the daemon started with no signal blocked", proc_status(pid, "SigBlk"))

# speaking() says when selfcare's own voice is heard: at once after say(),
# and no longer once the daemon reports the end, about the sentence's
# length later (the recording above measured it).
r, m_said = recorded("speaking", "speaking", SENTENCE)
out = probe_ok(r, "speaking")
ended = num(out, "ended_ms")
check(out.get("before") == "0" and out.get("at_once") == "1",
      "speaking: not before say(), at once after it", out)
check(m["heard"] * 1000 - 500 < ended < m["heard"] * 1000 + 2500,
      f"speaking: until the sentence has been said ({ended:.0f} ms for {m['heard']:.2f} s)",
      out)

# The rate is passed on: the same sentence at +60 takes less time.
r, m_fast = recorded("speech-fast", "say", SENTENCE, 15000, 60)
out = probe_ok(r, "fast speech")
check(out.get("speech_failure") == "", "fast speech: no failure", out)
check(0.5 <= m_fast["heard"] <= 0.8 * m["heard"], "fast speech: rate +60 speaks faster",
      f"fast {m_fast['heard']:.2f} s, default {m['heard']:.2f} s")

# 2. The newest text wins: a long sentence replaced after 0.7 s is cut.
r, m_long = recorded("speech-long", "say", LONG, 20000)
probe_ok(r, "long sentence")
# The new text has a control character and a byte that is not UTF-8, which
# speech-dispatcher would refuse: the backend cleans them out first.
r, m = recorded("speech-replaced", "replace", LONG, 700, b"Rest\x01 now.\xff", 20000)
out = probe_ok(r, "replace")
check(out.get("speech_failure") == "" and num(out, "call_ms") < INSTANT_MS,
      "replace: calls return at once", out)
check(m_long["heard"] >= 4.0, "replace: the long sentence alone lasts", m_long)
check(0.8 <= m["heard"] <= m_long["heard"] - 2.0,
      "replace: the long sentence is cut and the new text said",
      f"replaced {m['heard']:.2f} s, alone {m_long['heard']:.2f} s")

# 3. close() with little time cuts the speech at its deadline.
r, m = recorded("speech-cut", "say", LONG, 400)
out = probe_ok(r, "cut")
close_ms = num(out, "close_ms")
check(380 <= close_ms <= 600, "cut: close(400) returns in time", out)
check(m["heard"] <= 1.2, "cut: the speech stops at close()", m)
REPORT.append(f"cut: close(400) took {close_ms:.0f} ms")

# 4. Each event sound plays, each its own.
for e, label in enumerate(SOUNDS):
    r, m = recorded(f"sound-{e}", "sound", e, 3000)
    out = probe_ok(r, f"sound {label}")
    check(out.get("sound_failure") == "", f"sound {label}: no failure", out)
    check(num(out, "call_ms") < INSTANT_MS, f"sound {label}: play() returns at once", out)
    check(m["peak"] >= 0.01 and m["heard"] >= 0.05, f"sound {label}: heard", m)
    check(num(out, "close_ms") < 3000, f"sound {label}: close() returns when it ends", out)
    REPORT[-1] += f"; close() took {num(out, 'close_ms'):.0f} ms"

# 5. The daemon freezes (SIGSTOP) in the middle of a sentence: later calls
#    return at once, close(500) keeps its time and the program ends cleanly.
rc, out, err, took = probe("freeze-speech", PIDFILE)
check(rc == 0, "frozen daemon: probe exits 0", f"exit {rc}\n{err}")
frozen = int(out.get("stopped", "0") or 0)
check(frozen > 0, "frozen daemon: it was stopped", out)
check(num(out, "call_ms") < INSTANT_MS, "frozen daemon: say() and cancel() return at once", out)
check(num(out, "close_ms") < 500 + 200, "frozen daemon: close(500) returns in time", out)
REPORT.append(f"frozen daemon mid-sentence: slowest say/cancel {num(out, 'call_ms'):.3f} ms, "
              f"close(500) {num(out, 'close_ms'):.0f} ms")
if frozen:
    os.kill(frozen, signal.SIGCONT)

# 6. The daemon is frozen before the program connects: it accepts the
#    connection and never answers. close(500) still keeps its time.
probe("say", "Ready.", 5000)
pid = daemon_pid()
check(pid is not None, "frozen before connect: a daemon runs")
if pid:
    os.kill(pid, signal.SIGSTOP)
    try:
        rc, out, err, took = probe("say", "Hello.", 500)
    finally:
        os.kill(pid, signal.SIGCONT)
    check(rc == 0, "frozen before connect: probe exits 0", f"exit {rc}\n{err}")
    check(num(out, "call_ms") < INSTANT_MS and num(out, "close_ms") < 500 + 200,
          "frozen before connect: say() at once, close(500) in time", out)
    REPORT.append(f"frozen daemon before connect: close(500) {num(out, 'close_ms'):.0f} ms, "
                  f"probe ran {took * 1000:.0f} ms")

# 7. PulseAudio freezes: sounds cannot start, yet play() and close(500) keep
#    their time.
os.kill(PULSE_PID, signal.SIGSTOP)
try:
    rc, out, err, took = probe("sound", 0, 500)
finally:
    os.kill(PULSE_PID, signal.SIGCONT)
check(rc == 0, "frozen sound server: probe exits 0", f"exit {rc}\n{err}")
check(num(out, "call_ms") < INSTANT_MS and num(out, "close_ms") < 500 + 200,
      "frozen sound server: play() at once, close(500) in time", out)
REPORT.append(f"frozen sound server: close(500) {num(out, 'close_ms'):.0f} ms")

# 8. Both servers freeze while in use, for longer than 5 s: the next call
#    gives up on each backend, so that run can fall back to the bell.
probe("say", "Ready.", 5000)
out = {}
try:
    rc, out, err, took = probe("stuck", PIDFILE, PULSE_PID)
finally:
    for pid in [int(p) for p in out.get("stopped", "").split()] + [PULSE_PID]:
        os.kill(pid, signal.SIGCONT)
check(rc == 0, "stuck: probe exits 0", f"exit {rc}\n{err}")
check(out.get("speech_before_failure") == "" and out.get("sound_before_failure") == "",
      "stuck: no failure while the servers have 5 s to answer", out)
check(out.get("speech_alarm") == "1" and
      out.get("speech_alarm_failure") == "speech-dispatcher stopped answering",
      "stuck: speech finds out by itself after 5 s, with nothing more said", out)
check(out.get("speech_failure") == "speech-dispatcher stopped answering",
      "stuck: speech gives up", out)
check(out.get("sound_failure") == "event sounds are not available: "
      "the sound server stopped answering", "stuck: sounds give up", out)
check(out.get("speech_fd_readable") == "1" and out.get("sound_fd_readable") == "1",
      "stuck: both descriptors readable", out)
check(num(out, "call_ms") < INSTANT_MS and num(out, "play_ms") < INSTANT_MS,
      "stuck: calls return at once", out)
check(num(out, "close_ms") < 200 and num(out, "sound_close_ms") < 500 + 200,
      "stuck: close() in time", out)
REPORT.append(f"stuck servers: speech close(500) {num(out, 'close_ms'):.0f} ms (connection "
              f"already broken), sound close(500) {num(out, 'sound_close_ms'):.0f} ms")

# 9. Neither speech-dispatcher nor a sound server: each backend says so once,
#    its descriptor turns readable, and nothing waits.
empty = os.path.join(TMP, "empty-run")
os.mkdir(empty, 0o700)
env = dict(os.environ, PATH="/nonexistent", XDG_RUNTIME_DIR=empty, CANBERRA_DRIVER="pulse",
           PULSE_SERVER="unix:/nonexistent/native")
rc, out, err, took = probe("fail", env=env)
check(rc == 0, "nothing there: probe exits 0", f"exit {rc}\n{err}")
check(out.get("speech_failure") == "speech-dispatcher is not available: cannot run "
      "speech-dispatcher: No such file or directory", "nothing there: the speech failure", out)
check(out.get("sound_failure", "").startswith("event sounds are not available: "),
      "nothing there: the sound failure", out)
check(out.get("speech_fd_readable") == "1" and out.get("sound_fd_readable") == "1",
      "nothing there: both descriptors readable", out)
check(num(out, "failed_ms") < 2000 and num(out, "call_ms") < INSTANT_MS and took < 5,
      "nothing there: failures within 2 s, calls at once", out)
REPORT.append(f"nothing there: both failures after {num(out, 'failed_ms'):.0f} ms")

# A speech-dispatcher that refuses to start: its reason is passed on.
env = dict(os.environ, XDG_RUNTIME_DIR=empty, CANBERRA_DRIVER="pulse",
           SPEECHD_ADDRESS="unix_socket:" + os.path.join(TMP, "elsewhere.sock"),
           PULSE_SERVER="unix:/nonexistent/native")
rc, out, err, took = probe("fail", env=env)
check(rc == 0, "refused: probe exits 0", f"exit {rc}\n{err}")
check(out.get("speech_failure", "").startswith(
    "speech-dispatcher is not available: speech-dispatcher did not start: "),
    "refused: the daemon's reason", out)

# 10. selfcare run itself, as a person hears it: a lead-in (10 s), two holds with a
#     cue, and the end. The speech-dispatcher of the cases above serves it.
ROUTINE = os.path.join(TMP, "heard.yaml")
with open(ROUTINE, "w") as f:
    f.write("title: Heard\nrest: 0\nprepare: 3s\nsteps:\n"
            "  - {name: Breathe, kind: breath, hold: 4s, instructions: 'Breathe in slowly,"
            " and let your belly soften.', cues: [{at: 2s, say: Soften.}]}\n"
            "  - {name: Rest, kind: rest, hold: 4s, prepare: 0, instructions: Lie still.}\n")


def run_selfcare(*extra, stop_daemon_after=None, routine=ROUTINE):
    def go():
        t0 = time.monotonic()
        p = subprocess.Popen([SELFCARE, "run", routine, "--plain", "--yes", "--no-notify", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             stdin=subprocess.DEVNULL)
        stopped = None
        if stop_daemon_after is not None:
            time.sleep(stop_daemon_after)
            stopped = daemon_pid()
            if stopped:
                os.kill(stopped, signal.SIGSTOP)
        out, err = p.communicate(timeout=60)
        EXITED.append(time.monotonic())
        took = time.monotonic() - t0
        if stopped:
            os.kill(stopped, signal.SIGCONT)
        done = next((l for l in out.splitlines() if l.endswith(" done")), None)
        return p.returncode, out, err, took, done
    return go


# With voice: speech from the first step on (the prepare speaks), and sounds.
# The process ends with the routine; the chime and the closing words are
# left to the sound server and speech-dispatcher, which play them after it
# (hence the long tail).
(rc, out, err, took, done), m = recorded("run-voice", run=run_selfcare(), tail=4.5)
check(rc == 0 and done == "0:18 done", "run with voice: plays to its end", out + err)
check(took < 18 + 0.5, f"run with voice: ends with the routine, not the words ({took:.2f} s)", err)
check(m["heard"] >= 3.0 and m["peak"] >= 0.05, "run with voice: speech is heard", m)
check(m["after_exit"] >= 1.5, "run with voice: the closing words are said after exit", m)
heard_voice = m["heard"]
REPORT.append(f"run with voice: the process took {took:.2f} s for an 18 s routine; "
              f"{m['after_exit']:.2f} s of sound after it had gone")
# --no-voice: only the event sounds, short ones. The process ends with the
# routine, and the closing chime (1.1 s) rings out after it.
# Played three times as fast: the same sounds, a third of the wait.
(rc, out, err, took, done), m = recorded("run-sounds", run=run_selfcare("--no-voice", "--speed",
                                                                       "3"), tail=2.0)
check(rc == 0 and err == "", "run --no-voice: clean", err)
check(0.1 <= m["heard"] <= heard_voice - 1.5, "run --no-voice: sounds, no speech", m)
check(took < 6 + 0.5, f"run --no-voice: ends with the routine ({took:.2f} s for 18 s / 3)", err)
check(m["after_exit"] >= 0.5, "run --no-voice: the chime rings out after exit", m)
REPORT.append(f"run --no-voice --speed 3: {took:.2f} s for an 18 s routine, "
              f"{m['after_exit']:.2f} s of chime heard after exit")
# --no-voice --quiet: silence (ten times as fast).
(rc, out, err, took, done), m = recorded("run-silent", run=run_selfcare("--no-voice", "--quiet",
                                                                       "--speed", "10"),
                                         tail=0.3)
check(rc == 0, "run --no-voice --quiet: exit 0", err)
check(m["heard"] == 0 and m["peak"] < 0.001, "run --no-voice --quiet: silence", m)
# A speech-dispatcher frozen in the middle of the run: the routine still
# ends on time, and the process soon after (handing the closing words over
# is given at most 1 s).
(rc, out, err, took, done), m = recorded("run-frozen", run=run_selfcare(stop_daemon_after=1.0),
                                         tail=0.1)
check(rc == 0 and done == "0:18 done", "run, daemon frozen: plays to its end", out + err)
check(took < 18 + 1.5, f"run, daemon frozen: ends on time ({took:.2f} s for 18 s)", err)
# The call that waits on the frozen daemon is given up on 5 s after it
# began, and said once, during the run (not only at the next utterance).
warned = [l for l in err.splitlines() if "speech-dispatcher stopped answering" in l]
check(len(warned) == 1, "run, daemon frozen: warned once", err)
REPORT.append(f"run with speech-dispatcher frozen after 1 s: {took:.2f} s for an 18 s routine")

# 11. The safety notes are heard before a routine's first run, one that has
#     never run to its end: read out, and the routine begins when they end.
#     The next run goes straight in; --safety-voice reads them again.
SAFE = os.path.join(TMP, "safe.yaml")
with open(SAFE, "w") as f:
    f.write("title: Safe\nsafety: ['Stop at once if anything hurts.',"
            " 'Breathe slowly the whole time, and never hold your breath.']\n"
            "prepare: 0\nsteps:\n  - {name: Rest, kind: rest, hold: 3s, instructions: Lie still.}\n")


def run_safe(*extra):
    def go():
        t0 = time.monotonic()
        p = subprocess.run([SELFCARE, "run", SAFE, "--plain", "--yes", "--no-notify", "--quiet",
                            *extra], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
        EXITED.append(time.monotonic())
        return p.returncode, p.stdout, p.stderr, time.monotonic() - t0
    return go


(rc, out, err, took), m_first = recorded("safety-first", run=run_safe(), tail=3.0)
lines = out.splitlines()
said = next((l for l in lines if l.startswith("safety read aloud, ")), None)
check(rc == 0 and said is not None, "first run: the safety notes are read aloud", out + err)
first_event = next((i for i, l in enumerate(lines) if l.startswith("0:00 ")), len(lines))
check(said is not None and lines.index(said) < first_event,
      "first run: they are read before the routine begins", out)
check(took >= 3 + 4.0, f"first run: the routine waits for them ({took:.2f} s for 3 s)", out)
(rc, out, err, took), m_next = recorded("safety-next", run=run_safe(), tail=3.0)
check(rc == 0 and "safety read aloud" not in out, "second run: not read again", out + err)
check(took < 3 + 1.5, f"second run: begins at once ({took:.2f} s for 3 s)", out)
check(m_first["heard"] >= m_next["heard"] + 3.0,
      "first run: the notes are heard (seconds of speech more than the second run)",
      f"{m_first} {m_next}")
(rc, out, err, took) = run_safe("--safety-voice")()
check(rc == 0 and "safety read aloud" in out, "--safety-voice: read again", out + err)
(rc, out, err, took) = run_safe("--no-safety-voice", "--speed", "2")()
check(rc == 0 and "safety read aloud" not in out, "--no-safety-voice: not read", out + err)
REPORT.append(f"safety notes: {m_first['heard']:.2f} s heard on a first run, "
              f"{m_next['heard']:.2f} s on the next")

print("\n".join(REPORT))
finish()
