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
psoas-release 900 1080
hip-flexor-yoga 1200 1380
desk-reset 360 450
evening-unwind 630 780
breath-reset 110 130
sleep-wind-down 660 780
glutes-lower-back 540 690
standing-break 240 330
neck-and-shoulders 300 360
hip-flexor-gentle 450 525
core-strength 570 660
LIST

# Written for the ear: no "side shown", no abbreviations or symbols a speech
# engine misreads, no "30s" inside a sentence (durations are keys' values).
CHECKS=$((CHECKS + 1))
bad=$(grep -n -E 'side shown|that heel|e\.g\.|i\.e\.|approx|[~&/]|[0-9]+s\b' "$ROUTINES"/*.yaml |
	grep -v -E ':[0-9]+: *(- )?(hold|rest|prepare|at): ')
[ -z "$bad" ] || fail "routine text a speech engine misreads:"$'\n'"$bad"
# Words espeak-ng says wrong, or that leave a listener guessing: "close
# your eyes" comes out as "close by"; "the side named" is the player's
# job ({side} and {other}, filled in as each side is played).
CHECKS=$((CHECKS + 1))
bad=$(grep -n -i -E 'close your eyes|side named|side you are (on|pressing)' "$ROUTINES"/*.yaml)
[ -z "$bad" ] || fail "routine text that is heard wrong:"$'\n'"$bad"

# Voice commands (issue 20) begin with "okay" (and "OK" is said the same
# way): a routine read aloud by another voice in the room must never say
# one, so no shipped routine says the word at all (core/listen.c's rule).
CHECKS=$((CHECKS + 1))
bad=$(grep -n -i -w -E 'okay|ok' "$ROUTINES"/*.yaml)
[ -z "$bad" ] || fail "routine text that would be heard as a voice command:"$'\n'"$bad"

# Never cut a sentence: every utterance, synthesized with espeak-ng at
# speech-dispatcher's default rate, ends a second before the next begins;
# and the estimate's measured durations are current.
/usr/bin/python3 "$(dirname "$0")/speech.py" "$SELFCARE" "$ROUTINES" \
	"$(realpath "$(dirname "$0")/../data/saytime.tsv")" >"$TMP/speech.out" 2>&1 && RC=0 || RC=$?
CHECKS=$((CHECKS + 1))
[ "$RC" = 0 ] || fail "spoken words overrun (speech.py exit $RC):"$'\n'"$(cat "$TMP/speech.out")"

# Each shipped routine lasts exactly what README's table says, prepare
# times included; and the table lists every one.
CHECKS=$((CHECKS + 1))
run list --json
README=$(realpath "$(dirname "$0")/../../README.md")
/usr/bin/python3 - "$OUT" "$README" "$ROUTINES" <<'PY' || fail "README's routine table and the routines disagree"
import json, os, re, sys
listed = {r["name"]: r["total"] for r in json.loads(sys.argv[1])}
def seconds(t):
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", t)
    h, mi, se = (int(x) if x else 0 for x in m.groups())
    return h * 3600 + mi * 60 + se
table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| .* \| ([0-9hms]+) \|$", open(sys.argv[2]).read(), re.M))
shipped = {f[:-5] for f in os.listdir(sys.argv[3]) if f.endswith(".yaml")}
ok = set(table) == shipped
for name in shipped:
    if name not in table or seconds(table[name]) != listed.get(name):
        print(f"{name}: README says {table.get(name)}, list says {listed.get(name)} s", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY

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
# A routine's text is shown as well as said, and read with --no-voice:
# it never counts on the voice ("when the voice says in").
for f in "$ROUTINES"/*.yaml; do
	CHECKS=$((CHECKS + 1))
	! grep -nwi "voice" "$f" | grep -v "^[0-9]*:#" | grep -q . ||
		fail "$(basename "$f") counts on the voice, which may be off: $(grep -nwi voice "$f")"
done
finish
