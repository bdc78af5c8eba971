# selfcare doctor and selfcare config against real components: a private
# session bus with python3-dbusmock as the notification server (with and
# without actions), no bus at all, an invalid routine, a history that is
# not a database, a config.yaml with errors.
source "$(dirname "$0")/lib.sh"
HERE=$(realpath "$(dirname "$0")")
export XDG_STATE_HOME=$TMP/home/.local/state XDG_RUNTIME_DIR=$TMP/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
SHIPPED=$(find "$(dirname "$0")/../../routines" -maxdepth 1 -name '*.yaml' | wc -l)

# With a server that has actions, on a bus of our own.
cat > "$TMP/with-server.sh" <<SH
/usr/bin/python3 -m dbusmock --template notification_daemon -p '{"capabilities": "body actions"}' >/dev/null 2>&1 &
gdbus wait --session --timeout 10 org.freedesktop.Notifications
DISPLAY=:99 "$SELFCARE" doctor > "$TMP/out" 2>"$TMP/err"; echo \$? > "$TMP/rc"
kill %1
SH
dbus-run-session --config-file="$HERE/session.conf" -- bash "$TMP/with-server.sh" 2>/dev/null
OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
out_has "ok    session bus: unix:" "doctor: the session bus"
out_has "ok    notifications: mock-notify" "doctor: the server's name"
out_has "capabilities: body, actions" "doctor: its capabilities"
out_has "routines: $SHIPPED routines" "doctor: the shipped routines"
out_has "ok    history: none yet" "doctor: no history yet"
out_has "config: $XDG_CONFIG_HOME/selfcare/config.yaml (none: the defaults)" "doctor: no config"
out_has "ok    audio export: espeak-ng, libopusenc, libsndfile and libsamplerate" "doctor: export's libraries"
for what in speech "sound theme" sound reminders "audio export"; do out_has "  $what: " "doctor: checks $what"; done

# Without actions: a warning, and why it matters.
sed -i 's/"body actions"/"body"/' "$TMP/with-server.sh"
dbus-run-session --config-file="$HERE/session.conf" -- bash "$TMP/with-server.sh" 2>/dev/null
OUT=$(cat "$TMP/out")
out_has "warn  notifications: mock-notify" "doctor: a server without actions"
out_has "no Start or Snooze button" "doctor: says what that costs"

# No bus at all, an invalid routine, a broken history, a bad config: each
# said, with its fix, and exit 1.
printf 'title: Broken\nsteps: []\n' > "$USER_DIR/broken.yaml"
mkdir -p "$XDG_STATE_HOME/selfcare" "$XDG_CONFIG_HOME/selfcare"
echo "not a database" > "$XDG_STATE_HOME/selfcare/history.db"
printf 'voice: maybe\n' > "$XDG_CONFIG_HOME/selfcare/config.yaml"
# Only when no process of ours carries a session bus (a developer's desktop would be found).
if ! grep -lsa DBUS_SESSION_BUS_ADDRESS= /proc/[0-9]*/environ 2>/dev/null | grep -qv "^/proc/$$/"; then
	run doctor; expect_rc 1 "doctor: problems, exit 1"
	out_has "FAIL  session bus: no desktop session bus found" "doctor: no bus"
	out_has "FAIL  notifications: no notification server answers" "doctor: no server"
	out_has "      fix: install and start a notification daemon" "doctor: how to fix it"
fi
run doctor
out_has "warn  routines: $SHIPPED valid, 1 invalid: $USER_DIR/broken.yaml:" "doctor: the invalid routine, where"
out_has "FAIL  history: $XDG_STATE_HOME/selfcare/history.db is not a selfcare history" "doctor: a broken history"
out_has "fix: move it aside" "doctor: how to fix the history"
out_has "warn  config: 1 error in $XDG_CONFIG_HOME/selfcare/config.yaml" "doctor: config errors"
expect_rc 1 "doctor: exit 1"
run doctor --bogus; expect_rc 2 "doctor: a bad option"

# A routine file whose name breaks the rule is counted too, and named.
rm "$USER_DIR/broken.yaml"
cp "$(dirname "$0")/../../routines/breath-reset.yaml" "$USER_DIR/My Routine.yaml"
run doctor
out_has "warn  routines: $SHIPPED valid, 1 invalid: $USER_DIR/My Routine.yaml: the name must match" \
	"doctor: a badly named routine file is counted"
rm "$USER_DIR/My Routine.yaml"

# config: the settings and where each came from; errors FILE:LINE:COL.
printf '# mine\nvoice: false\nsnooze: 2m\ncolour: never\n' > "$XDG_CONFIG_HOME/selfcare/config.yaml"
run config; expect_rc 65 "config: errors, exit 65"
out_has "voice:          false    # $XDG_CONFIG_HOME/selfcare/config.yaml:2" "config: voice from line 2"
out_has "snooze:         2m       # $XDG_CONFIG_HOME/selfcare/config.yaml:3" "config: snooze"
out_has "sounds:         true     # default" "config: a default"
expect_err "$XDG_CONFIG_HOME/selfcare/config.yaml:4:1: unknown setting 'colour' (did you mean 'color'?)" "config: the error, where"
# Its output is itself a valid config.yaml.
sed -i '/colour/d' "$XDG_CONFIG_HOME/selfcare/config.yaml"
run config; expect_rc 0 "config: no errors"
printf '%s\n' "$OUT" | grep -v '^#' > "$TMP/again.yaml"
cp "$TMP/again.yaml" "$XDG_CONFIG_HOME/selfcare/config.yaml"
run config; expect_rc 0 "config: its own output reads back"
out_has "voice:          false" "config: read back"
# The settings take effect, and flags override them.
routine mine "Mine" own | sed '/^prepare: 0$/d' > "$USER_DIR/mine.yaml"
rm "$XDG_CONFIG_HOME/selfcare/config.yaml"
run show mine; out_has "Total 2m40s" "show: the default prepare, 5s (the first hold's lead-in 10s)"
printf 'voice: false\nprepare: 0s\nnotifications: false\n' > "$XDG_CONFIG_HOME/selfcare/config.yaml"
run show mine; expect_rc 0 "show with a config"
out_has "Total 2m20s" "config: prepare 0s for a routine that sets none"
printf 'voice: maybe\n' > "$XDG_CONFIG_HOME/selfcare/config.yaml"
run list; expect_rc 0 "list with a bad config"
err_has "selfcare: warning: $XDG_CONFIG_HOME/selfcare/config.yaml:1:8: 'voice' takes true or false, not 'maybe'" "every command warns"
finish
