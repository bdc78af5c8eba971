# history and schedule list on a terminal (tmux): a table when its rows fit
# the width, a block per row when they do not; never a line that the
# terminal has to wrap, never a word broken. Checked at 80 and 50 columns.
source "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tables: no tmux; skipped"; exit 77; }
N=0 # a server of its own for each terminal: no waiting for the last to go
T() { tmux -L "selfcare-tables-$$-$N" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; sleep 0.2; rm -rf "$TMP" 2>/dev/null' EXIT
export XDG_STATE_HOME=$TMP/state XDG_RUNTIME_DIR=$TMP/run SELFCARE_ASSUME_SYSTEMD=1
mkdir -m 700 "$XDG_RUNTIME_DIR"
DB=$XDG_STATE_HOME/selfcare/history.db

# Runs of the longest shipped name: completed, one with a skip, one resumed
# and cut off by a signal, with check-ins.
"$SELFCARE" run glutes-lower-back --plain --yes --speed 1000 --no-voice --quiet --no-notify \
	>/dev/null 2>&1
/usr/bin/python3 - "$DB" <<'PY'
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
now = int(time.time())
con.execute("INSERT INTO runs (started, utc_offset, routine, title, nominal_s, actual_ms, holds,"
            " done, skipped, ended, segment, segments, tension_before, tension_after)"
            " VALUES (?, 0, 'glutes-lower-back', 'Glutes', 635, 600000, 10, 9, 1, 'completed',"
            " 1, 1, 10, 10)", (now,))
con.execute("INSERT INTO runs (started, utc_offset, routine, title, nominal_s, actual_ms, holds,"
            " done, skipped, ended, segment, segments, tension_before, tension_after,"
            " resumed_from) VALUES (?, 0, 'glutes-lower-back', 'Glutes', 635, 300000, 10, 4, 2,"
            " 'interrupted', 1, 1, 7, NULL, 1)", (now,))
con.commit()
PY

# show COLS ARGS: run selfcare in a COLS-wide terminal; sets SCREEN (as shown)
# and JOINED (the same with the lines the terminal wrapped joined again).
show() {
	local cols=$1 i
	shift
	T kill-server 2>/dev/null
	N=$((N + 1))
	T new-session -d -x "$cols" -y 50 "env -i HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME XDG_DATA_DIRS=$XDG_DATA_DIRS SELFCARE_ASSUME_SYSTEMD=1 ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} TERM=xterm LANG=C.UTF-8 PATH=/usr/bin:/bin PS1='$ ' bash --norc --noprofile"
	# The markers are printed as two words joined, so that the typed line
	# (however the terminal wraps it) never holds them.
	T send-keys "clear; printf '%s-%s\\n' START OUTPUT; $SELFCARE $*; printf '%s-%s\\n' END OUTPUT" Enter
	for i in $(seq 100); do
		T capture-pane -p | grep -q "^END-OUTPUT$" && break
		sleep 0.1
	done
	SCREEN=$(T capture-pane -p -S - | sed '0,/^START-OUTPUT$/d;/^END-OUTPUT$/,$d')
	JOINED=$(T capture-pane -p -J -S - | sed '0,/^START-OUTPUT$/d;/^END-OUTPUT$/,$d')
}
no_wrap() { # -J also keeps trailing spaces: those are not a wrap
	CHECKS=$((CHECKS + 1))
	[ "$(sed 's/ *$//' <<<"$SCREEN")" = "$(sed 's/ *$//' <<<"$JOINED")" ] ||
		fail "$1: lines wider than the terminal:"$'\n'"$SCREEN"
}

show 80 history
no_wrap "history at 80"
CHECKS=$((CHECKS + 1))
grep -q "^WHEN  *ROUTINE  *TOOK  *STEPS  *ENDED  *TENSION$" <<<"$SCREEN" ||
	fail "history at 80 columns is a table:"$'\n'"$SCREEN"
CHECKS=$((CHECKS + 1))
grep -q "glutes-lower-back .* 4/10 .* interrupted, resumed  *7->-$" <<<"$SCREEN" ||
	fail "history at 80: the longest row in the table:"$'\n'"$SCREEN"
show 50 history
no_wrap "history at 50"
CHECKS=$((CHECKS + 1))
! grep -q "^WHEN" <<<"$SCREEN" || fail "history at 50 columns is stacked:"$'\n'"$SCREEN"
CHECKS=$((CHECKS + 1))
grep -q "9/10 steps (1 skipped), completed" <<<"$SCREEN" ||
	fail "history at 50: the skips are in the stacked form:"$'\n'"$SCREEN"

"$SELFCARE" schedule add glutes-lower-back --at 12:15 --days weekdays --backend systemd >/dev/null 2>&1
"$SELFCARE" schedule add desk-reset --at 09:00 --backend systemd >/dev/null 2>&1
show 80 schedule list
no_wrap "schedule list at 80"
CHECKS=$((CHECKS + 1))
grep -q "^ROUTINE  *DAYS  *TIME  *BACKEND  *NEXT  *LAST$" <<<"$SCREEN" ||
	fail "schedule list at 80 columns is a table:"$'\n'"$SCREEN"
# A missed reminder: its reason is long, so the rows no longer fit.
env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
	"$SELFCARE" remind glutes-lower-back --at 12:15 >/dev/null 2>&1
for cols in 80 50; do
	show $cols schedule list
	no_wrap "schedule list with a missed reminder at $cols"
	CHECKS=$((CHECKS + 1))
	grep -q "^glutes-lower-back 12:15 weekdays (systemd)$" <<<"$SCREEN" &&
		grep -q "^  last: missed " <<<"$SCREEN" ||
		fail "schedule list at $cols: a block per reminder:"$'\n'"$SCREEN"
	# Words are whole: every word of the reason is on the screen as it is.
	CHECKS=$((CHECKS + 1))
	for w in desktop session found; do
		grep -qw "$w" <<<"$SCREEN" || fail "schedule list at $cols: '$w' broken:"$'\n'"$SCREEN"
	done
done
# show's headings and the run's first page wrap at words too, however
# narrow the terminal (here 34 and 40 columns; the run at 28).
for cols in 34 40; do
	show $cols show psoas-release
	no_wrap "show at $cols"
	CHECKS=$((CHECKS + 1))
	grep -q "^   3:05   2\. Fingertip release," <<<"$SCREEN" ||
		fail "show at $cols: a step's heading wrapped under itself:"$'\n'"$SCREEN"
done
T kill-server 2>/dev/null
N=$((N + 1))
T new-session -d -x 28 -y 200 "env -i HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} TERM=xterm LANG=C.UTF-8 PATH=/usr/bin:/bin PS1='$ ' bash --norc --noprofile"
T send-keys "clear; printf '%s-%s\\n' START OUTPUT; $SELFCARE run glutes-lower-back --no-voice --quiet --no-notify --no-checkin" Enter
for i in $(seq 100); do T capture-pane -p -J | grep -q "then Enter to stop" && break; sleep 0.1; done
SCREEN=$(T capture-pane -p -S - | sed '0,/^START-OUTPUT$/d')
JOINED=$(T capture-pane -p -J -S - | sed '0,/^START-OUTPUT$/d')
T send-keys q Enter
CHECKS=$((CHECKS + 1))
grep -q "^Glutes and lower back$" <<<"$SCREEN" && grep -q "Enter to stop" <<<"$SCREEN" ||
	fail "run at 28: the title and the prompt:"$'\n'"$SCREEN"
no_wrap "run's first page at 28"
# Plain mode on a narrow terminal: the instructions wrap at words, under
# themselves; into a pipe they stay one line each.
cat > "$TMP/long.yaml" <<'YAML'
title: Long
prepare: 0
steps:
  - {name: Lie down, kind: rest, hold: 1m, instructions: Lie on your back with your knees bent and your feet flat on the floor hip-width apart.}
YAML
T kill-server 2>/dev/null
N=$((N + 1))
T new-session -d -x 40 -y 30 "env -i HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} TERM=xterm LANG=C.UTF-8 PATH=/usr/bin:/bin PS1='$ ' bash --norc --noprofile"
T send-keys "clear; $SELFCARE run $TMP/long.yaml --yes --no-notify --no-voice --quiet --plain" Enter
for i in $(seq 100); do T capture-pane -p | grep -q "knees bent" && break; sleep 0.1; done
SCREEN=$(T capture-pane -p)
CHECKS=$((CHECKS + 1))
grep -qx "0:00 how Lie on your back with your" <<<"$SCREEN" &&
	grep -qx "         knees bent and your feet flat" <<<"$SCREEN" ||
	fail "plain at 40: the instructions wrapped at words, under themselves:"$'\n'"$SCREEN"
T send-keys q y
CHECKS=$((CHECKS + 1))
[ "$("$SELFCARE" run "$TMP/long.yaml" --yes --no-notify --no-voice --quiet --plain --speed 1000 |
	grep -c "^0:00 how Lie on your back with your knees bent and your feet flat on the floor hip-width apart.$")" = 1 ] ||
	fail "plain into a pipe: the instructions on one line"
finish
