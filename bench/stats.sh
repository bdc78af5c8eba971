#!/usr/bin/env bash
# Time 'selfcare stats' (text and --json) and 'selfcare history' over ten
# years of daily runs (3,653 days, with a second run on every third day:
# about 4,870 records) with hyperfine, against an empty history; then count
# the instructions of 'stats --json' with callgrind.
# Usage: bench/stats.sh [path/to/selfcare]   (./dev bench runs it)
# Target: stats under 50 ms over ten years.
set -euo pipefail
SELFCARE=$(realpath "${1:-build/default/selfcare}")
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
TMP=$(mktemp -d /tmp/selfcare-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_STATE_HOME=$TMP/state TZ=Europe/Berlin LANG=C.UTF-8
mkdir -p "$HOME"

# One real run makes the database with selfcare's own schema; then the
# years are added to it.
"$SELFCARE" run breath-reset --speed 1000 --plain --no-notify --no-voice --quiet >/dev/null
/usr/bin/python3 - "$XDG_STATE_HOME/selfcare/history.db" <<'PY'
import random, sqlite3, sys, time
random.seed(1)
con = sqlite3.connect(sys.argv[1])
now = int(time.time())
names = ["psoas-release", "desk-reset", "breath-reset", "evening-unwind"]
rows = []
for day in range(3653):
    for k in range(2 if day % 3 == 0 else 1):
        t = now - day * 86400 - k * 7200
        name = names[(day + k) % 4]
        b = random.randint(3, 9)
        rows.append((t, 3600, name, name.title(), 600, 600000, 9, 9, 0, "completed", 20, 20,
                     b, max(0, b - random.randint(0, 4))))
con.executemany("INSERT INTO runs (started, utc_offset, routine, title, nominal_s, actual_ms,"
                " holds, done, skipped, ended, segment, segments, tension_before,"
                " tension_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
con.commit()
print(f"{con.execute('SELECT count(*) FROM runs').fetchone()[0]} records")
PY

EMPTY=$TMP/empty
hyperfine -N --warmup 5 --runs 50 \
	-n "stats, empty history" "env XDG_STATE_HOME=$EMPTY $SELFCARE stats" \
	-n "stats, ten years" "$SELFCARE stats" \
	-n "stats --json, ten years" "$SELFCARE stats --json" \
	-n "history, ten years" "$SELFCARE history"
if command -v valgrind >/dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$SELFCARE" stats --json \
		>/dev/null 2>"$TMP/cg.err"
	echo "stats --json over ten years: $(grep -o 'Collected : [0-9]*' "$TMP/cg.err" | grep -o '[0-9]*') instructions (callgrind)"
fi
