# Shared by the end-to-end scripts: a private HOME and XDG dirs, and checks
# that fail loudly. Usage: source lib.sh; the binary is $1 of the script.
set -u
SELFCARE=$(realpath "$1")
TMP=$(mktemp -d /tmp/selfcare-e2e.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/.local/share XDG_CONFIG_HOME=$TMP/home/.config
export XDG_DATA_DIRS=$TMP/nowhere NO_COLOR=
unset SELFCARE_ROUTINES_PATH
mkdir -p "$HOME" "$XDG_DATA_HOME/selfcare/routines"
USER_DIR=$XDG_DATA_HOME/selfcare/routines
FAILS=0 CHECKS=0

fail() { printf 'FAIL: %s\n' "$*" >&2; FAILS=$((FAILS + 1)); }

# run ARGS...: sets OUT, ERR and RC
run() {
	OUT=$("$SELFCARE" "$@" 2>"$TMP/err") && RC=0 || RC=$?
	ERR=$(cat "$TMP/err")
}

expect_rc() { CHECKS=$((CHECKS + 1)); [ "$RC" = "$1" ] || fail "$2: exit $RC, want $1 (stderr: $ERR)"; }
expect_out() { CHECKS=$((CHECKS + 1)); [ "$OUT" = "$1" ] || fail "$2: stdout was:"$'\n'"$OUT"$'\n'"want:"$'\n'"$1"; }
expect_err() { CHECKS=$((CHECKS + 1)); [ "$ERR" = "$1" ] || fail "$2: stderr was:"$'\n'"$ERR"$'\n'"want:"$'\n'"$1"; }
out_has() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" <<<"$OUT" || fail "$2: stdout lacks '$1':"$'\n'"$OUT"; }
err_has() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" <<<"$ERR" || fail "$2: stderr lacks '$1':"$'\n'"$ERR"; }
out_lacks() { CHECKS=$((CHECKS + 1)); ! grep -qF -- "$1" <<<"$OUT" || fail "$2: stdout has '$1'"; }

finish() {
	printf '%d passed, %d failed\n' $((CHECKS - FAILS)) "$FAILS"
	[ "$FAILS" = 0 ]
	exit $?
}

# A small valid routine: routine NAME TITLE TAGS
routine() {
	cat <<YAML
title: $2
summary: A routine for tests.
tags: [$3]
safety:
  - Stop if anything hurts.
rest: 10s
prepare: 0
steps:
  - name: Lie down
    kind: breath
    hold: 1m
    instructions: Lie on your back.
  - name: Stretch
    kind: pose
    sides: both
    hold: 30s
    instructions: Stretch gently.
YAML
}
