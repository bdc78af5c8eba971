#!/usr/bin/env bash
# selfcare export: how long psoas-release (16m55s of routine) takes to
# export, its peak memory and the size of each format; the same with
# festival's voice where it is installed. hyperfine times 5 runs of each
# (a warm-up first); /usr/bin/time gives the peak RSS (of selfcare alone
# for espeak-ng; for festival, its child's is the larger and is shown);
# callgrind counts the instructions of one export to WAV (no codec: the
# synthesizer, the resampler and the mix).
# Usage: bench/export.sh [path/to/selfcare]   (./dev bench runs it)
# Targets (issue 21): psoas-release in at most 8 s, peak RSS at most 40 MB,
# the Opus file at most 1 MB.
set -euo pipefail
SELFCARE=$(realpath "${1:-build/default/selfcare}")
for tool in hyperfine /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench: needs $tool (./dev bench installs it)" >&2; exit 1; }
done
TMP=$(mktemp -d /tmp/selfcare-bench-export.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
ROUTINE=psoas-release

echo "== selfcare export $ROUTINE: time (hyperfine, 5 runs each)"
hyperfine -N -w 1 -r 5 \
	-n opus "$SELFCARE export $ROUTINE -f -o $TMP/r.opus" \
	-n flac "$SELFCARE export $ROUTINE -f -o $TMP/r.flac" \
	-n wav "$SELFCARE export $ROUTINE -f -o $TMP/r.wav"

echo
echo "== peak RSS and size"
for fmt in opus flac wav; do
	/usr/bin/time -f "%M" -o "$TMP/rss" "$SELFCARE" export "$ROUTINE" -f -o "$TMP/r.$fmt"
	awk -v f="$fmt" -v k="$(cat "$TMP/rss")" -v b="$(stat -c %s "$TMP/r.$fmt")" \
		'BEGIN { printf "%-5s %6.1f MB RSS  %9d bytes (%.2f MB)\n", f, k / 1024, b, b / 1e6 }'
done
if command -v opusinfo >/dev/null; then
	opusinfo "$TMP/r.opus" | grep -E "Playback length|Average bitrate"
fi

if command -v valgrind >/dev/null; then
	echo
	echo "== instructions of one export to WAV (callgrind)"
	valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$SELFCARE" export "$ROUTINE" -f \
		-o "$TMP/r.wav" 2>&1 | grep -E "Collected" | sed 's/^==[0-9]*== //'
fi

if command -v festival >/dev/null && [ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ]; then
	echo
	echo "== --voice festival (one run)"
	/usr/bin/time -f "%e s wall, %U s user, peak RSS %M kB (festival's)" \
		"$SELFCARE" export "$ROUTINE" --voice festival -f -o "$TMP/f.opus"
	printf 'opus %d bytes\n' "$(stat -c %s "$TMP/f.opus")"
fi
