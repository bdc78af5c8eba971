#!/usr/bin/python3
"""Voice commands end to end (listen.sh sets up the sound server): a real
`selfcare run --listen` hears festival's voices played into the null sink
whose monitor it records, and each command must take effect as its key
would. Then the echo test: a whole shipped routine with its voice going into
that same sink, and nothing heard as a command.

Usage: listen.py SELFCARE TMP CLIPS [--echo ROUTINE]"""
import array
import math
import os
import subprocess
import sys
import time

selfcare, tmp, clips = sys.argv[1:4]
echo = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--echo" else None
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


class Run:
    """A plain-mode run whose output lines are read as they come."""

    def __init__(self, routine, *flags):
        self.lines = []
        self.p = subprocess.Popen(
            [selfcare, "run", routine, "--plain", "--yes", "--no-notify", "--listen",
             "--mic", "null.monitor", *flags],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        os.set_blocking(self.p.stdout.fileno(), False)
        self.buf = b""

    def read(self):
        try:
            chunk = self.p.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            self.buf += chunk
            *done, self.buf = self.buf.split(b"\n")
            self.lines += [d.decode() for d in done]

    def finish(self, timeout):
        """Waits for the run's end: its exit status (None: killed at the
        timeout) and its standard error."""
        try:
            rc = self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = None
        self.read()
        err = self.p.stderr.read().decode(errors="replace") if rc is not None else ""
        return rc, err

    def wait_for(self, pred, after, deadline_s):
        """The first line past index `after` with pred(line), or None."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            self.read()
            for i in range(after, len(self.lines)):
                if pred(self.lines[i]):
                    return i
            if self.p.poll() is not None:
                self.read()
                return next((i for i in range(after, len(self.lines)) if pred(self.lines[i])), None)
            time.sleep(0.02)
        return None


def event(line):
    """'1:05 heard pause' -> 'heard pause'."""
    return line.split(" ", 1)[1] if " " in line and ":" in line.split(" ", 1)[0] else line


HERE = os.path.dirname(os.path.realpath(__file__))


def clip(phrase, variant):
    """The recording of phrase in variant ("kal.1.3" or "kal.1.3.noise":
    festival's voice, its tempo, pink noise 20 dB below the speech), made
    the first time it is asked for."""
    voice, tempo = variant.split(".")[0], ".".join(variant.split(".")[1:3])
    base = os.path.join(clips, f"{phrase.replace(' ', '-')}.{voice}.{tempo}.wav")
    if not os.path.exists(base):
        subprocess.run([sys.executable, os.path.join(HERE, "listen_clips.py"), clips, "--voices", voice,
                        "--tempos", tempo, "--phrases", phrase], check=True, stdout=subprocess.DEVNULL)
    if not variant.endswith(".noise"):
        return base
    noisy = base[:-4] + ".noise.wav"
    if not os.path.exists(noisy):
        subprocess.run([sys.executable, os.path.join(HERE, "../../bench/listen_audio.py"), "mix", noisy,
                        base, "--snr", "20", "--gap", "1.0"], check=True, stdout=subprocess.DEVNULL)
    return noisy


def say(run, phrase, variants):
    """Play the phrase until selfcare hears it (a person says it again when
    nothing happens): the index of its 'heard' line, or None."""
    want = "heard " + phrase.split(" ", 1)[1]
    start = len(run.lines)
    for v in variants:
        subprocess.run(["paplay", "-d", "null", clip(phrase, v)], check=True)
        i = run.wait_for(lambda l: event(l).startswith("heard "), start, 3)
        if i is None:
            print(f"note: {phrase} ({v}) not heard; said again", file=sys.stderr)
        else:
            check(event(run.lines[i]) == want, f"{phrase} ({v}) heard as '{run.lines[i]}'")
            return i
    check(False, f"{phrase} never heard ({', '.join(variants)})")
    return None


def commands():
    routine = os.path.join(tmp, "four.yaml")
    with open(routine, "w") as f:
        f.write("title: Four holds\nrest: 0\nprepare: 0\nsteps:\n")
        for n in range(1, 5):
            f.write(f"  - {{name: Hold {n}, kind: pose, hold: 60s, instructions: Stay.}}\n")
    run = Run(routine, "--no-voice")
    ready = run.wait_for(lambda l: event(l) == "listening", 0, 20)
    check(ready is not None, f"never listening: {run.lines} {run.p.stderr.read() if run.p.poll() is not None else ''}")
    if ready is None:
        run.p.kill()
        return
    # Three voices, two tempos, with and without pink noise 20 dB below:
    # each command in a different one; a miss is said again in the next.
    v = ["slt.1.0", "kal.1.3.noise", "ked.1.0", "slt.1.3.noise", "kal.1.0", "ked.1.3",
         "slt.1.0.noise", "kal.1.3"]
    rot = lambda k: v[k:] + v[:k]

    def expect(after, what, name):
        i = run.wait_for(lambda l: event(l).startswith(what), after, 3)
        check(i is not None, f"{name}: no '{what}' after it: {run.lines[after:]}")
        return i if i is not None else len(run.lines)

    i = say(run, "okay pause", rot(0))
    if i is not None:
        expect(i, "pause", "okay pause")
    i = say(run, "okay pause", rot(1))  # a pause while paused: still paused
    if i is not None:
        j = run.wait_for(lambda l: event(l) == "resume", i, 1)
        check(j is None, "a second okay pause resumed")
    # Each command, and the line its effect prints.
    for k, (phrase, effect) in enumerate([("okay resume", "resume"), ("okay next", "hold Hold 2"),
                                          ("okay back", "back"), ("okay again", "restart"),
                                          ("okay longer", "longer")]):
        i = say(run, phrase, rot(2 + k))
        if i is not None:
            expect(i, effect, phrase)
    # "okay stop", then silence: asked, and after 10 s still paused.
    i = say(run, "okay stop", rot(7))
    if i is not None:
        expect(i, "pause", "okay stop")
        j = expect(i, "stop?", "okay stop")
        j = run.wait_for(lambda l: event(l).startswith("paused"), j, 13)
        check(j is not None, f"okay stop unanswered: not still paused: {run.lines[i:]}")
        check(run.p.poll() is None, "okay stop unanswered ended the run")
    # "okay stop", "okay yes": the run ends as a quit (exit 3).
    i = say(run, "okay stop", rot(0))
    if i is not None:
        say(run, "okay yes", rot(1))
    rc, err = run.finish(10)
    check(rc == 3, f"okay stop, okay yes: exit {rc}, want 3: {run.lines[-5:]}\n{err[-3000:]}")


def echo_test(routine):
    """Selfcare's own voice, and its sounds, into the sink it listens to."""
    # What the recogniser hears, recorded beside it: the voice must be in
    # it, or the test proves nothing.
    rec = open(os.path.join(tmp, "echo.raw"), "wb")
    parec = subprocess.Popen(["parec", "-d", "null.monitor", "--raw", "--format=s16le", "--rate=16000",
                              "--channels=1"], stdout=rec)
    run = Run(routine)
    rc, err = run.finish(600)
    parec.terminate()
    parec.wait()
    rec.close()
    with open(os.path.join(tmp, "echo.raw"), "rb") as f:
        pcm = array.array("h", f.read())
    block = 320
    loud = sum(1 for i in range(0, len(pcm) - block, block)
               if math.sqrt(sum(x * x for x in pcm[i:i + block]) / block) > 32768 * 0.01)
    seconds = len(pcm) / 16000
    check(loud * 0.02 > 20, f"echo test: only {loud * 0.02:.1f} s of sound above -40 dBFS in {seconds:.0f} s recorded: "
          "selfcare's voice did not reach the sink")
    print(f"echo test: {loud * 0.02:.0f} s of selfcare's voice and sounds in {seconds:.0f} s, heard as commands: ",
          end="", file=sys.stderr)
    heard = [l for l in run.lines if event(l).startswith("heard")]
    print(len(heard), file=sys.stderr)
    check(rc == 0, f"echo test: exit {rc}\n{err[-3000:]}")
    check(any(event(l) == "listening" for l in run.lines), "echo test: never listening")
    check(not heard, f"selfcare's own voice heard as commands: {heard}")


commands()
if echo:
    echo_test(echo)
print(f"{checks} checks, {len(failures)} failed")
sys.exit(1 if failures else 0)
