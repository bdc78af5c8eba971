# Voice commands end to end: a private PulseAudio with a null sink, whose
# monitor `selfcare run --listen` records, and festival's voices speaking
# the commands into the sink (listen.py). With --echo, also a whole shipped
# routine whose own voice goes into that sink: nothing may be heard.
set -eu
SELFCARE=$(realpath "$1")
HERE=$(realpath "$(dirname "$0")")
for tool in pulseaudio pactl paplay parec text2wave; do
	command -v "$tool" >/dev/null || { echo "listen: $tool is not installed: skipped"; exit 77; }
done
[ -r /usr/share/pocketsphinx/model/en-us/en-us/mdef ] ||
	{ echo "listen: pocketsphinx-en-us is not installed: skipped"; exit 77; }
# festival's voices: listen_clips.py exits 77 when one is missing.
/usr/bin/python3 "$HERE/listen_clips.py" --check || exit $?
PULSE_TEST=listen
# shellcheck source=pulse.sh
source "$HERE/pulse.sh"
mkdir "$TMP/clips"

status=0
if [ "${2:-}" = --echo ]; then
	/usr/bin/python3 "$HERE/listen.py" "$SELFCARE" "$TMP" "$TMP/clips" --echo \
		"$HERE/../../routines/breath-reset.yaml" || status=$?
else
	/usr/bin/python3 "$HERE/listen.py" "$SELFCARE" "$TMP" "$TMP/clips" || status=$?
fi
exit $status
