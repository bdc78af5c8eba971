"""Every utterance of every shipped routine, as 'selfcare show --spoken'
gives it, synthesized with espeak-ng at 170 words a minute (speech-
dispatcher's default rate for espeak-ng): each must end VOICE_GAP (1 s)
before the next begins, or a run cuts it off.

Also keeps tests/data/saytime.tsv honest: it must hold every shipped
utterance with its measured duration, for the unit test that holds the
core's estimate (src/core/saytime.c) to within 15% of espeak-ng.

  speech.py SELFCARE ROUTINES_DIR DATA_TSV           check
  speech.py SELFCARE ROUTINES_DIR DATA_TSV --write   measure and rewrite DATA_TSV
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave

from checks import check, finish

WPM = 170
GAP_MS = 1000
MEASURE_SLACK_MS = 40  # espeak-ng is deterministic; leave room for rounding


def measure(text):
    """Milliseconds of audio espeak-ng makes of text."""
    fd, path = tempfile.mkstemp(suffix=".wav")
    os.close(fd)
    try:
        subprocess.run(["espeak-ng", "-s", str(WPM), "-w", path, "--", text], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with wave.open(path) as w:
            return round(w.getnframes() * 1000 / w.getframerate())
    finally:
        os.unlink(path)


def spoken(selfcare, path):
    """[(start ms, text)] of a routine."""
    out = subprocess.run([selfcare, "show", "--spoken", path], check=True,
                         capture_output=True, text=True).stdout
    items = []
    for line in out.splitlines():
        m = re.fullmatch(r"(?:(\d+):)?(\d+):(\d\d) (.*)", line)
        check(m is not None, f"{path}: a line of show --spoken reads as M:SS TEXT", line)
        if m:
            h, mi, s, text = m.groups()
            items.append(((int(h or 0) * 3600 + int(mi) * 60 + int(s)) * 1000, text))
    return items


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed: skipped", file=sys.stderr)
        sys.exit(77)
    selfcare, routines, data = sys.argv[1:4]
    write = sys.argv[4:] == ["--write"]
    names = sorted(f for f in os.listdir(routines) if f.endswith(".yaml"))
    scripts = {n: spoken(selfcare, os.path.join(routines, n)) for n in names}
    texts = sorted({t for items in scripts.values() for _, t in items})
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        said = dict(zip(texts, pool.map(measure, texts)))

    for name, items in scripts.items():
        check(len(items) > 0, f"{name}: says something")
        for (at, text), (nxt, _) in zip(items, items[1:]):
            end = at + said[text]
            check(end + GAP_MS <= nxt,
                  f"{name}: words at {at // 60000}:{at // 1000 % 60:02d} end at "
                  f"{end / 1000:.1f} s, {(nxt - end) / 1000:.1f} s before the next at "
                  f"{nxt / 1000:.0f} s (want at least {GAP_MS / 1000:.0f} s)", text)

    if write:
        with open(data, "w", encoding="utf-8") as f:
            f.write("# Every shipped utterance and its length in ms, measured with\n"
                    f"# espeak-ng -s {WPM}; rewrite with tests/e2e/speech.py ... --write\n")
            for t in texts:
                f.write(f"{said[t]}\t{t}\n")
        print(f"wrote {len(texts)} utterances to {data}")
    else:
        table = {}
        with open(data, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                ms, text = line.rstrip("\n").split("\t", 1)
                table[text] = int(ms)
        missing = [t for t in texts if t not in table]
        check(not missing, f"{data} holds every shipped utterance (rewrite it with --write)",
              "\n".join(missing[:5]))
        off = [(t, table[t], said[t]) for t in texts
               if t in table and abs(table[t] - said[t]) > MEASURE_SLACK_MS]
        check(not off, f"{data}: durations as espeak-ng measures them now",
              "\n".join(f"{a} ms recorded, {b} ms now: {t}" for t, a, b in off[:5]))
    finish()


main()
