# The command line: help, version, usage errors, exit codes.
source "$(dirname "$0")/lib.sh"

run --help; expect_rc 0 "--help"
out_has "Usage: selfcare COMMAND" "--help"
for c in list show run validate schedule remind help; do out_has "  $c " "--help lists $c"; done

run --version; expect_rc 0 "--version"
[[ $OUT =~ ^selfcare\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version: '$OUT'"

run; expect_rc 2 "no command"

run lsit; expect_rc 2 "unknown command"
expect_err "selfcare: 'lsit' is not a selfcare command
Did you mean 'selfcare list'?
Try 'selfcare --help'." "unknown command suggests"

run $'bad\e[2Jcmd'; expect_rc 2 "control chars in command"
CHECKS=$((CHECKS + 1)); [[ $ERR != *$'\e'* ]] || fail "escape reached the terminal"

run --frobnicate; expect_rc 2 "unknown top option"

for c in list show run validate schedule remind help; do
	run "$c" --help; expect_rc 0 "$c --help"; out_has "Usage: selfcare $c" "$c --help"
	run help "$c"; expect_rc 0 "help $c"; out_has "Usage: selfcare $c" "help $c"
done
run help nothing; expect_rc 2 "help unknown"
# A subcommand's help, as its own --help gives it (issue 18).
run help history export; expect_rc 0 "help history export"
out_has "Usage: selfcare history export" "help history export: its usage"
run help schedule add; expect_rc 0 "help schedule add"; out_has "Usage: selfcare schedule add" "help schedule add"

run list --bogus; expect_rc 2 "list --bogus"
expect_err "selfcare: list: unknown option '--bogus'
Try 'selfcare list --help'." "list --bogus message"
run list --tag; expect_rc 2 "list --tag without value"
err_has "needs a value" "list --tag without value"
run list extra; expect_rc 2 "list extra argument"
run show; expect_rc 2 "show without argument"
run show a b; expect_rc 2 "show two arguments"
run validate -x; expect_rc 2 "validate -x"
expect_err "selfcare: validate: unknown option '-x'
Try 'selfcare validate --help'." "validate -x message"

for speed in 0 0.05 1001 abc 1e9 nan 5x ""; do
	run run desk-reset --speed "$speed" --yes --plain; expect_rc 2 "run --speed '$speed'"
	err_has "--speed takes a number from 0.1 to 1000" "run --speed '$speed' message"
done
run run; expect_rc 2 "run without a routine"
run run no-such-routine --yes --plain; expect_rc 1 "run an unknown routine"
run run desk-reset extra --yes; expect_rc 2 "run with two routines"
# With stdin not a terminal there is nobody to press Enter: it does not wait.
OUT=$(printf 'q\n' | "$SELFCARE" run desk-reset --plain --no-notify --no-voice --quiet --speed 1000 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 0 "run with stdin not a terminal does not wait"
out_has "0:00 prepare " "plain run from a pipe starts by getting ready"
out_has " hold " "plain run from a pipe plays the holds"
out_has " how " "plain run from a pipe says how to do each"

run show no-such-routine; expect_rc 1 "show unknown routine"
err_has "selfcare: no routine named 'no-such-routine'" "show unknown routine"
run show psoas-relase; expect_rc 1 "show misspelt"
err_has "Did you mean 'psoas-release'?" "show suggests the closest routine"
run show 'Bad Name'; expect_rc 1 "show bad name"
err_has "invalid routine name" "show bad name"
run show ./missing.yaml; expect_rc 1 "show missing file"
expect_err "selfcare: cannot read './missing.yaml': No such file or directory" "missing file"
run validate /tmp; expect_rc 1 "validate a directory"
err_has "Is a directory" "validate a directory"

# A mistyped option: the nearest one, as for a mistyped command.
run run desk-reset --no-chekin; expect_rc 2 "a mistyped option"
expect_err "selfcare: run: unknown option '--no-chekin' (did you mean '--no-checkin'?)
Try 'selfcare run --help'." "did you mean, for an option"
run history --jsn; expect_rc 2 "a mistyped history option"
err_has "(did you mean '--json'?)" "did you mean, for history"
run history export --formt csv; expect_rc 2 "a mistyped export option"
err_has "selfcare: history export: unknown option '--formt' (did you mean '--format'?)" "did you mean, for export"
run list --zzzzzz; expect_rc 2 "nothing near"
expect_err "selfcare: list: unknown option '--zzzzzz'
Try 'selfcare list --help'." "no suggestion when nothing is near"
# "Did you mean" wherever a name is mistyped.
run --verison; expect_rc 2 "--verison"
err_has "unknown option '--verison' (did you mean '--version'?)" "did you mean --version"
run schedule ad; expect_rc 2 "schedule ad"
err_has "unknown subcommand 'ad' (did you mean 'add'?)" "did you mean schedule add"
run show psoas; expect_rc 1 "show psoas"
err_has "Did you mean 'psoas-release'?" "a prefix of one name"
run run Breath-Reset --plain --yes; expect_rc 1 "run Breath-Reset"
err_has "Did you mean 'breath-reset'?" "the same name but for case"
printf 'title: X\nsteps:\n  - name: A\n    kind: pose\n    hold: 10s\n    repz: 2\n    instructions: Rest.\n' > "$TMP/repz.yaml"
run validate "$TMP/repz.yaml"; expect_rc 65 "validate repz"
expect_err "$TMP/repz.yaml:6:5: unknown key 'repz' (did you mean 'reps'?)" "did you mean, for a key"
finish
