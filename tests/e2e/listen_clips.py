#!/usr/bin/env python3
"""Write test clips of the voice commands, spoken by festival.

    listen_clips.py OUTDIR [--voices slt,kal,ked] [--tempos 1.0,1.3]
                           [--phrases "okay pause,okay next"]
    listen_clips.py OUTDIR --text FILE [--voices ...] [--tempos ...]
    listen_clips.py --check [--voices ...]

One 16 kHz mono 16-bit WAV per phrase/voice/tempo, named after the phrase,
the voice and the tempo, e.g. OUTDIR/okay-pause.slt.1.3.wav.  A tempo is a
duration factor: 1.3 means 1.3 times slower than the voice's normal speed.
Files that already exist are left alone, so a second run is cheap.
With --text, the whole of FILE is read by each voice at each tempo instead,
into OUTDIR/NAME.VOICE.TEMPO.wav, NAME being FILE's name without its
extension (bench/listen.sh: another person reading the routines aloud).
--check writes nothing: it only says whether festival and the voices are
there (exit 0 or 77).

Exits 77 (the "skipped" code of ctest and automake) if text2wave or one of
the asked-for voices is not installed, so that a test using these clips is
skipped rather than failed on a machine without festival.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

PHRASES = ["okay pause", "okay resume", "okay next", "okay back",
           "okay again", "okay longer", "okay stop", "okay yes"]

# Short name -> (festival function selecting the voice, its directory).
VOICES = {
    "slt": ("voice_cmu_us_slt_arctic_hts", "us/cmu_us_slt_arctic_hts"),
    "kal": ("voice_kal_diphone", "english/kal_diphone"),
    "ked": ("voice_ked_diphone", "english/ked_diphone"),
}
VOICE_ROOT = "/usr/share/festival/voices"
SKIP = 77


def tempo_eval(voice, tempo):
    """Scheme that makes `voice` speak `tempo` times slower.

    The diphone voices follow the Duration_Stretch parameter; the HTS voice
    ignores it and takes a speed rate ("-r", 1/tempo) from its engine
    parameters instead, which must be set after the voice is selected.
    """
    if voice == "slt":
        return ('(set! hts_engine_params (append hts_engine_params '
                '(list (list "-r" %r))))' % (1.0 / tempo))
    return "(Parameter.set 'Duration_Stretch %r)" % tempo


def speak(text, voice, tempo, path):
    """Speak `text` into the WAV file `path` (written atomically)."""
    func = VOICES[voice][0]
    cmd = ["text2wave", "-F", "16000", "-otype", "riff",
           "-eval", "(%s)" % func, "-eval", tempo_eval(voice, tempo)]
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=os.path.dirname(path))
    os.close(fd)
    try:
        subprocess.run(cmd + ["-o", tmp], input=text.encode(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def clip_name(phrase, voice, tempo):
    return "%s.%s.%s.wav" % (phrase.replace(" ", "-"), voice, tempo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--text", help="read this file aloud instead")
    ap.add_argument("--check", action="store_true",
                    help="only check that festival and the voices are there")
    ap.add_argument("--voices", default="slt,kal,ked")
    ap.add_argument("--tempos", default="1.0,1.3")
    ap.add_argument("--phrases", default=",".join(PHRASES),
                    help="comma-separated phrases")
    args = ap.parse_args()

    voices = [v for v in args.voices.split(",") if v]
    tempos = [t for t in args.tempos.split(",") if t]
    phrases = [p.strip() for p in args.phrases.split(",") if p.strip()]
    for v in voices:
        if v not in VOICES:
            ap.error("unknown voice %r (known: %s)" % (v, ",".join(VOICES)))
    for t in tempos:
        float(t)  # reject a typo early; the name keeps the text as given

    if shutil.which("text2wave") is None:
        print("skip: text2wave not installed (package festival)",
              file=sys.stderr)
        return SKIP
    for v in voices:
        if not os.path.isdir(os.path.join(VOICE_ROOT, VOICES[v][1])):
            print("skip: festival voice %s not installed" % VOICES[v][0],
                  file=sys.stderr)
            return SKIP

    if args.check:
        return 0
    if args.outdir is None:
        ap.error("OUTDIR is needed")
    os.makedirs(args.outdir, exist_ok=True)
    made = 0
    if args.text:
        with open(args.text) as f:
            text = f.read()
        name = os.path.splitext(os.path.basename(args.text))[0]
        for v in voices:
            for t in tempos:
                path = os.path.join(args.outdir, clip_name(name, v, t))
                if not os.path.exists(path):
                    speak(text, v, float(t), path)
                    made += 1
        print("%d readings written to %s" % (made, args.outdir))
        return 0
    for phrase in phrases:
        for v in voices:
            for t in tempos:
                path = os.path.join(args.outdir, clip_name(phrase, v, t))
                if os.path.exists(path):
                    continue
                speak(phrase, v, float(t), path)
                made += 1
    print("%d clips written to %s" % (made, args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
