"""selfcare export, checked by decoding what it wrote.

  export.py SELFCARE TMP shipped ROUTINE.yaml...
      each routine exported to Opus and decoded (opusdec): its length (the
      routine's total, then its closing words as espeak-ng says them, then
      0.5 s), a chapter per step played where `selfcare show` starts it,
      speech in every time to get ready, silence (below -50 dBFS) in every
      hold away from its words and sounds. The first one also as FLAC and
      WAV (cue sheets), and twice in each format: the same bytes.
  export.py SELFCARE TMP run ROUTINE.yaml
      a real `selfcare run` played into the private PulseAudio's null sink
      (export.sh starts it) and recorded, against the WAV export of the same
      routine: the same utterances in the same order, each starting within
      0.5 s of the run's (both without event sounds).
"""
import array
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import warnings
import wave

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import audioop  # fast block levels; gone in Python 3.13
    except ImportError:
        audioop = None

from checks import check, finish

RATE = 48000
BLOCK = RATE // 20  # 50 ms
SILENT_DBFS = -50.0
SPEECH_DBFS = -40.0
ESPEAK_WPM = 170
TOLERANCE_S = 0.5
TAIL_S = 0.5
# The longest theme sound a hold plays (the cue's, 1.03 s), and a margin
# for the codec's ringing.
SOUND_S = 1.3


def secs(text):
    """'1m45s' -> 105."""
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)
    h, mi, s = (int(x or 0) for x in m.groups())
    return h * 3600 + mi * 60 + s


def clock(text):
    """'1:02:03' or '2:03' -> seconds."""
    parts = [int(p) for p in text.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def show(selfcare, path):
    """The segments as `selfcare show` lists them: (start, kind, seconds,
    label), kind one of prepare, hold, rest; and the total."""
    out = run([selfcare, "show", path], check=True).stdout
    segs, total, in_steps = [], None, False
    for line in out.splitlines():
        if line == "Steps":
            in_steps = True
            continue
        m = re.fullmatch(r"Total (\S+): .*", line)
        if m:
            total = secs(m.group(1))
            continue
        if not in_steps:
            continue
        m = re.fullmatch(r"\s*(\d+(?::\d\d)+)\s+(?:\d+\.\s+(.*) \(\w+, (\S+)\)|get ready, (\S+)|"
                         r"rest (\S+)|switch sides, (\S+))", line)
        if not m:
            continue
        at = clock(m.group(1))
        if m.group(2):
            segs.append((at, "hold", secs(m.group(3)), m.group(2)))
        elif m.group(4):
            segs.append((at, "prepare", secs(m.group(4)), None))
        else:
            segs.append((at, "rest", secs(m.group(5) or m.group(6)), None))
    return segs, total


def spoken(selfcare, path):
    """[(start s, text)] as a run says them."""
    out = run([selfcare, "show", "--spoken", path], check=True).stdout
    items = []
    for line in out.splitlines():
        m = re.fullmatch(r"(\d+(?::\d\d)+) (.*)", line)
        if m:
            items.append((clock(m.group(1)), m.group(2)))
    return items


_said = {}


def said_s(text, tmp):
    """How long espeak-ng takes to say text at speech-dispatcher's rate."""
    if text not in _said:
        path = os.path.join(tmp, "said.wav")
        subprocess.run(["espeak-ng", "-s", str(ESPEAK_WPM), "-w", path, "--", text], check=True,
                       capture_output=True)
        with wave.open(path) as w:
            _said[text] = w.getnframes() / w.getframerate()
    return _said[text]


def read_wav(path):
    """Mono samples (-1..1) and the rate."""
    with wave.open(path) as w:
        ch, rate, n = w.getnchannels(), w.getframerate(), w.getnframes()
        data = array.array("h", w.readframes(n))
    if sys.byteorder != "little":
        data.byteswap()
    if ch > 1:
        data = data[::ch]  # the first channel
    return data, rate


def levels(samples, rate):
    """dBFS of each 50 ms block."""
    block = rate // 20
    out = []
    for i in range(0, len(samples) - block + 1, block):
        chunk = samples[i:i + block]
        if audioop:
            rms = audioop.rms(chunk.tobytes(), 2) / 32768.0
            power = rms * rms
        else:
            power = sum(x * x for x in chunk) / block / (32768.0 * 32768.0)
        out.append(10 * math.log10(power) if power > 0 else -200.0)
    return out


def decode(path, tmp):
    wav = os.path.join(tmp, "decoded.wav")
    r = run(["opusdec", "--quiet", "--rate", str(RATE), path, wav])
    check(r.returncode == 0, f"opusdec {path}", r.stderr)
    return read_wav(wav)


def chapters(path):
    """[(seconds, name)] from the Opus file's CHAPTERnnn comments."""
    out = run(["opusinfo", path], check=True).stdout
    times, names = {}, {}
    for line in out.splitlines():
        m = re.fullmatch(r"\s*CHAPTER(\d{3})=(\d+):(\d\d):(\d\d\.\d{3})", line)
        if m:
            times[int(m.group(1))] = int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
        m = re.fullmatch(r"\s*CHAPTER(\d{3})NAME=(.*)", line)
        if m:
            names[int(m.group(1))] = m.group(2)
    return [(times[k], names.get(k)) for k in sorted(times)], out


def check_routine(selfcare, tmp, yaml, fmt="opus"):
    name = os.path.basename(yaml)[:-5]
    out = os.path.join(tmp, f"{name}.opus")
    r = run([selfcare, "export", yaml, "-o", out, "--force"])
    if not check(r.returncode == 0 and os.path.exists(out), f"{name}: export", r.stderr):
        return
    segs, total = show(selfcare, yaml)
    words = spoken(selfcare, yaml)
    samples, rate = decode(out, tmp)
    db = levels(samples, rate)
    length = len(samples) / rate

    # Its length: the routine, then the closing words said at its end.
    closing = [w for w in words if w[0] >= total]
    end = max([total] + [at + said_s(text, tmp) for at, text in closing]) + TAIL_S
    check(abs(length - end) <= TOLERANCE_S and length >= total,
          f"{name}: {length:.2f} s long, the routine's {total} s then its closing words ({end:.2f} s)")

    # A chapter per step played, where show starts it (its get-ready).
    want = []
    for i, (at, kind, _, label) in enumerate(segs):
        if kind == "hold":
            start = segs[i - 1][0] if i > 0 and segs[i - 1][1] == "prepare" else at
            want.append((start, label))
    got, info = chapters(out)
    check(len(got) == len(want), f"{name}: {len(want)} chapters, one per step played",
          f"got {got}")
    for (gat, gname), (wat, wname) in zip(got, want):
        check(abs(gat - wat) < 0.001 and gname == wname,
              f"{name}: chapter '{wname}' at {wat} s", f"got '{gname}' at {gat} s")
    check(re.search(r"TITLE=\S", info) and "DESCRIPTION=" in info, f"{name}: title and description tags",
          info)

    def blocks(a, b):
        return db[max(0, int(a * 20)):max(0, int(b * 20))]

    # Speech in every time to get ready: a second of it at least.
    for at, kind, dur, _ in segs:
        if kind == "prepare":
            loud = sum(1 for v in blocks(at, at + dur) if v > SPEECH_DBFS)
            check(loud >= 20, f"{name}: speech in the get-ready at {at} s",
                  f"{loud * 0.05:.2f} s above {SPEECH_DBFS} dBFS")

    # Silence in every hold, away from its words and its sounds: its start
    # (the bell), its cues (a sound and words), its last seconds (ticks).
    # espeak-ng's own length of the words (speech-dispatcher's is the
    # same engine), 10% more and 0.3 s for the codec; a cue's sound (1 s)
    # comes with its words.
    busy = [(at - 0.1, max(at + said_s(text, tmp) * 1.1 + 0.3, at + SOUND_S))
            for at, text in words]
    for at, kind, dur, _ in segs:
        if kind == "hold":
            busy.append((at - 0.1, at + SOUND_S))
            busy.append((at + dur - 3.2, at + dur + SOUND_S))
    for at, kind, dur, _ in segs:
        if kind != "hold":
            continue
        loud, quiet = [], 0
        t = at
        while t < at + dur:
            if not any(a <= t < b for a, b in busy):
                v = db[int(t * 20)] if int(t * 20) < len(db) else -200.0
                quiet += 1
                if v >= SILENT_DBFS:
                    loud.append(f"{t:.2f} s: {v:.1f} dBFS")
            t += 0.05
        check(not loud, f"{name}: silence in the hold at {at} s, away from its words and sounds",
              "\n".join(loud[:10]))
        check(quiet > 0 or dur < 10, f"{name}: the hold at {at} s has quiet to check")


def check_formats(selfcare, tmp, yaml):
    """FLAC and WAV with their cue sheets; every format twice, the same."""
    name = os.path.basename(yaml)[:-5]
    for fmt in ("opus", "flac", "wav"):
        a = os.path.join(tmp, f"a.{fmt}")
        b = os.path.join(tmp, f"b.{fmt}")
        ra = run([selfcare, "export", yaml, "-o", a, "--force"])
        rb = run([selfcare, "export", yaml, "--format", fmt, "-o", b, "--force"])
        if not check(ra.returncode == 0 and rb.returncode == 0, f"{name}: export to {fmt}",
                     ra.stderr + rb.stderr):
            continue
        with open(a, "rb") as fa, open(b, "rb") as fb:
            check(fa.read() == fb.read(), f"{name}: two {fmt} exports are the same bytes")
        if fmt != "opus":
            cue = os.path.join(tmp, "a.cue")
            check(os.path.exists(cue), f"{name}: a cue sheet beside the {fmt} file")
            if os.path.exists(cue):
                sheet = open(cue).read()
                check(f'FILE "a.{fmt}" WAVE' in sheet and sheet.count("TRACK ") ==
                      sheet.count("INDEX 01 "), f"{name}: the {fmt} cue sheet", sheet)
            soxi = shutil.which("soxi")
            if soxi:
                r = run([soxi, "-r", a])
                check(r.stdout.strip() == str(RATE), f"{name}: {fmt} at {RATE} Hz", r.stdout)


def check_safety(selfcare, tmp, yaml):
    """--safety-voice: the notes first, a chapter of their own, a pause,
    then the routine's chapters as late as the notes are long."""
    name = os.path.basename(yaml)[:-5]
    plain, first = os.path.join(tmp, "plain.opus"), os.path.join(tmp, "safety.opus")
    r1 = run([selfcare, "export", yaml, "-o", plain, "--force"])
    r2 = run([selfcare, "export", yaml, "--safety-voice", "-o", first, "--force"])
    if not check(r1.returncode == 0 and r2.returncode == 0, f"{name}: export --safety-voice",
                 r1.stderr + r2.stderr):
        return
    want, _ = chapters(plain)
    got, _ = chapters(first)
    check(len(got) == len(want) + 1 and got[0] == (0.0, "Safety notes"),
          f"{name}: the safety notes' chapter first", f"{got}")
    if len(got) != len(want) + 1:
        return
    shift = got[1][0] - want[0][0]
    check(all(abs(g[0] - w[0] - shift) < 0.001 and g[1] == w[1] for g, w in zip(got[1:], want)),
          f"{name}: every chapter {shift:.3f} s later", f"{got}\n{want}")
    # The cue sheet of a FLAC export says the same, to the frame (1/75 s).
    flac = os.path.join(tmp, "safety.flac")
    r = run([selfcare, "export", yaml, "--safety-voice", "-o", flac, "--force"])
    if check(r.returncode == 0, f"{name}: export --safety-voice to FLAC", r.stderr):
        sheet = open(os.path.join(tmp, "safety.cue")).read()
        tracks = re.findall(r'TITLE "(.*)"\n    INDEX 01 (\d+):(\d\d):(\d\d)', sheet)
        cued = [(int(m) * 60 + int(sec) + int(f) / 75, t) for t, m, sec, f in tracks]
        check(len(cued) == len(got) and
              all(abs(c[0] - g[0]) <= 0.5 / 75 + 0.001 and c[1] == g[1] for c, g in zip(cued, got)),
              f"{name}: the FLAC's cue sheet has the safety notes' track and the same times",
              f"{cued}\n{got}")
    samples, rate = decode(first, tmp)
    db = levels(samples, rate)
    notes = db[:int((shift - 3) * 20)]
    pause = db[int((shift - 2.5) * 20):int((shift - 0.2) * 20)]
    check(shift > 10 and sum(1 for v in notes if v > SPEECH_DBFS) > len(notes) / 2,
          f"{name}: the notes are spoken for the {shift - 3:.1f} s before the pause")
    check(pause and max(pause) < SILENT_DBFS, f"{name}: a quiet pause after the notes",
          f"{max(pause) if pause else None} dBFS")


def onsets(samples, rate, gap_s=0.7):
    """[(start s, length s)] of the stretches of sound (above -45 dBFS)
    separated by at least gap_s of quiet."""
    db = levels(samples, rate)
    out, start, last = [], None, None
    for i, v in enumerate(db):
        t = i / 20
        if v > -45:
            if start is None or t - last > gap_s:
                if start is not None:
                    out.append((start, last + 0.05 - start))
                start = t
            last = t
    if start is not None:
        out.append((start, last + 0.05 - start))
    return out


def check_run(selfcare, tmp, yaml):
    rec = os.path.join(tmp, "run.wav")
    exported = os.path.join(tmp, "export.wav")
    r = run([selfcare, "export", yaml, "--quiet", "-o", exported])
    check(r.returncode == 0, "export to WAV", r.stderr)
    parec = subprocess.Popen(["parec", "-d", "null.monitor", "--rate", str(RATE), "--channels", "1",
                              "--format", "s16le", "--file-format=wav", rec])
    try:
        # The recorder is there before the run starts: poll for its file
        # (a second of sound recorded), with a deadline.
        deadline = time.monotonic() + 30
        while not (os.path.exists(rec) and os.path.getsize(rec) > RATE):
            if time.monotonic() > deadline or parec.poll() is not None:
                check(False, "parec records the null sink's monitor")
                return
            time.sleep(0.05)
        r = run([selfcare, "run", yaml, "--plain", "--yes", "--quiet", "--no-notify",
                 "--no-checkin", "--no-safety-voice"], timeout=600)
        check(r.returncode == 0, "the real run", r.stderr)
        # The closing words reach the sink after the run has handed them
        # over and gone: wait for sound after its end, then 2 s of quiet.
        ended = len(read_wav_partial(rec)[0]) - RATE // 2
        deadline = time.monotonic() + 30
        while True:
            samples, rate = read_wav_partial(rec)
            after = levels(samples[ended:], rate)
            if any(v > -45 for v in after) and len(after) > 40 and max(after[-40:]) < -60:
                break
            if time.monotonic() > deadline:
                check(False, "the closing words reach the sink within 30 s of the run's end")
                break
            time.sleep(0.2)
    finally:
        parec.terminate()
        parec.wait()
    heard, rate = read_wav_partial(rec)
    made, mrate = read_wav(exported)
    h = onsets(heard, rate)
    m = onsets(made, mrate)
    check(len(h) == len(m) and len(m) > 3, f"the run and the export say {len(m)} things",
          f"run {h}\nexport {m}")
    if not h or not m:
        return
    # The run's clock starts when it is started, the recording before:
    # line them up on the first words, then every start within 0.5 s.
    shift = h[0][0] - m[0][0]
    for (ht, hl), (mt, ml) in zip(h, m):
        check(abs(ht - shift - mt) <= TOLERANCE_S,
              f"words at {mt:.2f} s in the export begin at {ht - shift:.2f} s in the run")
        check(abs(hl - ml) <= max(0.5, 0.15 * ml),
              f"the words at {mt:.2f} s last as long ({ml:.2f} s, run {hl:.2f} s)")


def check_frozen_server(selfcare, tmp, yaml):
    """An export plays nothing: a sound server that has stopped answering
    (SIGSTOP) cannot hold it up (espeak-ng's library opens a sound device
    even when it only hands its samples back: libpulse waits 30 s for a
    frozen server). breath-reset exports in half a second; 15 s is ample."""
    pid = int(os.environ.get("EXPORT_PULSE_PID") or 0)
    if not pid:
        return
    os.kill(pid, signal.SIGSTOP)
    try:
        out = os.path.join(tmp, "frozen.opus")
        try:
            r = run([selfcare, "export", yaml, "-o", out], timeout=15)
            check(r.returncode == 0 and os.path.exists(out),
                  "export with the sound server frozen", r.stderr)
        except subprocess.TimeoutExpired:
            check(False, "export with the sound server frozen: still waiting after 15 s")
    finally:
        os.kill(pid, signal.SIGCONT)


def read_wav_partial(path):
    """A WAV that parec is still writing (its header's sizes not final)."""
    with open(path, "rb") as f:
        data = f.read()
    i = data.find(b"data")
    pcm = array.array("h")
    body = data[i + 8:] if i >= 0 else b""
    pcm.frombytes(body[:len(body) // 2 * 2])
    if sys.byteorder != "little":
        pcm.byteswap()
    return pcm, RATE


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    selfcare, tmp, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    files = sys.argv[4:]
    for tool in ("opusdec", "opusinfo", "espeak-ng"):
        if shutil.which(tool) is None:
            print(f"export: {tool} is not installed: skipped")
            sys.exit(77)
    if mode == "shipped":
        check_formats(selfcare, tmp, files[0])
        check_safety(selfcare, tmp, files[0])
        for yaml in files:
            check_routine(selfcare, tmp, yaml)
    else:
        check_run(selfcare, tmp, files[0])
        check_frozen_server(selfcare, tmp, files[0])
    finish()


if __name__ == "__main__":
    main()
