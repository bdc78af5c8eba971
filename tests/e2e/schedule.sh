# selfcare schedule against the real tools: systemd-analyze, systemctl --user
# (offline: no user manager here), and the real crontab. The user's crontab
# is saved first and put back at the end, whatever happens.
source "$(dirname "$0")/lib.sh"
# systemd does not run in these containers: its timers are written offline.
export SELFCARE_ASSUME_SYSTEMD=1
export XDG_RUNTIME_DIR=$TMP/runtime
mkdir -m 700 "$XDG_RUNTIME_DIR"
UNITS=$XDG_CONFIG_HOME/systemd/user

# Every checkout's copy of this script edits the same real crontab: take
# turns, across worktrees and parallel ctest runs alike.
exec 9>/tmp/selfcare-e2e-crontab.lock
flock 9

SAVED=$TMP/saved-crontab
if crontab -l > "$SAVED" 2>"$TMP/cerr"; then HAD=1; else HAD=0; fi
restore_crontab() {
	if [ "$HAD" = 1 ]; then crontab "$SAVED"; else crontab -r 2>/dev/null || true; fi
}
trap 'restore_crontab; rm -rf "$TMP"' EXIT
crontab -r 2>/dev/null || true # start from none; the trap puts the user's back

state() { # what a failed command must not change
	{ crontab -l 2>&1; find "$XDG_CONFIG_HOME" -printf '%p %y\n' 2>/dev/null | sort; }
}

# --- systemd where it does not run ----------------------------------------
# No user manager and PID 1 is not systemd: a timer would never fire.
if [ ! -d /run/systemd/system ] && ! systemctl --user is-system-running >/dev/null 2>&1; then
	SELFCARE_ASSUME_SYSTEMD= run schedule add psoas-release --at 08:30 --backend systemd
	expect_rc 1 "systemd refused where it does not run"
	err_has "systemd does not run here" "the refusal says why"
	err_has "use --backend cron" "the refusal names --backend cron"
	CHECKS=$((CHECKS + 1))
	[ ! -e "$UNITS" ] || fail "a refused add wrote units: $(ls "$UNITS")"
fi

# --- systemd ---------------------------------------------------------------
run schedule add psoas-release --at 08:30 --days mon-fri --backend systemd
expect_rc 0 "systemd add"
out_has "Scheduled psoas-release at 08:30, weekdays (systemd). Next: " "systemd add message"
out_has "no systemd user manager is running" "systemd add says the timer waits for login"
T=$UNITS/selfcare-psoas-release-0830.timer S=$UNITS/selfcare-psoas-release-0830.service
CHECKS=$((CHECKS + 1)); [ -f "$T" ] && [ -f "$S" ] || fail "unit files written"
CHECKS=$((CHECKS + 1))
[ "$(readlink "$UNITS/timers.target.wants/selfcare-psoas-release-0830.timer")" = "$T" ] ||
	fail "systemctl --user enable made the timers.target.wants link"
CHECKS=$((CHECKS + 1)); grep -qx "OnCalendar=Mon..Fri \*-\*-\* 08:30:00" "$T" || fail "OnCalendar"
CHECKS=$((CHECKS + 1)); grep -qx "Persistent=true" "$T" || fail "Persistent=true"
CHECKS=$((CHECKS + 1)); ! grep -q graphical-session "$T" "$S" || fail "graphical-session.target"
CHECKS=$((CHECKS + 1))
grep -qx "ExecStart=\"$SELFCARE\" remind psoas-release --at 08:30" "$S" || fail "ExecStart: $(grep ExecStart "$S")"

run schedule add desk-reset --at 13:00 --days mon,wed,fri --backend systemd; expect_rc 0 "second"
run schedule add desk-reset --at 18:15 --days sat-mon --backend systemd; expect_rc 0 "two times"
run schedule add evening-unwind --at 21:45 --backend systemd; expect_rc 0 "daily"
for unit in "$UNITS"/selfcare-*.timer; do
	# verify exits 0 on unknown keys: stderr is the real signal.
	CHECKS=$((CHECKS + 1))
	verr=$(systemd-analyze verify --user "$unit" 2>&1 >/dev/null)
	[ -z "$verr" ] || fail "systemd-analyze verify $(basename "$unit"): $verr"
	cal=$(sed -n 's/^OnCalendar=//p' "$unit")
	CHECKS=$((CHECKS + 1))
	systemd-analyze calendar "$cal" >/dev/null 2>&1 || fail "systemd-analyze calendar '$cal'"
done

before=$(cat "$T" "$S")
run schedule add psoas-release --at 08:30 --days weekdays --backend systemd
expect_rc 0 "add again"; out_has "already scheduled (systemd); nothing changed" "add again message"
CHECKS=$((CHECKS + 1)); [ "$before" = "$(cat "$T" "$S")" ] || fail "add again changed the files"
run schedule add psoas-release --at 08:30 --days weekends --backend systemd
out_has "Changed psoas-release at 08:30, weekends (systemd)" "same time, new days"
CHECKS=$((CHECKS + 1)); grep -qx "OnCalendar=Sat..Sun \*-\*-\* 08:30:00" "$T" || fail "days changed"

run schedule list
expect_out "desk-reset	mon,wed,fri	13:00	systemd	$(cut -f5 <<<"$OUT" | sed -n 1p)	never
desk-reset	mon,sat,sun	18:15	systemd	$(cut -f5 <<<"$OUT" | sed -n 2p)	never
evening-unwind	daily	21:45	systemd	$(cut -f5 <<<"$OUT" | sed -n 3p)	never
psoas-release	weekends	08:30	systemd	$(cut -f5 <<<"$OUT" | sed -n 4p)	never" "schedule list"
run schedule list --json; expect_rc 0 "list --json"
CHECKS=$((CHECKS + 1))
/usr/bin/python3 -c '
import json, sys, datetime
d = json.loads(sys.argv[1])
assert len(d) == 4, d
e = [x for x in d if x["routine"] == "evening-unwind"][0]
assert e == dict(e, days="daily", time="21:45", backend="systemd"), e
nxt = datetime.datetime.strptime(e["next"], "%Y-%m-%dT%H:%M:%S%z")
now = datetime.datetime.now(datetime.timezone.utc)
assert (nxt.hour, nxt.minute) == (21, 45) and datetime.timedelta(0) < nxt - now <= datetime.timedelta(days=1), e
' "$OUT" || fail "list --json"

run schedule remove desk-reset --at 13:00; expect_rc 0 "remove one"
expect_out "Removed desk-reset at 13:00 (systemd)." "remove one message"
CHECKS=$((CHECKS + 1)); [ ! -e "$UNITS/selfcare-desk-reset-1300.timer" ] || fail "timer left"
CHECKS=$((CHECKS + 1)); [ ! -e "$UNITS/timers.target.wants/selfcare-desk-reset-1300.timer" ] || fail "link left"
CHECKS=$((CHECKS + 1)); [ -e "$UNITS/selfcare-desk-reset-1815.timer" ] || fail "the other time went too"
run schedule remove desk-reset; expect_rc 0 "remove all of a routine"
run schedule remove psoas-release; run schedule remove evening-unwind
CHECKS=$((CHECKS + 1))
[ -z "$(find "$UNITS" -name 'selfcare-*' 2>/dev/null)" ] || fail "files left: $(find "$UNITS" -name 'selfcare-*')"
run schedule remove psoas-release; expect_rc 1 "remove what is not there"
expect_err "selfcare: no reminders for psoas-release" "remove nothing message"

# --- cron --------------------------------------------------------------------
# A crontab with jobs, comments, VAR= lines, a %, and no newline at the end
# (cron accepts that only after a comment).
printf '# my jobs\nMAILTO=me@example.com\nPATH=/usr/bin:/bin\n*/5 * * * * echo "50\\%% done" >/dev/null\n\n0 3 * * 0 backup # weekly\n# the end, no newline' > "$TMP/original"
crontab "$TMP/original"
run schedule add psoas-release --at 8:30 --days mon-fri --backend cron; expect_rc 0 "cron add"
out_has "Scheduled psoas-release at 08:30, weekdays (cron)" "cron add message"
# No cron daemon running, but one installed: start it, not install it.
if ! pgrep -x cron >/dev/null && ! pgrep -x crond >/dev/null && [ -x /usr/sbin/cron ]; then
	err_has "no cron daemon is running: the reminder fires only once one does (cron is installed but not started: sudo service cron start)" \
		"an installed cron that is not running: how to start it"
	CHECKS=$((CHECKS + 1)); ! grep -q "apt install cron" <<<"$ERR" || fail "apt install cron, with cron installed: $ERR"
fi
crontab -l > "$TMP/after1"
CHECKS=$((CHECKS + 1))
# The HOME and XDG directories of this selfcare go with the command: cron
# gives the job the passwd entry's HOME and no XDG variables.
VARS="HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME'"
expected_line="30 8 * * 1,2,3,4,5 $VARS XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' '$SELFCARE' remind psoas-release --at 08:30"
grep -qxF "$expected_line" "$TMP/after1" || fail "cron line:"$'\n'"$(cat "$TMP/after1")"
CHECKS=$((CHECKS + 1)); ! grep -q '^XDG_RUNTIME_DIR=' "$TMP/after1" || fail "a VAR= line was added"
# The block comes first; the user's bytes follow untouched.
CHECKS=$((CHECKS + 1))
tail -c "$(stat -c %s "$TMP/original")" "$TMP/after1" | cmp -s - "$TMP/original" || fail "user lines changed"
run schedule add psoas-release --at 08:30 --days weekdays --backend cron
out_has "already scheduled (cron); nothing changed" "cron add again"
crontab -l | cmp -s - "$TMP/after1"; CHECKS=$((CHECKS + 1)); [ $? = 0 ] || fail "cron add again changed bytes"
run schedule add desk-reset --at 12:00 --days daily --backend cron; expect_rc 0 "cron second"
run schedule add psoas-release --at 08:30 --backend systemd; expect_rc 1 "same time, other backend"
err_has "already scheduled with cron" "other backend message"
run schedule list
out_has "psoas-release	weekdays	08:30	cron	" "cron list"
out_has "desk-reset	daily	12:00	cron	" "cron list second"
run schedule remove psoas-release --at 08:30; expect_rc 0 "cron remove one"
run schedule remove desk-reset; expect_rc 0 "cron remove last"
crontab -l > "$TMP/final"
CHECKS=$((CHECKS + 1)); cmp -s "$TMP/final" "$TMP/original" || fail "crontab not restored byte for byte:"$'\n'"$(diff "$TMP/original" "$TMP/final")"
# From an empty crontab and back: no crontab left but an empty one.
crontab -r
run schedule add desk-reset --at 07:00 --backend cron; expect_rc 0 "cron add to none"
run schedule remove desk-reset; expect_rc 0 "cron remove to none"
CHECKS=$((CHECKS + 1)); [ -z "$(crontab -l 2>/dev/null)" ] || fail "empty crontab not empty"
CHECKS=$((CHECKS + 1))
crontab -l 2>&1 | grep -q "no crontab for" || fail "no crontab before, but one after: $(crontab -l 2>&1)"

# --- bad input changes nothing ------------------------------------------------
crontab "$TMP/original"
run schedule add desk-reset --at 07:00 --backend systemd; expect_rc 0 "one of each"
before=$(state)
bad_case() { # RC ERRTEXT ARGS...
	local rc=$1 text=$2
	shift 2
	run schedule "$@"
	expect_rc "$rc" "schedule $*"
	err_has "$text" "schedule $*"
	CHECKS=$((CHECKS + 1))
	[ "$(state)" = "$before" ] || fail "schedule $* changed something"
	CHECKS=$((CHECKS + 1))
	[ "$(grep -c '' <<<"$ERR")" -le 2 ] && [[ $ERR != *$'\e'* ]] || fail "schedule $*: messy error: $ERR"
}
bad_case 1 "no routine named 'no-such-routine'" add no-such-routine --at 08:30
bad_case 2 "invalid time '25:00'" add psoas-release --at 25:00
bad_case 2 "invalid time '7:5'" add psoas-release --at 7:5
bad_case 2 "invalid time" add psoas-release --at "０8:30"
bad_case 2 "invalid time" add psoas-release --at $'08:30\n* * * * * evil'
bad_case 2 "invalid days 'mon-xyz'" add psoas-release --at 08:30 --days mon-xyz
bad_case 2 "no days given" add psoas-release --at 08:30 --days ""
bad_case 2 "unknown backend" add psoas-release --at 08:30 --backend launchd
bad_case 2 "--at HH:MM is required" add psoas-release
for name in "Bad Name" $'two\nlines' 'per%cent' 'dollar$HOME' "quo'te" 'dq"uote' 'semi;colon' \
	'café' '../../etc/passwd' '-leading' "$(printf 'x%.0s' $(seq 65))"; do
	bad_case 2 "invalid routine name" add --at 08:30 -- "$name"
	bad_case 2 "invalid routine name" remove -- "$name"
done
bad_case 2 "unknown option '-l'" add -leading --at 08:30
run schedule remove desk-reset
CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/original" || fail "crontab after the bad cases"

run schedule frobnicate; expect_rc 2 "unknown subcommand"
run schedule add --help; expect_rc 0 "schedule add --help"; out_has "--days SPEC" "add help"

# --- concurrent adds and removes lose nothing (issue #7) ----------------------
entries() { crontab -l 2>/dev/null | grep -c '^# selfcare-entry: '; }
parallel() { # NAME ARGS...: run ten at once, one per hour 10..19; sets OKS
	local i pids=()
	for i in 0 1 2 3 4 5 6 7 8 9; do
		"$SELFCARE" schedule "$@" --at "1$i:00" >"$TMP/par$i" 2>&1 &
		pids+=($!)
	done
	OKS=0
	for i in "${pids[@]}"; do wait "$i" && OKS=$((OKS + 1)); done
}
printf '# mine\n0 4 * * * true\n' > "$TMP/mine"
crontab "$TMP/mine"
parallel add desk-reset --backend cron
CHECKS=$((CHECKS + 1)); [ "$OKS" = 10 ] || fail "parallel cron adds: $OKS of 10 succeeded: $(cat "$TMP"/par*)"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 10 ] || fail "10 parallel cron adds left $(entries) entries"
CHECKS=$((CHECKS + 1))
PW_HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
[ -f "$PW_HOME/.local/state/selfcare/schedule.lock" ] || fail "no lock file in the passwd home's state dir"
parallel remove desk-reset
CHECKS=$((CHECKS + 1)); [ "$OKS" = 10 ] || fail "parallel cron removes: $OKS of 10 succeeded: $(cat "$TMP"/par*)"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 0 ] || fail "10 parallel cron removes left $(entries) entries"
CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/mine" || fail "user lines after parallel cron"
# Thirty at once, each with a HOME and XDG_STATE_HOME of its own (or none):
# the crontab is the uid's, and so is the lock (issue 18).
many() { # add|remove: thirty at once, 10:00 to 10:29; sets OKS
	local i h pids=()
	for i in $(seq 0 29); do
		h=$TMP/homes/$i
		mkdir -p "$h"
		if [ $((i % 3)) = 0 ]; then
			env -u XDG_STATE_HOME HOME="$h" "$SELFCARE" schedule "$1" desk-reset \
				--at "$(printf '10:%02d' "$i")" ${2:+"$2"} ${3:+"$3"} >"$TMP/many$i" 2>&1 &
		else
			HOME=$h XDG_STATE_HOME=$h/state "$SELFCARE" schedule "$1" desk-reset \
				--at "$(printf '10:%02d' "$i")" ${2:+"$2"} ${3:+"$3"} >"$TMP/many$i" 2>&1 &
		fi
		pids+=($!)
	done
	OKS=0
	for i in "${pids[@]}"; do wait "$i" && OKS=$((OKS + 1)); done
}
many add --backend cron
CHECKS=$((CHECKS + 1)); [ "$OKS" = 30 ] || fail "30 adds, 30 state dirs: $OKS succeeded: $(cat "$TMP"/many*)"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 30 ] || fail "30 adds with 30 state dirs left $(entries) entries"
many remove
CHECKS=$((CHECKS + 1)); [ "$OKS" = 30 ] || fail "30 removes, 30 state dirs: $OKS succeeded: $(cat "$TMP"/many*)"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 0 ] || fail "30 removes with 30 state dirs left $(entries) entries"
CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/mine" || fail "user lines after 30 state dirs"

# A hand edit between selfcare's read and its write is not overwritten: a
# crontab that changes on the third read (list's, add's, then the check
# before writing) makes add start over from the edited one.
REAL_CRONTAB=$(command -v crontab)
mkdir -p "$TMP/editbin"
cat > "$TMP/editbin/crontab" <<SH
#!/bin/sh
if [ "\$1" = -l ]; then
	n=\$(cat "$TMP/reads" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n > "$TMP/reads"
	if [ \$n = 3 ]; then
		{ "$REAL_CRONTAB" -l; echo '0 5 * * * echo edited by hand'; } | "$REAL_CRONTAB" -
	fi
fi
exec "$REAL_CRONTAB" "\$@"
SH
chmod +x "$TMP/editbin/crontab"
PATH=$TMP/editbin:$PATH run schedule add desk-reset --at 09:15 --backend cron
expect_rc 0 "add while the crontab is edited by hand"
CHECKS=$((CHECKS + 1))
crontab -l | grep -qx '0 5 \* \* \* echo edited by hand' || fail "the hand edit was overwritten: $(crontab -l)"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 1 ] || fail "the add after a hand edit: $(entries) entries"
CHECKS=$((CHECKS + 1)); [ "$(cat "$TMP/reads")" -ge 5 ] || fail "the crontab was read $(cat "$TMP/reads") times, not again"
run schedule remove desk-reset --at 09:15
crontab "$TMP/mine"

# Every printable byte in SELFCARE_TERMINAL comes back byte for byte from
# the crontab line, through cron's own rules for % (do_command.c of Debian's
# cron: an unescaped % ends the command, \% is a %, a backslash keeps the
# byte after it) and then /bin/sh, as cron runs it (issue 18).
ALL_BYTES=$(/usr/bin/python3 -c 'print("".join(map(chr, range(0x20, 0x7f))) + "\\%x\\\\%y\\")')
SELFCARE_TERMINAL=$ALL_BYTES run schedule add desk-reset --at 09:45 --backend cron
expect_rc 0 "add with every printable byte in SELFCARE_TERMINAL"
crontab -l | grep -F ' remind desk-reset --at 09:45' > "$TMP/line"
CHECKS=$((CHECKS + 1))
got=$(/usr/bin/python3 - "$TMP/line" "$SELFCARE" <<'PY'
import subprocess, sys
line = open(sys.argv[1]).read().rstrip("\n")
command = line.split(" ", 5)[5]  # after the five time fields
# cron's rules, as do_command.c applies them to the command.
out, escaped = [], False
for ch in command:
    if escaped:
        if ch == "%":
            out[-1] = "%"
        else:
            out.append(ch)
        escaped = False
        continue
    if ch == "%":
        break
    out.append(ch)
    escaped = ch == "\\"
command = "".join(out)
# What the shell hands selfcare, with selfcare swapped for printenv.
exe = "'" + sys.argv[2] + "'"
if exe not in command:
    sys.exit("the command does not run " + exe + ": " + command)
command = command.replace(exe, "printenv SELFCARE_TERMINAL; :", 1)
sys.stdout.write(subprocess.run(["/bin/sh", "-c", command], capture_output=True,
                                text=True).stdout.rstrip("\n"))
PY
)
[ "$got" = "$ALL_BYTES" ] || fail "SELFCARE_TERMINAL through cron and sh: got '$got', want '$ALL_BYTES'"
run schedule remove desk-reset --at 09:45

# systemd, offline: unit files and the wants links of enable.
parallel add desk-reset --backend systemd
timers() { find "$UNITS" -maxdepth 1 -name 'selfcare-desk-reset-1?00.timer' | wc -l; }
links() { find "$UNITS/timers.target.wants" -name 'selfcare-desk-reset-1?00.timer' 2>/dev/null | wc -l; }
CHECKS=$((CHECKS + 1)); [ "$OKS" = 10 ] || fail "parallel systemd adds: $OKS of 10: $(cat "$TMP"/par*)"
CHECKS=$((CHECKS + 1)); [ "$(timers)" = 10 ] && [ "$(links)" = 10 ] || fail "parallel systemd adds: $(timers) timers, $(links) links"
parallel remove desk-reset
CHECKS=$((CHECKS + 1)); [ "$OKS" = 10 ] || fail "parallel systemd removes: $OKS of 10: $(cat "$TMP"/par*)"
CHECKS=$((CHECKS + 1)); [ "$(timers)" = 0 ] && [ "$(links)" = 0 ] || fail "parallel systemd removes: $(timers) timers, $(links) links"
CHECKS=$((CHECKS + 1))
[ -z "$(find "$UNITS" -name 'selfcare-*' 2>/dev/null)" ] || fail "files left: $(find "$UNITS" -name 'selfcare-*')"

# --- a damaged block is refused and left alone -------------------------------
B='# BEGIN selfcare reminders (managed by '"'"'selfcare schedule'"'"': do not edit)'
E='# END selfcare reminders'
M='# selfcare-entry: desk-reset 07:00 daily'
J="0 7 * * * XDG_RUNTIME_DIR='/run/user/0' '/usr/bin/selfcare' remind desk-reset"
damaged() { # LINE NAME CRONTAB-TEXT
	local line=$1 what=$2
	printf '%s' "$3" > "$TMP/damaged"
	crontab "$TMP/damaged"
	for args in "add psoas-release --at 09:00 --backend cron" "remove desk-reset" "list"; do
		# shellcheck disable=SC2086
		run schedule $args
		expect_rc 1 "$what: schedule $args"
		err_has "crontab line $line: " "$what: schedule $args names the line"
		err_has "crontab -e" "$what: schedule $args says how to repair"
		CHECKS=$((CHECKS + 1))
		[ "$(grep -c '' <<<"$ERR")" = 1 ] || fail "$what: schedule $args: not one line: $ERR"
		CHECKS=$((CHECKS + 1))
		crontab -l | cmp -s - "$TMP/damaged" || fail "$what: schedule $args changed the crontab"
	done
}
damaged 2 "no END" "# mine
$B
$M
$J
0 4 * * * mine-after
"
damaged 1 "END without BEGIN" "$E
0 4 * * * mine
"
damaged 5 "a second BEGIN" "$B
$M
$J
0 4 * * * mine
$B
$E
"
damaged 4 "a second block" "$B
$E
0 4 * * * mine
$B
$M
$J
$E
"
damaged 3 "a stray line in the block" "$B
$M
0 4 * * * mine
$E
"

# --- each entry keeps the line it was written with ---------------------------
OLD1="# selfcare-entry: psoas-release 08:30 weekdays
30 8 * * 1,2,3,4,5 XDG_RUNTIME_DIR='/run/user/4242' '/opt/old/selfcare' remind psoas-release"
OLD2="# selfcare-entry: evening-unwind 21:30 daily
30 21 * * * XDG_RUNTIME_DIR='/run/user/4242' '/opt/old 2/selfcare' remind evening-unwind"
printf '%s\n%s\n%s\n%s\n0 4 * * * mine\n' "$B" "$OLD1" "$OLD2" "$E" > "$TMP/old"
crontab "$TMP/old"
run schedule add desk-reset --at 12:00 --backend cron; expect_rc 0 "add beside old entries"
CHECKS=$((CHECKS + 1))
crontab -l | grep -qxF -- "$(sed -n 2p <<<"$OLD1")" && crontab -l | grep -qxF -- "$(sed -n 2p <<<"$OLD2")" ||
	fail "an add rewrote the other entries:"$'\n'"$(crontab -l)"
CHECKS=$((CHECKS + 1))
crontab -l | grep -qxF -- "0 12 * * * $VARS XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' '$SELFCARE' remind desk-reset --at 12:00" ||
	fail "the new entry has the current binary:"$'\n'"$(crontab -l)"
run schedule remove psoas-release; expect_rc 0 "remove beside old entries"
CHECKS=$((CHECKS + 1))
crontab -l | grep -qxF -- "$(sed -n 2p <<<"$OLD2")" || fail "a remove rewrote the other entries:"$'\n'"$(crontab -l)"
run schedule remove desk-reset; expect_rc 0 "remove the new one"
CHECKS=$((CHECKS + 1))
printf '%s\n%s\n%s\n0 4 * * * mine\n' "$B" "$OLD2" "$E" | cmp -s - <(crontab -l) ||
	fail "old entry and user lines not kept byte for byte:"$'\n'"$(crontab -l)"

# --- no more than SCHED_MAX entries, and none dropped when reading -----------
block_of() { # N: a block of N desk-reset entries, a minute apart from 00:00
	local i
	printf '%s\n' "$B"
	for ((i = 0; i < $1; i++)); do
		printf '# selfcare-entry: desk-reset %02d:%02d daily\n' $((i / 60)) $((i % 60))
		printf "%d %d * * * XDG_RUNTIME_DIR='/run/user/0' '/usr/bin/selfcare' remind desk-reset\n" \
			$((i % 60)) $((i / 60))
	done
	printf '%s\n0 4 * * * mine\n' "$E"
}
block_of 256 > "$TMP/full"
crontab "$TMP/full"
run schedule list; expect_rc 0 "list 256"
CHECKS=$((CHECKS + 1)); [ "$(grep -c '' <<<"$OUT")" = 256 ] || fail "list 256 gave $(grep -c '' <<<"$OUT")"
run schedule add desk-reset --at 23:00 --backend cron; expect_rc 1 "add past the limit"
err_has "256" "add past the limit says the limit"
CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/full" || fail "a refused add changed the crontab"
run schedule add desk-reset --at 00:00 --days weekdays --backend cron; expect_rc 0 "change days at the limit"
block_of 300 > "$TMP/more"
crontab "$TMP/more"
run schedule list; expect_rc 0 "list 300"
CHECKS=$((CHECKS + 1)); [ "$(grep -c '' <<<"$OUT")" = 300 ] || fail "list 300 gave $(grep -c '' <<<"$OUT")"
run schedule remove desk-reset --at 04:59; expect_rc 0 "remove past the limit"
CHECKS=$((CHECKS + 1)); [ "$(entries)" = 299 ] || fail "remove past the limit left $(entries)"

# --- HOME must be absolute; relative XDG_* are ignored -----------------------
printf '# mine\n0 4 * * * true\n' > "$TMP/mine"
crontab "$TMP/mine"
(
	cd "$TMP" || exit 1
	for args in "add desk-reset --at 07:00 --backend cron" "add desk-reset --at 07:00 --backend systemd" \
		"list" "remove desk-reset"; do
		# shellcheck disable=SC2086
		for home in unset "" relhome; do
			if [ "$home" = unset ]; then
				OUT=$(env -u HOME "$SELFCARE" schedule $args 2>"$TMP/err") && RC=0 || RC=$?
			else
				OUT=$(HOME=$home "$SELFCARE" schedule $args 2>"$TMP/err") && RC=0 || RC=$?
			fi
			ERR=$(cat "$TMP/err")
			expect_rc 1 "HOME $home: schedule $args"
			CHECKS=$((CHECKS + 1))
			[[ $ERR == "selfcare: "*HOME* ]] && [ "$(grep -c '' <<<"$ERR")" = 1 ] ||
				fail "HOME $home: schedule $args: $ERR"
		done
	done
	CHECKS=$((CHECKS + 1)); [ ! -e relhome ] || fail "a relative HOME was written to"
	CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/mine" || fail "a refused HOME changed the crontab"
	CHECKS=$((CHECKS + 1))
	[ -z "$(find "$UNITS" -name 'selfcare-*' 2>/dev/null)" ] || fail "a refused HOME wrote units"
	# Relative XDG values are ignored, as the XDG spec says.
	rm -rf "$HOME/.local/state"
	XDG_CONFIG_HOME=relcfg XDG_STATE_HOME=relstate XDG_RUNTIME_DIR=relrun \
		"$SELFCARE" schedule add desk-reset --at 07:00 --backend systemd >/dev/null 2>&1 ||
		fail "add with relative XDG values"
	XDG_CONFIG_HOME=relcfg XDG_STATE_HOME=relstate XDG_RUNTIME_DIR=relrun \
		"$SELFCARE" schedule add psoas-release --at 07:00 --backend cron >/dev/null 2>&1 ||
		fail "cron add with relative XDG values"
	CHECKS=$((CHECKS + 1)); [ ! -e relcfg ] && [ ! -e relstate ] && [ ! -e relrun ] || fail "relative XDG dirs used"
	CHECKS=$((CHECKS + 1)); [ -f "$HOME/.config/systemd/user/selfcare-desk-reset-0700.timer" ] || fail "unit not in ~/.config"
	CHECKS=$((CHECKS + 1)); [ -f "$PW_HOME/.local/state/selfcare/schedule.lock" ] || fail "lock not in the passwd home's state dir"
	CHECKS=$((CHECKS + 1))
	crontab -l | grep -qF "XDG_RUNTIME_DIR='/run/user/$(id -u)' " || fail "relative XDG_RUNTIME_DIR used"
	mkdir -p "$TMP/state"
	XDG_STATE_HOME=$TMP/state "$SELFCARE" schedule remove desk-reset >/dev/null 2>&1 || fail "remove"
	XDG_STATE_HOME=$TMP/state "$SELFCARE" schedule remove psoas-release >/dev/null 2>&1 || fail "remove"
	CHECKS=$((CHECKS + 1)); [ ! -e "$TMP/state/selfcare/schedule.lock" ] || fail "a lock in XDG_STATE_HOME: the lock is the uid's, not the environment's"
	printf '%d %d\n' "$CHECKS" "$FAILS" > "$TMP/sub-counts"
)
read -r CHECKS FAILS < "$TMP/sub-counts"
CHECKS=$((CHECKS + 1)); crontab -l | cmp -s - "$TMP/mine" || fail "crontab at the end of the HOME tests"
finish
