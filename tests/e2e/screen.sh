# The run screen in a real terminal (tmux on a private socket) at 80x24,
# 40x12, 100x10 and 200x50: for fixed moments of a routine (paused, so that
# nothing moves while the pane is read), what must be on the screen; the
# title; colour; the prompt; and the terminal restored after every way out.
source "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "$(basename "$0" .sh): no tmux; skipped"; exit 77; }
SOCK=selfcare-screen-$$
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; sleep 0.2; rm -rf "$TMP" 2>/dev/null' EXIT

shell() { # shell ENV...: a fresh 80x24 session running bash
	T kill-server 2>/dev/null
	sleep 0.1
	T new-session -d -x 80 -y 24 "env -i HOME=$HOME ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} LANG=C.UTF-8 PATH=/usr/bin:/bin PS1='$ ' $* bash --norc --noprofile"
	T set-option -g set-titles off >/dev/null
}
size() { T resize-window -x "$1" -y "$2" 2>/dev/null || T resize-pane -x "$1" -y "$2"; }
pane() { T capture-pane -p; }
wait_for() { # wait_for TEXT: up to 5 s
	local i
	for i in $(seq 50); do
		pane | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
see() { CHECKS=$((CHECKS + 1)); wait_for "$1" || fail "$2: the screen lacks '$1':"$'\n'"$(pane)"; }
# not_see TEXT WHAT: TEXT gone from the screen within 3 s (a redraw away).
not_see() {
	local i
	CHECKS=$((CHECKS + 1))
	for i in $(seq 30); do pane | grep -qF -- "$1" || return 0; sleep 0.1; done
	fail "$2: the screen has '$1':"$'\n'"$(pane)"
}
# The screen, joined into one line of words: text wrapped at any width
# can be found whole.
words() { pane | tr -s ' \n' '  '; }
see_words() {
	local i
	CHECKS=$((CHECKS + 1))
	for i in $(seq 30); do words | grep -qF -- "$1" && return 0; sleep 0.1; done
	fail "$2: the screen lacks the words '$1':"$'\n'"$(pane)"
}
# No line is wider than the pane; with MAX, no line's text (margin
# stripped) is wider than MAX.
fits() {
	local w=$1 max=${2:-0} bad
	CHECKS=$((CHECKS + 1))
	bad=$(pane | /usr/bin/python3 -c '
import sys
w, m = int(sys.argv[1]), int(sys.argv[2])
for l in sys.stdin.read().splitlines():
    t = l.rstrip()
    if len(t) > w or (m and len(t.strip()) > m):
        print(repr(t))' "$w" "$max")
	[ -z "$bad" ] || fail "$3: lines too wide at $w columns: $bad"
}
# The countdown: a m:ss clock, or big digits (three rows or more of blocks).
has_countdown() {
	CHECKS=$((CHECKS + 1))
	pane | grep -qE '(^|[^0-9])[0-9]+:[0-9]{2}([^0-9]|$)' ||
		[ "$(pane | grep -c '█')" -ge 3 ] || fail "$1: no countdown:"$'\n'"$(pane)"
}
# Five rows of blocks: solid while the clock runs, shaded (hollow) while paused.
big_digits() { [ "$(pane | grep -c '██\|░░')" -ge 3 ]; }
paused_digits() { [ "$(pane | grep -c '░░')" -ge 3 ] && ! pane | grep -v ':' | grep -q '██'; }
restored() {
	local flags
	CHECKS=$((CHECKS + 1))
	flags=$(T display -p '#{cursor_flag} #{alternate_on}')
	[ "$flags" = "1 0" ] || fail "$1: cursor and screen not restored ($flags)"
	CHECKS=$((CHECKS + 1))
	[ "$(T display -p '#{pane_title}')" = "before selfcare" ] ||
		fail "$1: the title is '$(T display -p '#{pane_title}')', not restored"
	T send-keys 'echo TTY=$(stty -a | tr -s " ;" "\n" | grep -xE "icanon|echo" | paste -sd,)' Enter
	see "TTY=icanon,echo" "$1: raw mode undone"
}
title() { printf '\033]2;before selfcare\033\\'; }
start() { # start NAME ARGS...: clear, set the title, run
	T send-keys "clear; printf '\\033]2;before selfcare\\033\\\\'; $SELFCARE run $* --no-notify --no-voice --quiet --no-checkin; echo rc=\$?" Enter
}
# The selfcare this test's pane runs (a child of its shell), never another
# test's running beside it.
selfcare_pid() { pgrep -P "$(T display -p '#{pane_pid}')" -f "$SELFCARE run" | head -1; }

# 1. psoas-release, paused at fixed moments, at each size.
for geo in 80x24 40x12 100x10 200x50; do
	w=${geo%x*} h=${geo#*x}
	shell TERM=xterm-256color
	size "$w" "$h"
	start psoas-release --yes
	see_words "Constructive rest" "$geo: the first step"
	T send-keys " "
	see_words "space resume" "$geo: paused, the hint says resume"
	has_countdown "$geo: prepare"
	fits "$w" 0 "$geo: prepare"
	case $geo in
	80x24 | 200x50)
		see_words "let the floor take your weight." "$geo: the instructions in full"
		CHECKS=$((CHECKS + 1)); big_digits || fail "$geo: no big digits:"$'\n'"$(pane)"
		CHECKS=$((CHECKS + 1)); paused_digits || fail "$geo: paused, the digits are not hollow:"$'\n'"$(pane)"
		;;
	*)
		# Whole, or cut with an ellipsis that says so.
		CHECKS=$((CHECKS + 1))
		words | grep -qF "let the floor take your weight." || pane | grep -qF "…" ||
			fail "$geo: the instructions are cut with no ellipsis:"$'\n'"$(pane)"
		;;
	esac
	[ "$geo" = 100x10 ] && { CHECKS=$((CHECKS + 1)); ! big_digits || fail "$geo: big digits with no room"; }
	[ "$geo" = 200x50 ] && fits "$w" 74 "$geo: text at most 72 columns"
	# n: the hold, still paused; the title names it.
	T send-keys n
	see_words "Constructive rest breath" "$geo: the hold"
	[ "$h" -ge 24 ] && see_words "step 1 of 10" "$geo: the hold's number"
	has_countdown "$geo: hold"
	CHECKS=$((CHECKS + 1))
	case $(T display -p '#{pane_title}') in
	*"Constructive rest"*[0-9]:[0-9][0-9]*) ;;
	*) fail "$geo: the title is '$(T display -p '#{pane_title}')'" ;;
	esac
	# To the soft ball: its instructions end in full at 80x24.
	for _ in $(seq 20); do
		words | grep -qF "Soft ball release" && break
		T send-keys n
		sleep 0.15
	done
	see_words "Soft ball release" "$geo: n reaches the soft ball"
	has_countdown "$geo: soft ball"
	fits "$w" 0 "$geo: soft ball"
	if [ "$geo" = 80x24 ]; then
		n=$("$SELFCARE" show psoas-release | sed -n 's/^ *[0-9:]* *\([0-9]*\)\. Soft ball release, left side.*/\1/p')
		see_words "step $n of 10" "$geo: the soft ball is step $n, as show numbers it"
		last=$(sed -n '/name: Soft ball release/,/^  - name/p' "$(dirname "$0")/../../routines/psoas-release.yaml" |
			awk '/instructions:/{f=1; next} f && /^    [a-z]+:/{exit} f' | tr -s ' \n' '  ' | sed 's/ *$//' |
			awk '{print $(NF-2), $(NF-1), $NF}')
		see_words "$last" "$geo: the soft-ball instructions end in full ('$last')"
	fi
	# ? and s over the paused routine; any key takes them away.
	T send-keys "?"
	see_words "Keys space pause, or resume" "$geo: ? shows the keys"
	T send-keys x
	see_words "PAUSED" "$geo: back from the keys, still paused"
	not_see "pause, or resume" "$geo: the keys are gone"
	# s: the safety notes, a page at a time; space shows the next.
	T send-keys s
	see_words "Safety" "$geo: s shows the safety notes"
	for _ in $(seq 12); do
		words | grep -qF "Empty your bladder" && break
		CHECKS=$((CHECKS + 1))
		words | grep -qF "space more" || { fail "$geo: no next page:"$'\n'"$(pane)"; break; }
		T send-keys " "
		sleep 0.2
	done
	see_words "Empty your bladder before you start" "$geo: every safety note can be read"
	for _ in $(seq 12); do
		words | grep -qF "space more" || break
		T send-keys " "
		sleep 0.2
	done
	see_words "physiotherapist." "$geo: the last safety note"
	T send-keys x
	not_see "Safety" "$geo: back from the safety notes"
	T send-keys q y
	see "rc=3" "$geo: q y quits"
	restored "$geo: after q"
done

# 2. During a rest: how to come out, what is next, and no step named twice.
shell TERM=xterm-256color
cat > "$TMP/two.yaml" <<'YAML'
title: Two
safety: [Stop if anything hurts.]
rest: 5s
prepare: 0
steps:
  - {name: First hold, kind: pose, hold: 1m, instructions: Breathe slowly., exit: Lower your arms slowly.}
  - {name: Second hold, kind: pose, hold: 1m, prepare: 10s, instructions: Stretch gently.}
  - {name: Third hold, kind: rest, hold: 1m, instructions: Rest.}
YAML
start "$TMP/two.yaml" --yes
see "First hold" "rest: the first hold"
T send-keys " " n
see_words "Come out: Lower your arms slowly." "rest: how to come out"
see_words "Up next: Second hold" "rest: up next"
CHECKS=$((CHECKS + 1))
[ "$(words | grep -o 'Second hold' | wc -l)" = 1 ] || fail "rest: the second hold is named twice:"$'\n'"$(pane)"
# n during the prepare starts the hold at once.
T send-keys n
see_words "Get ready" "prepare before the second hold"
T send-keys n
see_words "step 2 of 3" "n in the prepare: the hold"
not_see "Get ready" "n in the prepare: no more getting ready"
# Colour: bold and colour for the step name; none under NO_COLOR.
CHECKS=$((CHECKS + 1))
T capture-pane -e -p | grep -F "Second hold" | grep -q $'\033\\[36m' ||
	fail "colour: the step name is not coloured:"$'\n'"$(T capture-pane -e -p | cat -v)"
T send-keys q y; see "rc=3" "colour run quits"
shell TERM=xterm-256color NO_COLOR=1
start "$TMP/two.yaml" --yes
see "First hold" "NO_COLOR: plays"
CHECKS=$((CHECKS + 1))
! T capture-pane -e -p | grep -qE $'\033\\[(1|3[0-8])m' || fail "NO_COLOR: colour or bold on the screen"
T send-keys q y; see "rc=3" "NO_COLOR run quits"

# 3. The prompt: Enter or y begins; q, n, no end with 3; Ctrl-D ends on
# a line of its own.
shell TERM=xterm-256color
for answer in "" y; do
	start "$TMP/two.yaml"
	see "Press Enter to begin" "prompt ($answer)"
	T send-keys "$answer" Enter
	see "First hold" "'$answer' then Enter begins"
	T send-keys q y; see "rc=3" "quit after '$answer'"
	restored "after '$answer' at the prompt"
done
for answer in q n no; do
	start "$TMP/two.yaml"
	see "Press Enter to begin" "prompt ($answer)"
	T send-keys "$answer" Enter
	see "rc=3" "'$answer' then Enter ends with 3"
	restored "after '$answer' at the prompt"
done
start "$TMP/two.yaml"
see "Press Enter to begin" "prompt (Ctrl-D)"
T send-keys "maybe" Enter
see "Press Enter (or y) to begin" "another answer asks again"
T send-keys C-d
see "rc=3" "Ctrl-D ends with 3"
CHECKS=$((CHECKS + 1))
pane | grep -q '^rc=3' || fail "Ctrl-D: the shell's next line is glued to the prompt:"$'\n'"$(pane)"
restored "after Ctrl-D at the prompt"

# 4. Every way out restores the terminal and the title.
shell TERM=xterm-256color
cat > "$TMP/short.yaml" <<'YAML'
title: Short
safety: [Stop if anything hurts.]
rest: 0
prepare: 0
steps:
  - {name: Only hold, kind: pose, hold: 5s, instructions: Stay., exit: Roll to your side slowly.}
YAML
start "$TMP/short.yaml" --yes --speed 5
see "rc=0" "the end: exit 0"; restored "after the end"
see "Come out: Roll to your side slowly." "the end: how to come out of the last hold stays"
start "$TMP/two.yaml" --yes; see "First hold" "Ctrl-C run"
T send-keys C-c; see "rc=130" "Ctrl-C exits 130"; restored "after Ctrl-C"
start "$TMP/two.yaml" --yes; see "First hold" "SIGTERM run"
kill -TERM "$(selfcare_pid)"; see "rc=143" "SIGTERM exits 143"; restored "after SIGTERM"
start "$TMP/two.yaml" --yes; see "First hold" "Ctrl-Z run"
T send-keys C-z; see "Stopped" "Ctrl-Z stops the job"; restored "after Ctrl-Z"
T send-keys "fg; echo rc=\$?" Enter; see "First hold" "fg brings it back"
T send-keys q y; see "rc=3" "quit after fg"; restored "after fg and q"

# 5. The warning when notifications are off: one friendly line, on the
# screen for a while, not printed again at the exit.
shell TERM=xterm-256color DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus
T send-keys "clear; printf '\\033]2;before selfcare\\033\\\\'; $SELFCARE run $TMP/two.yaml --yes --no-voice --quiet --no-checkin; echo rc=\$?" Enter
see "no notification server: notifications are off" "the warning, in plain words"
not_see "org.freedesktop" "no raw GLib text"
T send-keys q y; see "rc=3" "quit with notifications off"
CHECKS=$((CHECKS + 1))
[ "$(pane | grep -c 'notifications are off')" = 0 ] || fail "the warning was printed again at exit:"$'\n'"$(pane)"

# 6. list at 40 columns wraps at word boundaries.
shell TERM=xterm-256color
size 40 30
T send-keys "clear; $SELFCARE list" Enter
see "psoas-release" "list at 40 columns"
fits 40 0 "list at 40 columns"
CHECKS=$((CHECKS + 1))
pane | grep -qE '[a-z]$' && pane | /usr/bin/python3 -c '
import sys
lines = sys.stdin.read().splitlines()
# A word cut at the edge: a full-width line ending in a letter whose next
# line starts with a letter.
bad = [a for a, b in zip(lines, lines[1:]) if len(a) == 40 and a[-1].isalpha() and b[:1].isalpha()]
sys.exit(1 if bad else 0)' || fail "list at 40 columns cut a word:"$'\n'"$(pane)"

finish
