# Every file in tests/data/bad must fail with exactly its FILE:LINE:COL line.
source "$(dirname "$0")/lib.sh"
DATA=$(realpath "$(dirname "$0")/../data/bad")

# The oversized file is made here rather than kept in the repository.
cp "$DATA"/*.yaml "$TMP"/
{ printf 'title: Big\n'; head -c 1100000 /dev/zero | tr '\0' '#'; } > "$TMP/oversized.yaml"

count=0
while IFS= read -r line; do
	case $line in '#'* | '') continue ;; esac
	file=${line%%:*}
	[ -f "$TMP/$file" ] || { fail "no file $file"; continue; }
	count=$((count + 1))
	(cd "$TMP" && "$SELFCARE" validate "$file" >"$TMP/out" 2>"$TMP/err") && RC=0 || RC=$?
	OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
	expect_rc 65 "$file"
	expect_err "$line" "$file"
	expect_out "" "$file stdout"
done < "$DATA/EXPECTED"

# Every error of a file in one report, in file order.
cat > "$TMP/many.yaml" <<'YAML'
title: T
colour: red
steps:
  - name: A
    kind: stretch
    hold: -5
    reps: 0
    instructions: ""
YAML
(cd "$TMP" && "$SELFCARE" validate many.yaml >/dev/null 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 65 "many errors"
expect_err "many.yaml:2:1: unknown key 'colour'
many.yaml:5:11: invalid kind 'stretch' (expected massage, pose, breath or rest)
many.yaml:6:11: hold: invalid duration '-5' (use 90, 90s, 1m30s or 2m)
many.yaml:7:11: invalid reps '0' (use a whole number from 1 to 20)
many.yaml:8:19: 'instructions' must not be empty" "many errors"

# A file of 111,846 keys just under the 1 MiB cap is judged at once (it
# took 70 s when duplicate keys were found by comparing every pair). The
# first 1024 keys are read (1023 unknown ones, then one error for the
# rest); the report keeps the earliest 100 errors and counts the others.
awk 'BEGIN { print "title: T"; for (i = 0; i < 111845; i++) printf "k%d: 1\n", i % 10000 }' \
	> "$TMP/keys.yaml"
CHECKS=$((CHECKS + 1)); [ "$(stat -c %s "$TMP/keys.yaml")" -le 1048576 ] || fail "keys.yaml is over 1 MiB"
(cd "$TMP" && timeout 20 "$SELFCARE" validate keys.yaml >/dev/null 2>"$TMP/err") && RC=0 || RC=$?
ERR=$(cat "$TMP/err")
expect_rc 65 "111,846 keys"
CHECKS=$((CHECKS + 1)); [ "$(wc -l <"$TMP/err")" = 101 ] || fail "111,846 keys: $(wc -l <"$TMP/err") lines"
CHECKS=$((CHECKS + 1))
[ "$(head -n 1 "$TMP/err")" = "keys.yaml:2:1: unknown key 'k0'" ] || fail "111,846 keys: $(head -n 1 "$TMP/err")"
CHECKS=$((CHECKS + 1))
[ "$(tail -n 1 "$TMP/err")" = "keys.yaml: 924 more errors not shown" ] || fail "111,846 keys: $(tail -n 1 "$TMP/err")"

# Every file in the folder is listed in EXPECTED, and there are at least 30.
for f in "$DATA"/*.yaml; do
	CHECKS=$((CHECKS + 1))
	grep -q "^$(basename "$f"):" "$DATA/EXPECTED" || fail "$(basename "$f") has no expectation"
done
CHECKS=$((CHECKS + 1)); [ "$count" -ge 30 ] || fail "only $count bad files"
finish
