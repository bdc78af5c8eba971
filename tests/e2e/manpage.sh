# selfcare(1) covers the program: every command in the command table and
# every option a command's (or subcommand's) --help lists; every exit code
# and environment variable the program reads is in it too. selfcare-routine(5)
# has a complete example, which validates.
source "$(dirname "$0")/lib.sh"
DOC=$(realpath "$(dirname "$0")/../../doc")
PAGE=$DOC/selfcare.1.scd
COMMANDS=$("$SELFCARE" --help | sed -n '/^Commands:/,/^$/{/^  /s/^  \([a-z]*\) .*/\1/p}')
CHECKS=$((CHECKS + 1)); [ "$(wc -w <<<"$COMMANDS")" -ge 11 ] || fail "commands from --help: $COMMANDS"
for c in $COMMANDS; do
	CHECKS=$((CHECKS + 1))
	grep -qE "^\*$c[* ]" "$PAGE" || fail "selfcare(1) has no entry for the command '$c'"
done
for c in $COMMANDS "schedule add" "schedule list" "schedule remove" "history export"; do
	read -ra words <<<"$c"
	for opt in $("$SELFCARE" "${words[@]}" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		CHECKS=$((CHECKS + 1))
		grep -qE -- "\*?$opt\*?([^a-z-]|$)" "$PAGE" || fail "selfcare(1) lacks $opt of '$c'"
	done
done
# The environment variables the source reads.
SRC=$(realpath "$(dirname "$0")/../../src")
for var in $(grep -rhoE 'getenv\("[A-Z_]+"\)' "$SRC" | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	case $var in TERM | PATH | USER | LOGNAME | SHELL) continue ;; esac
	CHECKS=$((CHECKS + 1))
	grep -qF -- "*$var*" "$PAGE" || grep -qF -- "$var" "$PAGE" || fail "selfcare(1) lacks the variable $var"
done
for code in 0 1 2 3 65 130 143; do
	CHECKS=$((CHECKS + 1))
	sed -n '/^# EXIT STATUS/,/^# /p' "$PAGE" | grep -qw -- "$code" || fail "selfcare(1) EXIT STATUS lacks $code"
done
# selfcare-routine(5): its complete example is a routine that validates.
sed -n '/^# EXAMPLE/,/^# /p' "$DOC/selfcare-routine.5.scd" | sed -n '/^```$/,/^```$/p' | sed '1d;$d' \
	> "$USER_DIR/man-example.yaml"
CHECKS=$((CHECKS + 1))
[ -s "$USER_DIR/man-example.yaml" ] || fail "selfcare-routine(5) has no EXAMPLE section with a routine"
run validate "$USER_DIR/man-example.yaml"; expect_rc 0 "the example in selfcare-routine(5) validates"
# The version the man page speaks of is the one --version says; no other.
VERSION=$("$SELFCARE" --version | awk '{print $2}')
CHECKS=$((CHECKS + 1))
! grep -nE "selfcare [0-9]+\.[0-9]+" "$PAGE" | grep -vF "selfcare $VERSION" | grep -q . ||
	fail "selfcare(1) names a version other than $VERSION: $(grep -nE "selfcare [0-9]+\.[0-9]+" "$PAGE")"
# Every help fits 80 columns: each command's, each subcommand's, the program's.
mapfile -t CMDS < <("$SELFCARE" --help | sed -n '/^Commands:/,/^$/{/^  /s/^  \([a-z]*\) .*/\1/p}')
for args in "--help" "${CMDS[@]/%/ --help}" "schedule add --help" "schedule list --help" \
	"schedule remove --help" "history export --help" "help history export"; do
	# shellcheck disable=SC2086
	wide=$("$SELFCARE" $args 2>&1 | awk 'length($0) > 79 {print length($0) ": " $0}')
	CHECKS=$((CHECKS + 1))
	[ -z "$wide" ] || fail "'selfcare $args' is wider than 79 columns: $wide"
done
# help schedule names every option of schedule add, --test too.
run help schedule
out_has "[--test]" "help schedule shows --test"
run schedule list --help
out_has "(LAST)" "schedule list --help says what LAST is"
finish
