# Speech and event sounds end to end: a private PulseAudio whose default
# sink is a null sink, recorded from its monitor, and the speech-dispatcher
# that the speech backend starts itself (see audio.py). Everything it starts
# is stopped on the way out, whatever happens.
set -eu
PROBE=$(realpath "$1")
SELFCARE=$(realpath "$2")
HERE=$(realpath "$(dirname "$0")")
PULSE_TEST=audio
# shellcheck source=pulse.sh
source "$HERE/pulse.sh"

status=0
/usr/bin/python3 "$HERE/audio.py" "$PROBE" "$TMP" "$PULSE_PID" "$SELFCARE" || status=$?
exit $status
