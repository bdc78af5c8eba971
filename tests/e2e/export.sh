# selfcare export end to end (export.py): shipped routines exported,
# decoded and measured; with --run, a real run recorded from a private
# PulseAudio's null sink (pulse.sh) against the WAV export of the same
# routine. Usage: export.sh SELFCARE [--run | ROUTINE.yaml...] (no
# routine: every shipped one).
set -eu
SELFCARE=$(realpath "$1")
shift
HERE=$(realpath "$(dirname "$0")")
for tool in opusdec opusinfo espeak-ng; do
	command -v "$tool" >/dev/null || { echo "export: $tool is not installed: skipped"; exit 77; }
done
[ -d /usr/share/sounds/freedesktop/stereo ] ||
	{ echo "export: sound-theme-freedesktop is not installed: skipped"; exit 77; }

if [ "${1:-}" = --run ]; then
	for tool in pulseaudio pactl parec speech-dispatcher; do
		command -v "$tool" >/dev/null || { echo "export: $tool is not installed: skipped"; exit 77; }
	done
	PULSE_TEST=export
	# shellcheck source=pulse.sh
	source "$HERE/pulse.sh"
	status=0
	EXPORT_PULSE_PID=$PULSE_PID /usr/bin/python3 "$HERE/export.py" "$SELFCARE" "$TMP" run \
		"$HERE/../data/export-run.yaml" || status=$?
	exit $status
fi

TMP=$(mktemp -d /tmp/selfcare-export.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_DATA_HOME=$TMP/home/.local/share
mkdir -p "$HOME"
if [ $# -eq 0 ]; then
	set -- "$HERE"/../../routines/*.yaml
fi
/usr/bin/python3 "$HERE/export.py" "$SELFCARE" "$TMP" shipped "$@"
