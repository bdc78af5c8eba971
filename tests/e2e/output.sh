# Output that cannot be written is an error: stdout on a full disk or
# closed, for every command; a reader that leaves early is not.
source "$(dirname "$0")/lib.sh"

# Every command in the table, from 'selfcare --help'.
mapfile -t COMMANDS < <("$SELFCARE" --help | sed -n '/^Commands:/,/^$/{/^  /s/^  \([a-z]*\) .*/\1/p}')
CHECKS=$((CHECKS + 1)); [ "${#COMMANDS[@]}" -ge 7 ] || fail "commands from --help: ${COMMANDS[*]}"

# One ordinary use of each command that writes to stdout. A new command
# must be added here, or this test fails.
declare -A USE=(
	[list]="list"
	[show]="show desk-reset"
	[run]="run desk-reset --yes --plain --no-notify --speed 1000"
	[export]="export breath-reset --quiet -o -"
	[validate]="validate desk-reset"
	[schedule]="schedule list --json"
	[remind]="" # writes to stdout only for --help
	[help]="help list"
	[history]="history"
	[stats]="stats"
	[config]="config"
	[doctor]="doctor"
)

# full|closed ARGS...: selfcare with stdout on /dev/full or closed, under a
# timeout; sets RC and ERR.
out_to() {
	local how=$1
	shift
	if [ "$how" = full ]; then
		timeout -k 2 20 "$SELFCARE" "$@" >/dev/full 2>"$TMP/err" </dev/null && RC=0 || RC=$?
	else
		timeout -k 2 20 "$SELFCARE" "$@" >&- 2>"$TMP/err" </dev/null && RC=0 || RC=$?
	fi
	ERR=$(cat "$TMP/err")
}
FULL_MSG="selfcare: cannot write to stdout: No space left on device"
CLOSED_MSG="selfcare: cannot write to stdout: Bad file descriptor"

for how in full closed; do
	[ "$how" = full ] && msg=$FULL_MSG || msg=$CLOSED_MSG
	for c in "${COMMANDS[@]}"; do
		out_to "$how" "$c" --help; expect_rc 1 "$c --help, stdout $how"
		expect_err "$msg" "$c --help, stdout $how"
		CHECKS=$((CHECKS + 1))
		[ -n "${USE[$c]+set}" ] || { fail "no ordinary use of '$c' in output.sh"; continue; }
		[ -n "${USE[$c]}" ] || continue
		read -ra args <<<"${USE[$c]}"
		out_to "$how" "${args[@]}"; expect_rc 1 "${USE[$c]}, stdout $how"
		expect_err "$msg" "${USE[$c]}, stdout $how"
	done
	for args in --help --version help "list --json" "schedule add --help" "schedule list --help" \
		"schedule remove --help" "history export --help" "history export" "history --json" \
		"stats --json"; do
		read -ra a <<<"$args"
		out_to "$how" "${a[@]}"; expect_rc 1 "$args, stdout $how"
		expect_err "$msg" "$args, stdout $how"
	done
	# A usage error keeps its own status; the lost help text is still said.
	out_to "$how"; expect_rc 2 "no command, stdout $how"
	expect_err "$msg" "no command, stdout $how"
done

# Nothing to write, nothing lost: a closed stdout is no error then.
out_to closed validate -q desk-reset; expect_rc 0 "validate -q with stdout closed"
expect_err "" "validate -q with stdout closed"

# run fails before it starts: no 5-minute playback into nowhere (speed 1)...
out_to full run desk-reset --yes --plain --no-notify --no-voice --quiet; expect_rc 1 "run, stdout full, at speed 1"
expect_err "$FULL_MSG" "run, stdout full, at speed 1"
out_to closed run desk-reset --plain --no-notify --no-voice --quiet; expect_rc 1 "run, stdout closed, at speed 1"
expect_err "$CLOSED_MSG" "run, stdout closed, at speed 1"
# ...and no prompt waiting for an Enter that was never asked for, with a
# terminal on stdin.
CHECKS=$((CHECKS + 1))
/usr/bin/python3 - "$SELFCARE" <<'PY' || fail "run with a terminal on stdin and stdout full"
import os, pty, subprocess, sys
master, slave = pty.openpty()
with open("/dev/full", "w") as full:
    p = subprocess.run([sys.argv[1], "run", "desk-reset", "--no-notify", "--no-voice", "--quiet"], stdin=slave,
                       stdout=full, stderr=subprocess.PIPE, timeout=10)
err = p.stderr.decode()
assert p.returncode == 1, (p.returncode, err)
assert err == "selfcare: cannot write to stdout: No space left on device\n", err
PY

# A reader that leaves early (selfcare list | head -1): no message. With
# SIGPIPE at its default, it ends the process as it ends cat; when whoever
# started us ignores SIGPIPE, the write fails with EPIPE and we exit 1.
CHECKS=$((CHECKS + 1))
/usr/bin/python3 - "$SELFCARE" <<'PY' || fail "closed pipe"
import os, signal, subprocess, sys
exe = sys.argv[1]
for args in (["list"], ["--help"], ["show", "desk-reset"]):
    for ignore in (False, True):
        r, w = os.pipe()
        os.close(r)  # the reader has already gone
        p = subprocess.run([exe] + args, stdout=w, stderr=subprocess.PIPE, timeout=10,
                           restore_signals=not ignore)
        os.close(w)
        err = p.stderr.decode()
        want = 1 if ignore else -signal.SIGPIPE
        assert p.returncode == want and err == "", (args, ignore, p.returncode, err)
PY
# A plain run whose reader leaves stops there, rather than playing on.
CHECKS=$((CHECKS + 1))
/usr/bin/python3 - "$SELFCARE" <<'PY' || fail "run whose reader leaves"
import subprocess, sys, time
p = subprocess.Popen([sys.argv[1], "run", "desk-reset", "--plain", "--no-notify", "--no-voice", "--quiet",
                      "--speed", "20"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     stdin=subprocess.DEVNULL, restore_signals=False)
try:
    p.stdout.readline()
    p.stdout.close()
    start = time.monotonic()
    rc = p.wait(timeout=30)
    err = p.stderr.read().decode()
    assert rc == 1 and err == "", (rc, err)
    assert time.monotonic() - start < 10, "played on"
finally:
    p.kill()
    p.wait()
PY

# The warnings when the voice and the sounds cannot work: each said once,
# without repeating itself, and never promising what is off or has failed.
NOAUDIO=(env SPEECHD_ADDRESS=unix_socket:/nonexistent/selfcare/speechd.sock
	PULSE_SERVER=unix:/nonexistent/native CANBERRA_DRIVER=pulse)
ERR=$("${NOAUDIO[@]}" "$SELFCARE" run desk-reset --yes --plain --no-notify --speed 1000 --quiet \
	2>&1 >/dev/null)
err_has "no voice, the routine goes on in silence" "--quiet, no speech: goes on in silence"
CHECKS=$((CHECKS + 1)); ! grep -q "with sounds" <<<"$ERR" || fail "--quiet: 'with sounds': $ERR"
ERR=$("${NOAUDIO[@]}" "$SELFCARE" run desk-reset --yes --plain --no-notify --speed 1000 \
	2>&1 >/dev/null)
err_has "event sounds are not available: no sound device or server answers: no sounds" \
	"no sound server: said plainly"
CHECKS=$((CHECKS + 1)); ! grep -q "(Not available)" <<<"$ERR" || fail "the sound warning repeats itself: $ERR"
CHECKS=$((CHECKS + 1))
! grep -A99 "event sounds are not available" <<<"$ERR" | grep -q "with sounds" ||
	fail "'goes on with sounds' after sounds were said to be unavailable: $ERR"
CHECKS=$((CHECKS + 1)); [ "$(grep -c "no voice" <<<"$ERR")" = 1 ] || fail "the voice warning, once: $ERR"
finish
