#!/usr/bin/env python3
"""Build test streams for the voice-command listener (stdlib only).

    listen_audio.py mix OUT.wav CLIP.wav... [--gap 2.0] [--snr DB]
                        [--level -23] [--seed 1] [--shuffle]
    listen_audio.py score STREAM.tsv HITS.tsv [--label NAME]

Concatenates the clips (16 kHz mono 16-bit WAVs, e.g. from
tests/e2e/listen_clips.py) with GAP seconds of silence between the speech
of one clip and the next (half of it before the first and after the last),
optionally adds pink noise SNR dB below the speech, and writes OUT.wav and
OUT.tsv.  The TSV has one row per clip: the clip's file name, the phrase
(taken from the name: okay-pause.slt.1.0.wav -> "okay pause"), and where
its speech starts and ends in OUT.wav, in seconds.

Each clip's speech is first scaled so that its RMS over its active part
(20 ms frames within 35 dB of the clip's loudest frame) is LEVEL dBFS; the
noise is then set to LEVEL - SNR dBFS, so every command gets the same SNR
whichever voice spoke it.

score reads a stream's TSV and what bench/listen_probe heard in it
("FILE<TAB>SECONDS<TAB>PHRASE" lines) and prints one line: commands
heard right, heard as another command, missed, hits where no command was
said, and the latency from the end of each command's speech to its hit
(median, 90th percentile, largest), in audio time.
"""
import argparse
import array
import math
import os
import random
import sys
import wave

RATE = 16000
FRAME = 320  # 20 ms


def read_clip(path):
    """Samples of a 16 kHz mono 16-bit WAV as a list of floats."""
    with wave.open(path, "rb") as w:
        if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (RATE, 1, 2):
            sys.exit("%s: need 16 kHz mono 16-bit" % path)
        a = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        a.byteswap()
    return [float(x) for x in a]


def active_frames(x, floor_db=35.0):
    """Indices of 20 ms frames within floor_db of the loudest frame."""
    energies = []
    for i in range(0, len(x) - FRAME + 1, FRAME):
        energies.append(sum(v * v for v in x[i:i + FRAME]) / FRAME)
    top = max(energies) if energies else 0.0
    if top <= 0:
        return []
    limit = top * 10 ** (-floor_db / 10)
    return [k for k, e in enumerate(energies) if e >= limit]


def trim_and_level(x, level_db):
    """Cut the clip to its speech, scaled to `level_db` dBFS active RMS."""
    act = active_frames(x)
    if not act:
        return []
    first, last = act[0] * FRAME, (act[-1] + 1) * FRAME
    power = sum(sum(v * v for v in x[k * FRAME:(k + 1) * FRAME])
                for k in act) / (len(act) * FRAME)
    gain = 32768 * 10 ** (level_db / 20) / math.sqrt(power)
    return [v * gain for v in x[first:last]]


def pink_noise(n, rng):
    """n samples of pink noise with unit RMS (Paul Kellet's filter)."""
    b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0.0
    out = [0.0] * n
    for i in range(n):
        w = rng.uniform(-1.0, 1.0)
        b0 = 0.99886 * b0 + w * 0.0555179
        b1 = 0.99332 * b1 + w * 0.0750759
        b2 = 0.96900 * b2 + w * 0.1538520
        b3 = 0.86650 * b3 + w * 0.3104856
        b4 = 0.55000 * b4 + w * 0.5329522
        b5 = -0.7616 * b5 - w * 0.0168980
        out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362
        b6 = w * 0.115926
    rms = math.sqrt(sum(v * v for v in out) / n) if n else 1.0
    return [v / rms for v in out]


def phrase_of(path):
    """okay-pause.slt.1.0.wav -> 'okay pause'."""
    return os.path.basename(path).split(".")[0].replace("-", " ")


def write_wav(path, samples):
    a = array.array("h", (max(-32768, min(32767, int(round(v))))
                          for v in samples))
    if sys.byteorder == "big":
        a.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(a.tobytes())


def mix(args):
    rng = random.Random(args.seed)
    clips = list(args.clips)
    if args.shuffle:
        rng.shuffle(clips)
    half = [0.0] * int(args.gap * RATE / 2)
    stream, rows = list(half), []
    for path in clips:
        speech = trim_and_level(read_clip(path), args.level)
        start = len(stream)
        stream.extend(speech)
        rows.append((os.path.basename(path), phrase_of(path),
                     start / RATE, len(stream) / RATE))
        stream.extend(half)
        stream.extend(half)
    del stream[len(stream) - len(half):]  # only half a gap at the end

    if args.snr is not None:
        noise_rms = 32768 * 10 ** ((args.level - args.snr) / 20)
        noise = pink_noise(len(stream), rng)
        stream = [s + noise_rms * v for s, v in zip(stream, noise)]

    write_wav(args.out, stream)
    tsv = os.path.splitext(args.out)[0] + ".tsv"
    with open(tsv, "w") as f:
        f.write("clip\tphrase\tstart\tend\n")
        for r in rows:
            f.write("%s\t%s\t%.3f\t%.3f\n" % r)
    print("%s: %d clips, %.1f s; %s" % (args.out, len(rows),
                                       len(stream) / RATE, tsv))


def score(args):
    with open(args.stream) as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    rows = [(r[1], float(r[2]), float(r[3])) for r in rows]
    hits = []
    with open(args.hits) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and p[0] not in ("cpu", "slowest"):
                hits.append((float(p[1]), p[2]))
    right = wrong = 0
    latency, used = [], set()
    for phrase, start, end in rows:
        mine = [i for i, (t, _) in enumerate(hits)
                if start <= t <= end + 1.5 and i not in used]
        if not mine:
            continue
        i = mine[0]
        used.update(mine)
        if hits[i][1] == phrase:
            right += 1
            latency.append(hits[i][0] - end)
        else:
            wrong += 1
    extra = len(hits) - len(used)
    n = len(rows)
    latency.sort()

    def q(p):
        return latency[min(len(latency) - 1, int(p * len(latency)))] if latency else float("nan")
    print("%s\t%d commands\tright %d (%.1f%%)\twrong %d\tmissed %d\textra %d\t"
          "latency median %.2f s, p90 %.2f s, max %.2f s"
          % (args.label, n, right, 100.0 * right / n, wrong, n - right - wrong,
             extra, q(0.5), q(0.9), latency[-1] if latency else float("nan")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("mix", help="concatenate clips, add pink noise")
    m.add_argument("out")
    m.add_argument("clips", nargs="+")
    m.add_argument("--gap", type=float, default=2.0,
                   help="seconds of silence between commands (default 2)")
    m.add_argument("--snr", type=float, default=None,
                   help="add pink noise this many dB below the speech")
    m.add_argument("--level", type=float, default=-23.0,
                   help="active speech RMS in dBFS (default -23)")
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--shuffle", action="store_true",
                   help="mix the clips in a random (seeded) order")
    sc = sub.add_parser("score", help="score listen_probe's hits on a stream")
    sc.add_argument("stream")
    sc.add_argument("hits")
    sc.add_argument("--label", default="stream")
    args = ap.parse_args()
    if args.cmd == "mix":
        mix(args)
    else:
        score(args)


if __name__ == "__main__":
    main()
