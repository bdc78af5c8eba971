#!/usr/bin/env bash
# Timing, CPU and memory of a run: 60 one-second holds, notifications going
# to a python3-dbusmock server on a private session bus; then the same with
# voice and sounds on, into a private PulseAudio null sink through a
# speech-dispatcher of its own. The same routine as the obvious alternative,
# a bash loop of notify-send and sleep, runs in the same session. Takes
# about three minutes.
# Usage: bench/timing.sh [path/to/selfcare]   (./dev bench runs it)
# Targets (issue 19): with voice and sounds, drift at most 5 ms, CPU at
# most 100 ms, peak RSS at most 12 MB; start-up before the first segment
# under 5 ms (the desktop libraries load and speech and sound connect off
# the clock's thread, once it has started). "drift" is the whole process,
# spawn to exit, over the nominal 60 s; "routine" is the first hold's line
# to the last, the time the person follows.
set -euo pipefail
HERE=$(realpath "$(dirname "$0")")
for tool in /usr/bin/time notify-send dbus-run-session; do
	command -v "$tool" >/dev/null || { echo "bench: needs $tool (./dev bench installs it)" >&2; exit 1; }
done

if [ "${1:-}" != --inside ]; then
	SELFCARE=$(realpath "${1:-build/default/selfcare}")
	exec dbus-run-session --config-file="$HERE/../tests/e2e/session.conf" -- \
		bash "$0" --inside "$SELFCARE" 2> >(grep -v 'Failed to set fd limit' >&2)
fi
SELFCARE=$2
TMP=$(mktemp -d /tmp/selfcare-timing.XXXXXX)
/usr/bin/python3 -m dbusmock --template notification_daemon >/dev/null 2>&1 &
MOCK=$!
trap 'kill $MOCK 2>/dev/null; rm -rf "$TMP"' EXIT
gdbus wait --session --timeout 10 org.freedesktop.Notifications

{
	printf 'title: Sixty holds\nrest: 0\nprepare: 0\nsteps:\n'
	for i in $(seq 60); do printf '  - {name: Hold %d, kind: pose, hold: 1s, instructions: Stay.}\n' "$i"; done
} > "$TMP/sixty.yaml"

ns() { date +%s%N; }
# measure NAME COMMAND...: wall ms, user+sys ms, peak RSS kB
measure() {
	local name=$1 t0 t1
	shift
	t0=$(ns)
	/usr/bin/time -o "$TMP/time" -f '%U %S %M' "$@" >/dev/null
	t1=$(ns)
	read -r user sys rss < "$TMP/time"
	local wall_ms=$(((t1 - t0) / 1000000))
	local cpu_ms
	cpu_ms=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
	printf '%-22s wall %6d ms  drift %+5d ms  cpu %5d ms  peak rss %6d kB\n' \
		"$name" "$wall_ms" $((wall_ms - 60000)) "$cpu_ms" "$rss"
	echo "$cpu_ms" > "$TMP/cpu-$name"
}

# What the measuring itself costs: spawning /usr/bin/time and a program
# that prints the two lines at once. Start-up and exit below include it.
echo "The harness alone (a shell printing the first and last lines at once):"
/usr/bin/python3 "$HERE/lines.py" 0 "$TMP/time" /bin/sh -c 'echo "0:00 hold"; echo "0:00 done"' |
	sed -n 2p
echo "60 one-second holds (60 s nominal), notifications to python3-dbusmock:"
/usr/bin/python3 "$HERE/lines.py" 60 "$TMP/time" "$SELFCARE" run "$TMP/sixty.yaml" --plain --yes \
	--no-voice --quiet
mv "$TMP/time.cpu" "$TMP/cpu-selfcare"
notify_calls() {
	gdbus call --session -d org.freedesktop.Notifications -o /org/freedesktop/Notifications \
		-m org.freedesktop.DBus.Mock.GetMethodCalls Notify | grep -o "uint32" | wc -l
}
echo "($(notify_calls) Notify calls for the 60 holds)"

# The same with voice and sounds: a private audio stack, as tests/e2e/audio.sh
# sets one up, in its own runtime directory; stopped on the way out.
if command -v pulseaudio >/dev/null && command -v speech-dispatcher >/dev/null; then
	(
		export XDG_RUNTIME_DIR=$TMP/run HOME=$TMP/home
		mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
		unset PULSE_SERVER SPEECHD_ADDRESS
		pulseaudio -n --daemonize=no --exit-idle-time=-1 --system=false --disable-shm=yes \
			-L "module-null-sink sink_name=null" -L module-native-protocol-unix \
			>/dev/null 2>&1 &
		PA=$!
		stop_audio() {
			local p
			for p in /proc/[0-9]*; do
				case $(cat "$p/comm" 2>/dev/null) in speech-dispatch* | sd_*) ;; *) continue ;; esac
				tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qxF "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR" &&
					kill "${p#/proc/}" 2>/dev/null
			done
			kill "$PA" 2>/dev/null || true
		}
		trap stop_audio EXIT
		for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
		pactl set-default-sink null
		# A desktop's speech-dispatcher runs once started; the first run of a
		# session starts it, and its start-up is counted as selfcare's (its
		# child's) CPU time. Measured apart, then the usual case.
		printf 'title: One\nrest: 0\nprepare: 0\nsteps:\n  - {name: One, kind: pose, hold: 1s, instructions: Stay.}\n' \
			>"$TMP/one.yaml"
		/usr/bin/time -o "$TMP/first" -f '%U %S' "$SELFCARE" run "$TMP/one.yaml" --plain --yes >/dev/null
		/usr/bin/time -o "$TMP/again" -f '%U %S' "$SELFCARE" run "$TMP/one.yaml" --plain --yes >/dev/null
		awk -v f="$(cat "$TMP/first")" -v a="$(cat "$TMP/again")" 'BEGIN {
			split(f, x, " "); split(a, y, " ")
			printf "Starting speech-dispatcher (the first run of a session): +%d ms of CPU, once\n",
				(x[1] + x[2] - y[1] - y[2]) * 1000 }'
		echo "The same, with voice (speech-dispatcher, espeak-ng, running) and sounds (libcanberra) on:"
		/usr/bin/python3 "$HERE/lines.py" 60 "$TMP/time" "$SELFCARE" run "$TMP/sixty.yaml" --plain --yes
		echo "(the final chime and the closing words are left to the sound server and speech-dispatcher)"
	)
else
	echo "(no pulseaudio or speech-dispatcher: the run with voice and sounds is left out)"
fi
measure bash+notify-send bash -c '
	for i in $(seq 60); do
		notify-send -a selfcare -i appointment-soon "Hold $i, 1s" "Stay."
		sleep 1
	done'
awk -v a="$(cat "$TMP/cpu-selfcare")" -v b="$(cat "$TMP/cpu-bash+notify-send")" \
	'BEGIN { if (b > 0) printf "selfcare CPU is %.1f%% of the bash loop'"'"'s.\n", 100 * a / b }'
