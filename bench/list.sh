#!/usr/bin/env bash
# Time 'selfcare list' over the shipped set and over generated catalogs of
# 250, 500, 1000 and 2000 valid routines, with hyperfine; then count its
# instructions over 1000 routines with callgrind, against the baseline of a
# bare libyaml event pass over the same files (bench/yaml_events.c, built
# beside selfcare).
# Usage: bench/list.sh [path/to/selfcare]   (./dev bench runs it)
# Targets: under 5 ms for the shipped set, under 100 ms for 1000, linear;
# at most 1.3 times the baseline's instructions.
set -euo pipefail
SELFCARE=$(realpath "${1:-build/default/selfcare}")
YAML_EVENTS=$(dirname "$SELFCARE")/yaml_events
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "bench: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
TMP=$(mktemp -d /tmp/selfcare-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/share XDG_DATA_DIRS=$TMP/none
mkdir -p "$HOME"

make_catalog() { # DIR COUNT: routines the size of a shipped one
	mkdir -p "$1"
	for i in $(seq 1 "$2"); do
		cat > "$1/routine-$i.yaml" <<YAML
title: Generated routine $i
summary: A routine generated for the benchmark, about as long as a shipped one.
tags: [bench, hips, psoas]
safety:
  - Move gently and stop if anything causes pain, tingling or numbness.
  - Breathe slowly the whole time.
rest: 10s
steps:
  - name: Constructive rest
    kind: breath
    hold: 2m
    instructions: Lie on your back with your knees bent and your feet flat on the floor, hip-width apart.
    cues:
      - at: 1m
        say: Let your lower back soften toward the floor as you breathe out.
  - name: Fingertip release
    kind: massage
    sides: both
    hold: 1m30s
    rest: 15s
    instructions: Find the bony point at the front of your hip and slide your fingertips inward.
    cues:
      - at: 30s
        say: Keep the pressure light.
  - name: Low lunge
    kind: pose
    sides: both
    reps: 2
    hold: 45s
    instructions: Step one foot forward and let the hips ease forward.
  - name: Resting pose
    kind: rest
    hold: 3m
    instructions: Lie on your back with your legs long and let everything be heavy.
YAML
	done
}

args=(--warmup 3 --min-runs 20 --export-markdown "$TMP/list.md" -N)
cmds=(-n "shipped" "$SELFCARE list")
for n in 250 500 1000 2000; do
	make_catalog "$TMP/cat$n" "$n"
	cmds+=(-n "$n routines" "env SELFCARE_ROUTINES_PATH=$TMP/cat$n $SELFCARE list")
done
# Sanity: every generated routine is listed, none is broken.
count=$(SELFCARE_ROUTINES_PATH=$TMP/cat1000 "$SELFCARE" list --tag bench | wc -l)
[ "$count" = 1000 ] || { echo "bench: listed $count of 1000" >&2; exit 1; }
hyperfine "${args[@]}" "${cmds[@]}" >/dev/null
cat "$TMP/list.md"

# Instructions, not time: callgrind's count does not depend on the machine's load.
instructions() { # OUT CMD...: the total count callgrind collected
	local out=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$@" >"$out" 2>"$TMP/cg.err"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/cg.err"
}
# The same files for both: a selfcare run from its build directory also
# lists the source tree's routines/.
export SELFCARE_ROUTINES_PATH=$TMP/cat1000
list=$(instructions "$TMP/list.out" "$SELFCARE" list)
files=("$TMP/cat1000")
[ "$(wc -l <"$TMP/list.out")" = 1000 ] || files+=("$(dirname "$0")/../routines")
base=$(instructions "$TMP/base.out" "$YAML_EVENTS" "${files[@]}")
[ "$(wc -l <"$TMP/list.out")" = "$(cut -d' ' -f1 <"$TMP/base.out")" ] ||
	{ echo "bench: list and the baseline read different files" >&2; exit 1; }
printf '\n| instructions over %s routines | count |\n| --- | --: |\n' "$(wc -l <"$TMP/list.out")"
printf '| bare libyaml event pass (baseline) | %s |\n' "$base"
printf '| selfcare list | %s |\n' "$list"
awk -v b="$base" -v l="$list" 'BEGIN { printf "| ratio (target at most 1.30) | %.3f |\n", l / b }'
