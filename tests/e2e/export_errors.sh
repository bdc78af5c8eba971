# selfcare export's errors: one line each, the right status, and no file
# left behind, not even a temporary one; Ctrl-C and a kill in the middle
# of an export leave nothing either.
source "$(dirname "$0")/lib.sh"
mkdir "$TMP/out"
cd "$TMP/out" || exit 1

# nothing_left WHAT: the output directory holds only what it held before.
nothing_left() {
	CHECKS=$((CHECKS + 1))
	local left
	left=$(ls -A "$TMP/out" | grep -vxF -e keep.opus -e bad.yaml -e dir -e dir.cue -e fifo || true)
	[ -z "$left" ] || fail "$1: left behind: $left"
}

run export; expect_rc 2 "export without a routine"
err_has "which routine?" "export without a routine says so"
run export a b; expect_rc 2 "export two routines"
run export breath-reset --format mp3; expect_rc 2 "export --format mp3"
err_has "--format is opus, flac or wav" "export --format mp3 message"
run export breath-reset --voice robot; expect_rc 2 "export --voice robot"
err_has "--voice is espeak-ng or festival" "export --voice robot message"
run export breath-reset --voice-rate 500; expect_rc 2 "export --voice-rate 500"
run export breath-reset -o ''; expect_rc 2 "export -o ''"
run export breath-reset --bogus; expect_rc 2 "export --bogus"
run export breath-reset --format flac -o x.opus; expect_rc 2 "export --format flac -o x.opus"
err_has "'x.opus' is named for opus, not flac" "a name that says another format"
run export breath-reset -o x.mp3; expect_rc 2 "export -o x.mp3"
err_has "which format is 'x.mp3'?" "an extension that is no format of ours"
nothing_left "usage errors"

run export no-such-routine --quiet; expect_rc 1 "export an unknown routine"
err_has "no routine named 'no-such-routine'" "export an unknown routine message"
printf 'title: X\nsteps:\n  - name: A\n    kind: pose\n    hold: 10x\n    instructions: Rest.\n' >bad.yaml
run export ./bad.yaml --quiet; expect_rc 65 "export an invalid routine"
err_has "bad.yaml:5:11:" "export an invalid routine names the node"
nothing_left "bad routines"

# The sound theme is where XDG_DATA_DIRS says (lib.sh: nowhere).
run export breath-reset; expect_rc 1 "export with no sound theme"
expect_err "selfcare: export: the sound theme has no 'bell' (apt install sound-theme-freedesktop, or --quiet for no sounds)" \
	"export with no sound theme message"
nothing_left "no sound theme"

run export breath-reset --quiet -o /nonexistent/dir/x.opus; expect_rc 1 "export into a missing directory"
expect_err "selfcare: export: cannot write '/nonexistent/dir/x.opus': No such file or directory" \
	"export into a missing directory message"
run export breath-reset --quiet -o /proc/x.opus; expect_rc 1 "export into /proc"
err_has "cannot write '/proc/x.opus'" "export into /proc message"

# Never a directory, a device or a FIFO, with --force or without; and a
# cue sheet that cannot be written leaves no audio file either.
mkdir dir dir.cue
mkfifo fifo
run export breath-reset --quiet -o dir --force; expect_rc 1 "export onto a directory"
expect_err "selfcare: export: 'dir' is a directory" "export onto a directory message"
run export breath-reset --quiet -o fifo --force; expect_rc 1 "export onto a FIFO"
expect_err "selfcare: export: 'fifo' is not a regular file" "export onto a FIFO message"
run export breath-reset --quiet -o /dev/null --force; expect_rc 1 "export onto /dev/null"
expect_err "selfcare: export: '/dev/null' is not a regular file" "export onto /dev/null message"
CHECKS=$((CHECKS + 1)); [ -c /dev/null ] || fail "/dev/null is no longer a device"
run export breath-reset --quiet -o dir.flac --force; expect_rc 1 "export with a directory for its cue sheet"
expect_err "selfcare: export: 'dir.cue' is a directory" "a directory for the cue sheet"
nothing_left "not regular files"

# festival's voice where there is no festival: one line, nothing written.
run_nofestival() { PATH=$TMP/nowhere "$SELFCARE" "$@"; }
OUT=$(run_nofestival export breath-reset --quiet --voice festival -o f.opus 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 1 "export --voice festival without festival"
expect_err "selfcare: export: festival's voice is not installed (apt install festival festvox-us-slt-hts)" \
	"export --voice festival without festival message"
nothing_left "no festival"

# An existing file is kept, unless --force.
printf 'mine\n' >keep.opus
run export breath-reset --quiet -o keep.opus; expect_rc 1 "export over an existing file"
expect_err "selfcare: export: 'keep.opus' exists; --force replaces it" "export over an existing file message"
CHECKS=$((CHECKS + 1)); [ "$(cat keep.opus)" = mine ] || fail "the existing file was changed"
printf 'mine\n' >keep.cue
run export breath-reset --quiet -o keep.wav; expect_rc 1 "export over an existing cue sheet"
expect_err "selfcare: export: 'keep.cue' exists; --force replaces it" "export over an existing cue sheet message"
rm keep.cue
nothing_left "an existing file"
# --force replaces it in place of the old, keeping its mode.
chmod 600 keep.opus
run export breath-reset --quiet -o keep.opus --force; expect_rc 0 "export --force"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 keep.opus)" = OggS ] || fail "--force did not replace the file"
CHECKS=$((CHECKS + 1)); [ "$(stat -c %a keep.opus)" = 600 ] || fail "--force changed the mode to $(stat -c %a keep.opus)"

# Written: the default name, the mode umask gives, and nothing else.
(umask 027 && "$SELFCARE" export breath-reset --quiet 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 0 "export breath-reset"
expect_err "" "export says nothing when stderr is not a terminal"
CHECKS=$((CHECKS + 1)); [ "$(stat -c %a breath-reset.opus)" = 640 ] || fail "mode $(stat -c %a breath-reset.opus) under umask 027"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 breath-reset.opus)" = OggS ] || fail "breath-reset.opus is not Ogg"
rm -f breath-reset.opus
run export breath-reset --quiet -o x.FLAC; expect_rc 0 "export to x.FLAC"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 x.FLAC)" = fLaC ] || fail "x.FLAC is not FLAC (the format from the extension)"
CHECKS=$((CHECKS + 1)); [ -f x.cue ] || fail "no cue sheet beside x.FLAC"
rm -f x.FLAC x.cue
"$SELFCARE" export breath-reset --quiet --format wav -o - >"$TMP/stdout.wav" 2>"$TMP/err" && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 0 "export -o -"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 "$TMP/stdout.wav")" = RIFF ] || fail "export -o - --format wav is not a WAV"
nothing_left "written files"

# Interrupted: once its temporary file is there, a signal; it dies of it
# (a shell's loop stops), and nothing is left. Job control on, so that a
# job in the background takes SIGINT as one in the foreground does.
set -m
for sig in INT TERM HUP; do
	"$SELFCARE" export psoas-release --quiet -o p.opus 2>"$TMP/err" &
	pid=$!
	# Its temporary file, polled for with a deadline of 30 s.
	deadline=$((SECONDS + 30))
	until compgen -G ".p.opus.*" >/dev/null || [ "$SECONDS" -ge "$deadline" ] ||
		! kill -0 "$pid" 2>/dev/null; do
		sleep 0.05
	done
	CHECKS=$((CHECKS + 1)); compgen -G ".p.opus.*" >/dev/null || fail "no temporary file while exporting"
	kill -"$sig" "$pid"
	wait "$pid" && RC=0 || RC=$?
	ERR=$(cat "$TMP/err")
	want=$((128 + $(kill -l "$sig")))
	expect_rc "$want" "export stopped by SIG$sig"
	nothing_left "export stopped by SIG$sig"
done
set +m

# A full disk (a small tmpfs, so root only): the system's words, exit 1,
# nothing left, in every format.
if [ "$(id -u)" = 0 ] && mkdir "$TMP/disk" && mount -t tmpfs -o size=256k tmpfs "$TMP/disk" 2>/dev/null; then
	trap 'umount "$TMP/disk" 2>/dev/null; rm -rf "$TMP"' EXIT
	for f in x.flac y.wav z.opus; do
		run export psoas-release --quiet -o "$TMP/disk/$f"; expect_rc 1 "export $f onto a full disk"
		expect_err "selfcare: export: cannot write '$TMP/disk/$f': No space left on device" \
			"export $f onto a full disk message"
	done
	CHECKS=$((CHECKS + 1)); [ -z "$(ls -A "$TMP/disk")" ] || fail "left on the full disk: $(ls -A "$TMP/disk")"
else
	echo "export_errors: cannot mount a small tmpfs (needs root): the full disk is not tested"
fi
finish
