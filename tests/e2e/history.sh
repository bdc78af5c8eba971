# The history store end to end (see history.py).
HERE=$(realpath "$(dirname "$0")")
exec /usr/bin/python3 "$HERE/history.py" "$1"
