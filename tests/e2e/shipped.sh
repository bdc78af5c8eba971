# Every shipped routine validates and has the length its issue asks for.
source "$(dirname "$0")/lib.sh"
ROUTINES=$(realpath "$(dirname "$0")/../../routines")

run validate "$ROUTINES"/*.yaml; expect_rc 0 "shipped routines validate"
expect_err "" "no errors in shipped routines"

# name min max (seconds)
while read -r name lo hi; do
	run list --json
	total=$(/usr/bin/python3 -c 'import json,sys; print(next(r["total"] for r in json.loads(sys.argv[1]) if r["name"] == sys.argv[2]))' "$OUT" "$name")
	CHECKS=$((CHECKS + 1))
	[ "$total" -ge "$lo" ] && [ "$total" -le "$hi" ] || fail "$name lasts ${total}s, want $lo..$hi"
	# Safety notes come first in 'show'.
	run show "$name"; expect_rc 0 "show $name"
	CHECKS=$((CHECKS + 1))
	[ "$(grep -n '^Safety$' <<<"$OUT" | cut -d: -f1)" -lt "$(grep -n '^Steps$' <<<"$OUT" | cut -d: -f1)" ] ||
		fail "$name: safety does not come first"
done <<'LIST'
psoas-release 720 900
hip-flexor-yoga 840 960
desk-reset 270 330
evening-unwind 540 660
LIST

# psoas-release's safety notes cover what they must.
run show psoas-release
for word in pregnant aneurysm hernia surgery bowel pulse gentle sharp "Breathe slowly"; do
	out_has "$word" "psoas-release safety mentions $word"
done

# The example in selfcare-routine(5) is valid and lasts what the page says.
DOC=$(realpath "$(dirname "$0")/../../doc/selfcare-routine.5.scd")
awk '/^```$/ { inside = !inside; next } inside' "$DOC" > "$TMP/example.yaml"
run show "$TMP/example.yaml"; expect_rc 0 "man page example validates"
said=$(grep -o '[0-9]m[0-9]*s in all' "$DOC" | cut -d' ' -f1)
out_has "Total $said:" "man page example total"
finish
