# Reminders from a real cron daemon to a private session bus found through
# a process of the user (see reminders.py). Exit 77 (skipped) without root.
HERE=$(realpath "$(dirname "$0")")
exec /usr/bin/python3 "$HERE/reminders.py" "$1" "$HERE/session.conf"
