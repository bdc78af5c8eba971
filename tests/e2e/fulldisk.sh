# A history on a full disk: every command says "no space left on device"
# (not SQLite's "disk I/O error"), nothing advises moving a good history
# aside, and once there is space again every run is still there. The full
# disk is a small tmpfs: that needs root (CI has it); without, skipped.
source "$(dirname "$0")/lib.sh"
MNT=$TMP/disk
mkdir -p "$MNT"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=256k tmpfs "$MNT" 2>/dev/null; then
	echo "fulldisk: cannot mount a small tmpfs (needs root); skipped"
	exit 77
fi
trap 'umount "$MNT"; rm -rf "$TMP"' EXIT
export XDG_STATE_HOME=$MNT/state
DB=$XDG_STATE_HOME/selfcare/history.db

play() { run run breath-reset --no-voice --quiet --no-notify --yes --speed 500 </dev/null; }

play
expect_rc 0 "a run with room to spare"
run history
out_has "breath-reset" "the run is recorded"

# Fill the disk to the last byte, with the history's shared-memory index
# gone (as after a reboot): it must be made again to read the history.
rm -f "$DB-shm"
dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
dd if=/dev/zero of="$MNT/fill2" bs=1 2>/dev/null
avail=$(stat -f -c %a "$MNT")
CHECKS=$((CHECKS + 1))
[ "$avail" = 0 ] || fail "the disk is not full ($avail blocks free)"

for cmd in history stats "schedule list" "history export" doctor; do
	# shellcheck disable=SC2086
	run $cmd
	all="$OUT$ERR"
	CHECKS=$((CHECKS + 1))
	grep -qF "no space left on device" <<<"$all" ||
		fail "$cmd on a full disk does not say 'no space left on device': $all"
	CHECKS=$((CHECKS + 1))
	! grep -qiF "disk I/O error" <<<"$all" || fail "$cmd says 'disk I/O error': $all"
	CHECKS=$((CHECKS + 1))
	! grep -qF "move it aside" <<<"$all" || fail "$cmd advises moving a good history aside: $all"
done
run doctor
out_has "fix: free some space on the disk that holds $XDG_STATE_HOME/selfcare" \
	"doctor: the fix for a full disk"
play
err_has "no space left on device" "run on a full disk: why its result is not kept"

# Space again: the history as it was, and the next run is recorded.
rm -f "$MNT/fill" "$MNT/fill2"
run history
expect_rc 0 "history once there is space"
out_has "breath-reset" "the run from before is still there"
play
run history --json
CHECKS=$((CHECKS + 1))
[ "$(grep -o '"routine"' <<<"$OUT" | wc -l)" -ge 2 ] || fail "a run after the disk had room again is recorded: $OUT"
finish
