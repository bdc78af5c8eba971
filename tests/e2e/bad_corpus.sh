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

# Every file in the folder is listed in EXPECTED, and there are at least 30.
for f in "$DATA"/*.yaml; do
	CHECKS=$((CHECKS + 1))
	grep -q "^$(basename "$f"):" "$DATA/EXPECTED" || fail "$(basename "$f") has no expectation"
done
CHECKS=$((CHECKS + 1)); [ "$count" -ge 30 ] || fail "only $count bad files"
finish
