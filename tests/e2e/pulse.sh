# A private PulseAudio for a test to hear (sourced by audio.sh and
# listen.sh): a private runtime directory, a sound server whose default sink
# is a null sink (recorded from null.monitor), and a clean-up that stops
# everything it and the speech-dispatcher started there, whatever happens,
# keeping the test's exit status. Sets TMP, PULSE_PID, CLOCK_PID.
TMP=$(mktemp -d "/tmp/selfcare-${PULSE_TEST:-audio}.XXXXXX")
export HOME=$TMP/home XDG_RUNTIME_DIR=$TMP/run XDG_CONFIG_HOME=$TMP/home/.config
mkdir -p "$HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
# Nothing of the desktop this may run in: no session bus, no user's sound
# server or speech daemon, no display.
unset PULSE_SERVER PULSE_SINK SPEECHD_ADDRESS CANBERRA_DRIVER CANBERRA_DEVICE DISPLAY \
	WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
PULSE_PID= CLOCK_PID=

# The speech daemons of this test are the ones that run with its runtime
# directory (speech-dispatcher and its sd_* modules, which it detaches).
our_speech_pids() {
	local d pid comm
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		comm=$(cat "$d/comm" 2>/dev/null) || continue
		case $comm in speech-dispatch* | sd_*) ;; *) continue ;; esac
		tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qxF "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR" &&
			echo "$pid"
	done
}

stop_pids() {
	local pid left i
	[ $# -gt 0 ] || return 0
	kill -CONT "$@" 2>/dev/null || true # a frozen one cannot act on SIGTERM
	kill -TERM "$@" 2>/dev/null || true
	for i in $(seq 40); do
		left=
		for pid in "$@"; do kill -0 "$pid" 2>/dev/null && left=1; done
		[ -z "$left" ] && return 0
		sleep 0.05
	done
	kill -KILL "$@" 2>/dev/null || true
}

# The exit status is the tests' own: nothing here may change it (under set
# -e a pid file that speech-dispatcher removes as it goes, between the test
# and the cat, made a run whose checks all passed exit 1).
cleanup() {
	local rc=$? pids pidfile=$XDG_RUNTIME_DIR/speech-dispatcher/pid/speech-dispatcher.pid
	set +e
	pids="$(our_speech_pids) $(cat "$pidfile" 2>/dev/null)"
	# shellcheck disable=SC2086
	stop_pids $pids
	stop_pids $CLOCK_PID
	stop_pids $PULSE_PID
	wait 2>/dev/null
	# A process dying may still write its last file: until it is gone (5 s).
	for _ in $(seq 50); do
		rm -rf "$TMP" 2>/dev/null
		[ -e "$TMP" ] || break
		sleep 0.1
	done
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pulseaudio -n --daemonize=no --exit-idle-time=-1 --system=false --disable-shm=yes \
	-L "module-null-sink sink_name=null" -L module-native-protocol-unix \
	>"$TMP/pulseaudio.log" 2>&1 &
PULSE_PID=$!
for i in $(seq 100); do
	pactl info >/dev/null 2>&1 && break
	kill -0 "$PULSE_PID" 2>/dev/null || { cat "$TMP/pulseaudio.log" >&2; exit 1; }
	sleep 0.05
done
pactl set-default-sink null
# A null sink with nothing asking for low latency sleeps in blocks of up to
# 2 s: streams then start late and recordings lose their first second. A
# recorder that asks for 10 ms, running throughout, keeps the clock fine.
parec -d null.monitor --raw --latency-msec=10 >/dev/null 2>&1 &
CLOCK_PID=$!

