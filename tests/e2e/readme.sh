# Every command README.md shows, run (see readme.py).
HERE=$(realpath "$(dirname "$0")")
exec /usr/bin/python3 "$HERE/readme.py" "$1" "$HERE/../.."
