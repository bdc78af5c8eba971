# The catalog through the real binary: list, show, validate, shadowing.
source "$(dirname "$0")/lib.sh"

# The shipped set is visible from a build in the tree.
run list; expect_rc 0 "list"
for n in psoas-release hip-flexor-yoga desk-reset evening-unwind; do
	out_has "$n	" "list shows $n"
done

# Piped output is tab-separated, one line per routine, no escapes.
routine x "Test one" e2e,alpha > "$USER_DIR/test-one.yaml"
routine x "Test two" e2e > "$USER_DIR/test-two.yaml"
run list --tag e2e; expect_rc 0 "list --tag"
expect_out "test-one	Test one	2m20s	3	e2e,alpha
test-two	Test two	2m20s	3	e2e" "list --tag e2e"
run list --tag alpha; expect_out "test-one	Test one	2m20s	3	e2e,alpha" "list --tag alpha"
run list --tag nothing-has-this; expect_rc 0 "empty tag"; expect_out "" "empty tag"

# JSON: durations in seconds, parseable.
run list --json --tag e2e; expect_rc 0 "list --json"
CHECKS=$((CHECKS + 1))
/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert [r["name"] for r in d] == ["test-one", "test-two"], d
assert d[0]["total"] == 140 and d[0]["steps"] == 3, d[0]
assert d[0]["tags"] == ["e2e", "alpha"] and d[0]["title"] == "Test one", d[0]
assert d[0]["path"].endswith("/test-one.yaml"), d[0]
' "$OUT" || fail "list --json content"

# A user's routine shadows a shipped one of the same name.
routine x "My psoas" psoas > "$USER_DIR/psoas-release.yaml"
run list; out_has "psoas-release	My psoas	" "user routine shadows shipped"
out_lacks "Psoas release" "shadowed routine is hidden"
run show psoas-release; out_has "My psoas (psoas-release, 2m20s)" "show uses the user's routine"
# SELFCARE_ROUTINES_PATH comes first of all.
mkdir -p "$TMP/first"
routine x "From the path" psoas > "$TMP/first/psoas-release.yaml"
SELFCARE_ROUTINES_PATH=$TMP/first:$TMP/none run list --tag psoas
out_has "psoas-release	From the path	" "SELFCARE_ROUTINES_PATH wins"
rm "$USER_DIR/psoas-release.yaml"

# A broken file warns, and never hides the good ones.
printf 'title: Broken\nsteps:\n  - name: A\n    kind: yoga\n' > "$USER_DIR/broken.yaml"
printf 'title: T\n' > "$USER_DIR/Not A Name.yaml"
run list --tag e2e; expect_rc 0 "list with a broken file"
out_has "test-one	" "good routine still listed"
# One line for the file: its first error, how many more, and "skipped".
err_has "selfcare: warning: $USER_DIR/broken.yaml:3:5: missing required key 'hold' (and 2 more: see 'selfcare validate $USER_DIR/broken.yaml'); skipped" "broken file warning"
err_has "Not A Name.yaml: name must match" "bad file name warning"
# Other files are list's and validate's business, not show's or run's.
run show test-one; expect_rc 0 "show beside a broken file"; expect_err "" "show warns about nothing else"

# validate with no argument checks the whole catalog and fails on any error.
run validate; expect_rc 65 "validate catalog with broken file"
out_has "$USER_DIR/test-one.yaml: ok" "validate reports good files"
err_has "broken.yaml:4:11: invalid kind 'yoga'" "validate reports broken"
err_has "Not A Name.yaml:1:1: routine name" "validate reports bad names"
rm "$USER_DIR/broken.yaml" "$USER_DIR/Not A Name.yaml"
run validate -q; expect_rc 0 "validate clean catalog"; expect_out "" "validate -q is quiet"
run validate test-one; expect_rc 0 "validate by name"

# validate reports every post-load error of a file, each on its own line.
cat > "$TMP/multi.yaml" <<'YAML'
title: Several problems
tags: [Bad]
steps:
  - name: A
    kind: pose
    hold: 0
    instructions: x
  - name: B
    kind: pose
    hold: 10x
    instructions: x
YAML
run validate "$TMP/multi.yaml"; expect_rc 65 "multi errors"
expect_err "$TMP/multi.yaml:2:8: invalid tag 'Bad' (use lowercase letters, digits and '-')
$TMP/multi.yaml:6:11: 'hold' must be longer than zero
$TMP/multi.yaml:10:11: hold: invalid duration '10x' (use 90, 90s, 1m30s or 2m)" "every error, in order"

# show: safety first, every expanded step with its start time, the total.
run show test-one; expect_rc 0 "show"
expect_out "Test one (test-one, 2m20s)
A routine for tests.

Safety
  - Stop if anything hurts.

Steps
   0:00   1. Lie down (breath, 1m)
             Lie on your back.
   1:00     rest 10s
   1:10   2. Stretch, left side (pose, 30s)
             Stretch gently.
   1:40     switch sides, 10s
   1:50   3. Stretch, right side (pose, 30s)

Total 2m20s: 3 steps" "show output"

# A file path works the same; invalid data exits 65 with FILE:LINE:COL.
run show "$USER_DIR/test-one.yaml"; expect_rc 0 "show FILE"
printf 'title: T\nsteps: x\n' > "$TMP/bad.yaml"
run show "$TMP/bad.yaml"; expect_rc 65 "show invalid file"
expect_err "$TMP/bad.yaml:2:8: 'steps' must be a list, not a single value" "show invalid file"

# Untrusted text never brings control characters to the terminal.
printf 'title: "Evil \\e]0;pwned\\a title"\nsteps:\n  - {name: A, kind: pose, hold: 1, instructions: x}\n' > "$TMP/evil.yaml"
run show "$TMP/evil.yaml"; expect_rc 65 "control characters rejected"
CHECKS=$((CHECKS + 1)); [[ $ERR$OUT != *$'\e'* && $ERR$OUT != *$'\a'* ]] || fail "control characters printed"

# One count of steps, the same words everywhere: psoas-release has 6
# steps in its file, 4 of them on both sides, so 10 are played.
SHIPPED_DIR=$(realpath "$(dirname "$0")/../../routines")
export SELFCARE_ROUTINES_PATH=$SHIPPED_DIR
run list
CHECKS=$((CHECKS + 1))
[ "$(awk -F'\t' '$1 == "psoas-release" {print $4}' <<<"$OUT")" = 10 ] ||
	fail "list: psoas-release has 10 steps: $OUT"
run list --json
out_has '"name": "psoas-release"' "list --json names it"
CHECKS=$((CHECKS + 1))
grep -q '"name": "psoas-release".*"steps": 10,' <<<"$OUT" || fail "list --json: 10 steps: $OUT"
run show psoas-release
out_has "Total 16m55s: 10 steps" "show: 10 steps"
out_lacks "holds" "show: no second count"
run run psoas-release --plain --yes --no-voice --quiet --no-notify --speed 1000
out_has "Psoas release: complete. 10 of 10 steps done" "run: 10 steps"
unset SELFCARE_ROUTINES_PATH
finish
