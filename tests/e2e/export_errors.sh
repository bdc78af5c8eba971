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
	left=$(ls -A "$TMP/out" | grep -vxF -e keep.opus -e bad.yaml || true)
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

# An existing file is kept, unless --force.
printf 'mine\n' >keep.opus
run export breath-reset --quiet -o keep.opus; expect_rc 1 "export over an existing file"
expect_err "selfcare: export: 'keep.opus' exists; --force replaces it" "export over an existing file message"
CHECKS=$((CHECKS + 1)); [ "$(cat keep.opus)" = mine ] || fail "the existing file was changed"
nothing_left "an existing file"

# Written: the default name, the mode umask gives, and nothing else.
(umask 027 && "$SELFCARE" export breath-reset --quiet 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 0 "export breath-reset"
expect_err "" "export says nothing when stderr is not a terminal"
CHECKS=$((CHECKS + 1)); [ "$(stat -c %a breath-reset.opus)" = 640 ] || fail "mode $(stat -c %a breath-reset.opus) under umask 027"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 breath-reset.opus)" = OggS ] || fail "breath-reset.opus is not Ogg"
rm -f breath-reset.opus
run export breath-reset --quiet -o x.flac; expect_rc 0 "export to x.flac"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 x.flac)" = fLaC ] || fail "x.flac is not FLAC (the format from the extension)"
CHECKS=$((CHECKS + 1)); [ -f x.cue ] || fail "no cue sheet beside x.flac"
rm -f x.flac x.cue
"$SELFCARE" export breath-reset --quiet --format wav -o - >"$TMP/stdout.wav" 2>"$TMP/err" && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 0 "export -o -"
CHECKS=$((CHECKS + 1)); [ "$(head -c 4 "$TMP/stdout.wav")" = RIFF ] || fail "export -o - --format wav is not a WAV"
nothing_left "written files"

# Interrupted: once its temporary file is there, a signal; the status says
# which, and nothing is left.
for sig in INT TERM; do
	"$SELFCARE" export psoas-release --quiet -o p.opus 2>"$TMP/err" &
	pid=$!
	for _ in $(seq 200); do
		compgen -G ".p.opus.*" >/dev/null && break
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
finish
