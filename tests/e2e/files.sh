# What a routine file may be: regular files only (never a FIFO to hang on),
# paths shown sanitized, and one name rule for every command that takes a FILE.
source "$(dirname "$0")/lib.sh"

# within SECONDS ARGS...: run selfcare, but a hang is a failure, not a hang.
within() {
	local secs=$1
	shift
	OUT=$(timeout -k 2 "$secs" "$SELFCARE" "$@" 2>"$TMP/err") && RC=0 || RC=$?
	ERR=$(cat "$TMP/err")
	CHECKS=$((CHECKS + 1))
	[ "$RC" != 124 ] && [ "$RC" != 137 ] || fail "selfcare $* hung"
}
one_line() { CHECKS=$((CHECKS + 1)); [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "$1: not one line:"$'\n'"$ERR"; }

routine x "Test one" e2e > "$USER_DIR/test-one.yaml"

# --- Not a regular file: a FIFO, a directory, a device ----------------------
mkfifo "$USER_DIR/x.yaml"
within 10 list; expect_rc 0 "list with a FIFO"
out_has "test-one	Test one	" "list with a FIFO still lists the rest"
expect_err "selfcare: warning: cannot read '$USER_DIR/x.yaml': not a regular file; skipped" "list warns once about the FIFO"
within 10 list --json; expect_rc 0 "list --json with a FIFO"
within 10 validate; expect_rc 1 "validate the catalog with a FIFO"
err_has "selfcare: cannot read '$USER_DIR/x.yaml': not a regular file" "validate the catalog names the FIFO"
out_has "$USER_DIR/test-one.yaml: ok" "validate the catalog checks the rest"
cd "$USER_DIR"
within 10 validate x.yaml; expect_rc 1 "validate FIFO"
expect_err "selfcare: cannot read 'x.yaml': not a regular file" "validate FIFO"
expect_out "" "validate FIFO stdout"
within 10 show x.yaml; expect_rc 1 "show FIFO"
expect_err "selfcare: cannot read 'x.yaml': not a regular file" "show FIFO"
within 10 run ./x.yaml --yes --plain --no-notify; expect_rc 1 "run FIFO"
expect_err "selfcare: cannot read './x.yaml': not a regular file" "run FIFO"
cd - >/dev/null
within 10 show x; expect_rc 1 "show a FIFO by name"
expect_err "selfcare: cannot read '$USER_DIR/x.yaml': not a regular file" "show a FIFO by name"

# Tab completion asks 'selfcare list' for names: it must not hang either.
CHECKS=$((CHECKS + 1))
COMPLETION=$(realpath "$(dirname "$0")/../../completions/selfcare.bash")
mkdir -p "$TMP/bin" && ln -sf "$SELFCARE" "$TMP/bin/selfcare"
words=$(cd "$USER_DIR" && PATH=$TMP/bin:$PATH timeout -k 2 10 bash -c '
	source "$1"
	COMP_WORDS=(selfcare show t); COMP_CWORD=2
	_selfcare
	printf "%s\n" "${COMPREPLY[@]}"' bash "$COMPLETION") && rc=0 || rc=$?
[ "$rc" = 0 ] || fail "completion with a FIFO: exit $rc (124: it hung)"
CHECKS=$((CHECKS + 1))
grep -qx test-one <<<"$words" || fail "completion with a FIFO offers test-one: '$words'"
words=$(cd "$USER_DIR" && PATH=$TMP/bin:$PATH timeout -k 2 10 bash -c '
	source "$1"
	COMP_WORDS=(selfcare schedule add ""); COMP_CWORD=3
	_selfcare
	printf "%s\n" "${COMPREPLY[@]}"' bash "$COMPLETION") && rc=0 || rc=$?
CHECKS=$((CHECKS + 1))
[ "$rc" = 0 ] && grep -qx test-one <<<"$words" || fail "schedule completion with a FIFO: exit $rc, '$words'"
rm "$USER_DIR/x.yaml"

# A device: /dev/null would read as an empty routine, /dev/zero as a huge one.
ln -s /dev/zero "$USER_DIR/zero.yaml"
within 10 list; expect_rc 0 "list with a device"
expect_err "selfcare: warning: cannot read '$USER_DIR/zero.yaml': not a regular file; skipped" "list warns about a device"
rm "$USER_DIR/zero.yaml"
within 10 validate /dev/null; expect_rc 1 "validate a device"
expect_err "selfcare: cannot read '/dev/null': not a regular file" "validate a device"

# A directory named like a routine: skipped with a warning.
mkdir "$USER_DIR/dir.yaml"
within 10 list; expect_rc 0 "list with a directory"
expect_err "selfcare: warning: cannot read '$USER_DIR/dir.yaml': Is a directory; skipped" "list warns about a directory"
rmdir "$USER_DIR/dir.yaml"

# A socket: open() fails (ENXIO) before there is anything to fstat.
/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$USER_DIR/sock.yaml"
within 10 list; expect_rc 0 "list with a socket"
expect_err "selfcare: warning: cannot read '$USER_DIR/sock.yaml': not a regular file; skipped" "list warns about a socket"
within 10 show "$USER_DIR/sock.yaml"; expect_rc 1 "show a socket"
one_line "show a socket"
rm "$USER_DIR/sock.yaml"

# --- Paths are shown sanitized, like routine text --------------------------
EVIL=$TMP/evil$'\e[31m'dir
CLEAN=$TMP/evil[31mdir
mkdir "$EVIL"
routine x "Test two" e2e > "$EVIL/test-two.yaml"
printf 'title: Broken\nsteps:\n  - name: A\n    kind: yoga\n    hold: 30s\n    instructions: x\n' > "$EVIL/broken.yaml"
printf 'title: T\n' > "$EVIL/Bad Name.yaml"
mkfifo "$EVIL/fifo.yaml"
no_escape() {
	CHECKS=$((CHECKS + 1))
	[[ $OUT$ERR != *$'\e'* ]] || fail "$1: an escape reached the terminal:"$'\n'"$ERR"
}
export SELFCARE_ROUTINES_PATH=$EVIL
within 10 list; expect_rc 0 "list, escape in a directory name"; no_escape "list"
err_has "$CLEAN/broken.yaml:4:11: invalid kind 'yoga'" "list: FILE:LINE:COL sanitized"
err_has "selfcare: warning: $CLEAN/Bad Name.yaml: name must match" "list: scan warning sanitized"
err_has "selfcare: warning: cannot read '$CLEAN/fifo.yaml': not a regular file" "list: cannot read sanitized"
within 10 list --json; no_escape "list --json"
within 10 validate; expect_rc 65 "validate, escape in a directory name"; no_escape "validate"
out_has "$CLEAN/test-two.yaml: ok" "validate: ok line sanitized"
err_has "$CLEAN/broken.yaml:4:11: invalid kind 'yoga'" "validate: FILE:LINE:COL sanitized"
within 10 validate test-two; expect_rc 0 "validate NAME, escape in its directory"; no_escape "validate NAME"
expect_out "$CLEAN/test-two.yaml: ok" "validate NAME: ok line sanitized"
for c in show validate run; do
	extra=()
	[ "$c" = run ] && extra=(--yes --plain --no-notify)
	within 10 "$c" "$EVIL/broken.yaml" "${extra[@]}"
	expect_rc 65 "$c broken file, escape in its path"; no_escape "$c broken file"
	err_has "$CLEAN/broken.yaml:4:11: invalid kind 'yoga'" "$c broken file"; one_line "$c broken file"
	within 10 "$c" "$EVIL/missing.yaml" "${extra[@]}"
	expect_rc 1 "$c missing file, escape in its path"; no_escape "$c missing file"
	expect_err "selfcare: cannot read '$CLEAN/missing.yaml': No such file or directory" "$c missing file"
done
within 10 show fifo; expect_rc 1 "show a FIFO by name, escape in its path"; no_escape "show FIFO by name"
within 10 show "$EVIL/test-two.yaml"; expect_rc 0 "show a good file, escape in its path"
within 10 show 'Bad Name'; within 10 show test-two; expect_rc 0 "show NAME with warnings"; no_escape "show NAME"
unset SELFCARE_ROUTINES_PATH
# Arguments echoed in messages are no different.
within 10 list $'\e[2Jx'; expect_rc 2 "list with an escape argument"; no_escape "list argument"
within 10 help $'\e[2Jx'; expect_rc 2 "help with an escape argument"; no_escape "help argument"

# --- One name rule for every command that takes a FILE ---------------------
# The stem of the file is the routine's name; show, run and validate all
# refuse one that breaks the rule, with the same line and status.
mkdir "$TMP/names"
routine x "Neck ease" neck > "$TMP/names/Neck_Ease.yaml"
RULE="routine name 'Neck_Ease' (from the file name) must match [a-z0-9][a-z0-9-]{0,63}"
cd "$TMP/names"
for c in show run validate; do
	extra=()
	[ "$c" = run ] && extra=(--yes --plain --no-notify --no-voice --quiet --speed 1000)
	within 10 "$c" Neck_Ease.yaml "${extra[@]}"; expect_rc 65 "$c Neck_Ease.yaml"
	expect_err "Neck_Ease.yaml:1:1: $RULE" "$c Neck_Ease.yaml"
	expect_out "" "$c Neck_Ease.yaml: nothing shown or played"
	within 10 "$c" "$TMP/names/Neck_Ease.yaml" "${extra[@]}"; expect_rc 65 "$c /abs/Neck_Ease.yaml"
	expect_err "$TMP/names/Neck_Ease.yaml:1:1: $RULE" "$c /abs/Neck_Ease.yaml"
done
# Broken content and a bad name: every error, the same way, for all three.
printf 'title: Broken\nsteps:\n  - name: A\n    kind: yoga\n' > "$TMP/names/Bad_Broken.yaml"
for c in show run validate; do
	within 10 "$c" Bad_Broken.yaml; expect_rc 65 "$c Bad_Broken.yaml"
	err_has "Bad_Broken.yaml:4:11: invalid kind 'yoga'" "$c Bad_Broken.yaml content"
	err_has "Bad_Broken.yaml:1:1: routine name 'Bad_Broken' (from the file name) must match" \
		"$c Bad_Broken.yaml name"
	[ "$c" = show ] && first=$ERR
	CHECKS=$((CHECKS + 1)); [ "$ERR" = "$first" ] || fail "$c Bad_Broken.yaml differs from show"
done
cd - >/dev/null
# validate over the catalog says it the same way.
cp "$TMP/names/Neck_Ease.yaml" "$USER_DIR/"
within 10 validate; expect_rc 65 "validate the catalog with Neck_Ease.yaml"
err_has "$USER_DIR/Neck_Ease.yaml:1:1: $RULE" "validate the catalog: the same rule line"
rm "$USER_DIR/Neck_Ease.yaml"

finish
