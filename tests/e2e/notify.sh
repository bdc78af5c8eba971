# Desktop notifications end to end: a private session bus with
# python3-dbusmock as the notification server (see notify.py).
set -eu
SELFCARE=$(realpath "$1")
HERE=$(realpath "$(dirname "$0")")
TMP=$(mktemp -d /tmp/selfcare-notify.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP XDG_DATA_HOME=$TMP/data XDG_DATA_DIRS=$TMP/none
unset DISPLAY WAYLAND_DISPLAY
exec dbus-run-session --config-file="$HERE/session.conf" -- \
	/usr/bin/python3 "$HERE/notify.py" "$SELFCARE" "$HERE/../data" 2> >(grep -v 'Failed to set fd limit' >&2)
