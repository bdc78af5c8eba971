#!/usr/bin/python3
"""Notifications against a real D-Bus notification server (python3-dbusmock).
Runs inside a private dbus-run-session; see notify.sh."""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import shutil
import tempfile
import time

import dbus

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

SELFCARE, DATA = sys.argv[1], sys.argv[2]




def wait_until(pred, seconds):
    """pred() true within seconds (polled every 20 ms); its last value."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.02)
    return pred()


def start_mock():
    mock = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--template",
                             "notification_daemon"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["gdbus", "wait", "--session", "--timeout", "10",
                    "org.freedesktop.Notifications"], check=True)
    return mock


def notify_calls():
    bus = dbus.SessionBus()
    obj = bus.get_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
    mock = dbus.Interface(obj, "org.freedesktop.DBus.Mock")
    out = []
    for _, args in mock.GetMethodCalls("Notify"):
        app, replaces, icon, summary, body, actions, hints, timeout = args
        out.append(dict(app=str(app), replaces=int(replaces), icon=str(icon),
                        summary=str(summary), body=str(body), actions=list(actions),
                        hints={str(k): v for k, v in hints.items() if k != "sender-pid"},
                        timeout=int(timeout)))
    return out


def run(args, env=None):
    t0 = time.monotonic()
    # No voice and no sounds: speech-dispatcher and the sound server are
    # tests/e2e/audio.sh's to start and stop; here they would be left running.
    p = subprocess.run([SELFCARE, "run", *args, "--no-voice", "--quiet"], capture_output=True,
                       text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=60)
    return p, time.monotonic() - t0


def events(stdout):
    """The event lines: after the safety block, before the summary."""
    lines = stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("0:00 "))
    return lines[start:-1], lines[-1]


ROUTINE = os.path.join(DATA, "good", "sides-cues.yaml")
INSTR = "Step the foot of the side shown forward."
# Plain mode says how to do each hold, not only its name (for screen readers).
EXPECTED_LINES = [
    "0:00 hold Breathe, 10s",
    "0:00 how Breathe <slowly> & softly.",
    "0:05 cue Let the belly soften.",
    "0:10 rest 2s",
    "0:12 hold Lunge, left side, 10s",
    "0:12 how " + INSTR,
    "0:16 cue Lengthen the lower back.",
    "0:22 switch 3s",
    "0:25 hold Lunge, right side, 10s",
    "0:25 how " + INSTR,
    "0:29 cue Lengthen the lower back.",
    "0:35 done",
]
NEXT_L = "Next: Lunge, left side, 10s."
NEXT_R = "Next: Lunge, right side, 10s."
UNTIL = r", until [0-2][0-9]:[0-5][0-9]"
# (summary as a regular expression, body, sound, timeout): a hold says until
# when, what to do and what comes next, and a cue updates it in place, first;
# each stays up (timeout 0) until the next replaces it; the last one goes in
# the server's own time (-1).
EXPECTED_NOTIFY = [
    ("Breathe" + UNTIL, "Breathe &lt;slowly&gt; &amp; softly. " + NEXT_L, "bell", 0),
    ("Breathe" + UNTIL, "Let the belly soften. Breathe &lt;slowly&gt; &amp; softly. " + NEXT_L,
     "bell", 0),
    ("Next: Lunge, left side, 10s", "Rest for 2s.", "bell", 0),
    ("Lunge, left side" + UNTIL, INSTR + " " + NEXT_R, "bell", 0),
    ("Lunge, left side" + UNTIL, "Lengthen the lower back. " + INSTR + " " + NEXT_R, "bell", 0),
    ("Switch to the right side", "Next: Lunge, right side, 10s. Rest for 3s.", "bell", 0),
    ("Lunge, right side" + UNTIL, INSTR, "bell", 0),
    ("Lunge, right side" + UNTIL, "Lengthen the lower back. " + INSTR, "bell", 0),
    (r"Routine complete, 35s", "Sides &amp; cues &lt;test&gt;: 3 of 3 steps done.", "complete",
     -1),
]

# 1. A routine with sides and cues at --speed 50, plain mode.
mock = start_mock()
p, took = run([ROUTINE, "--plain", "--yes", "--speed", "50"])
check(p.returncode == 0, "exit 0 after a complete run", p.stderr)
check(p.stderr == "", "nothing on stderr", p.stderr)
check(p.stdout.startswith("Sides & cues <test> (35s)\n\nSafety\n  - Stop if anything hurts.\n"),
      "safety notes come first", p.stdout)
check("\x1b" not in p.stdout and "\a" not in p.stdout, "plain mode: no escape codes, no bell")
lines, summary = events(p.stdout)
check(lines == EXPECTED_LINES, "plain-mode lines", "\n".join(lines))
check(summary.startswith("Sides & cues <test>: complete. 3 of 3 steps done, in "),
      "summary line", summary)
calls = notify_calls()
check(len(calls) == len(EXPECTED_NOTIFY), "one Notify per transition",
      "\n".join(c["summary"] for c in calls))
for i, (call, (summary, body, sound, timeout)) in enumerate(zip(calls, EXPECTED_NOTIFY)):
    check(call["app"] == "selfcare", f"call {i} app name", call)
    check(call["icon"] == "appointment-soon-symbolic", f"call {i} icon", call)
    check(re.fullmatch(summary, call["summary"]) is not None, f"call {i} summary", call["summary"])
    check(call["body"] == body, f"call {i} body", call["body"])
    check(call["actions"] == [], f"call {i} actions", call)
    # --quiet: no sound-name hint (the sound names are unit-tested).
    check(call["hints"] == {"category": "x-selfcare.routine", "transient": True,
                            "desktop-entry": "selfcare", "urgency": 1},
          f"call {i} hints", call["hints"])
    check(call["timeout"] == timeout, f"call {i} timeout", call["timeout"])
    # One notification per run, updated in place: the first call creates it
    # (replaces 0), the mock numbers it 1, and every later call replaces it.
    check(call["replaces"] == (0 if i == 0 else 1), f"call {i} replaces id", call["replaces"])

# 1b. A run ended early takes its notification down: nothing stale is left.
shown_before = len(notify_calls())
proc = subprocess.Popen([SELFCARE, "run", ROUTINE, "--plain", "--yes", "--speed", "5",
                         "--no-voice", "--quiet"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                        stdin=subprocess.DEVNULL)
# Ended once its notification is up, not after a guess at how long that takes.
wait_until(lambda: len(notify_calls()) > shown_before, 10)
proc.send_signal(signal.SIGTERM)
_, err = proc.communicate(timeout=10)
check(proc.returncode == 143, "SIGTERM: exit 143", err)
bus = dbus.SessionBus()
mockobj = dbus.Interface(bus.get_object("org.freedesktop.Notifications",
                                        "/org/freedesktop/Notifications"),
                         "org.freedesktop.DBus.Mock")
check(len(mockobj.GetMethodCalls("CloseNotification")) == 1,
      "a run ended early closes its notification", mockobj.GetMethodCalls("CloseNotification"))

# 2. The server frozen with SIGSTOP in the middle of a run: it still ends on
#    time. 10 holds of 5 s at --speed 10 take 5 s.
# A file name that follows the name rule (a random temporary name may not).
frozen_dir = tempfile.mkdtemp()
frozen = os.path.join(frozen_dir, "frozen.yaml")
with open(frozen, "w") as f:
    f.write("title: Frozen\nrest: 0\nprepare: 0\nsteps:\n")
    for _ in range(10):
        f.write("  - {name: Hold, kind: pose, hold: 5s, instructions: Stay.}\n")
shown_before = len(notify_calls())
t0 = time.monotonic()
proc = subprocess.Popen([SELFCARE, "run", frozen, "--plain", "--yes", "--speed", "10",
                         "--no-voice", "--quiet"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                        stdin=subprocess.DEVNULL)
# Frozen in the middle of the run: once two of its holds have been shown.
wait_until(lambda: len(notify_calls()) >= shown_before + 2, 10)
os.kill(mock.pid, signal.SIGSTOP)
out, err = proc.communicate(timeout=60)
took = time.monotonic() - t0
os.kill(mock.pid, signal.SIGCONT)
check(proc.returncode == 0, "frozen server: exit 0", err)
check(took < 5.0 + 0.1, f"frozen server: ends on time ({took:.3f} s for 5 s)")
lines, _ = events(out)
check(len([l for l in lines if " hold " in l]) == 10 and lines[-1] == "0:50 done",
      "frozen server: every hold played", "\n".join(lines))
shutil.rmtree(frozen_dir)
mock.terminate()
mock.wait()

# 3. A bus but no notification server: one warning, and the run goes on.
p, _ = run([ROUTINE, "--plain", "--yes", "--speed", "50"])
check(p.returncode == 0, "no server: exit 0", p.stderr)
err = p.stderr.splitlines()
check(err == ["selfcare: warning: no notification server: notifications are off"],
      "no server: exactly one warning line, in plain words", p.stderr)
check(events(p.stdout)[0] == EXPECTED_LINES, "no server: the run goes on", p.stdout)

# 4. No session bus at all.
env = {k: v for k, v in os.environ.items()
       if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")}
env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/bus"
p, _ = run([ROUTINE, "--plain", "--yes", "--speed", "50"], env=env)
check(p.returncode == 0, "no bus: exit 0", p.stderr)
err = p.stderr.splitlines()
check(err == ["selfcare: warning: no notification server: notifications are off"],
      "no bus: exactly one warning line, in plain words", p.stderr)
check(events(p.stdout)[0] == EXPECTED_LINES, "no bus: the run goes on", p.stdout)

# 5. --no-notify sends nothing and warns about nothing.
mock = start_mock()
p, _ = run([ROUTINE, "--plain", "--yes", "--speed", "50", "--no-notify"])
check(p.returncode == 0 and p.stderr == "", "--no-notify: clean run", p.stderr)
check(notify_calls() == [], "--no-notify: no Notify call")
mock.terminate()
mock.wait()

# 6. selfcare remind: the reminder a schedule runs.
def start_mock_with(caps):
    mock = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--template",
                             "notification_daemon", "-p", '{"capabilities": "%s"}' % caps],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["gdbus", "wait", "--session", "--timeout", "10",
                    "org.freedesktop.Notifications"], check=True)
    return mock


def emit(signal_name, sig, args):
    bus = dbus.SessionBus()
    obj = bus.get_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
    dbus.Interface(obj, "org.freedesktop.DBus.Mock").EmitSignal(
        "org.freedesktop.Notifications", signal_name, sig, args)


def wait_for_notify():
    for _ in range(100):
        calls = notify_calls()
        if calls:
            return calls
        time.sleep(0.05)
    return []


REMIND = ("Time for Psoas release (17 min)", "Start it with: selfcare run psoas-release")
mock = start_mock()  # the default capabilities have no actions
p = subprocess.run([SELFCARE, "remind", "psoas-release"], capture_output=True, text=True,
                   timeout=30, stdin=subprocess.DEVNULL)
check(p.returncode == 0 and p.stderr == "", "remind: exit 0", p.stderr)
calls = notify_calls()
check(len(calls) == 1 and (calls[0]["summary"], calls[0]["body"]) == REMIND,
      "remind: the notification", calls)
check(calls and calls[0]["actions"] == [] and calls[0]["app"] == "selfcare",
      "remind: no actions where the server has none", calls)
check(calls and calls[0]["icon"] == "appointment-soon-symbolic"
      and calls[0]["hints"].get("desktop-entry") == "selfcare",
      "remind: the icon dunst draws, and the desktop entry", calls)
mock.terminate()
mock.wait()

with tempfile.TemporaryDirectory() as tmp:
    record = os.path.join(tmp, "terminal-args")
    fake = os.path.join(tmp, "fake-terminal")
    with open(fake, "w") as f:
        f.write(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n')
    os.chmod(fake, 0o755)
    env = dict(os.environ, SELFCARE_TERMINAL=fake)

    # "Start" opens a terminal that plays the routine.
    mock = start_mock_with("body actions")
    proc = subprocess.Popen([SELFCARE, "remind", "psoas-release"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    calls = wait_for_notify()
    check(len(calls) == 1 and calls[0]["actions"] == ["default", "Start", "start", "Start",
                                                      "snooze", "Snooze 10m"],
          "remind: Start (also the default action) and Snooze where the server has actions",
          calls)
    emit("ActionInvoked", "us", [dbus.UInt32(1), "start"])
    out, err = proc.communicate(timeout=10)
    check(proc.returncode == 0, "remind: exit 0 after Start", err)
    for _ in range(50):
        if os.path.exists(record):
            break
        time.sleep(0.05)
    args = open(record).read().split("\n")[:4] if os.path.exists(record) else []
    check(args == ["-e", os.path.realpath(SELFCARE), "run", "psoas-release"],
          "remind: Start runs 'selfcare run NAME' in a terminal", args)
    mock.terminate()
    mock.wait()

    # Dismissing it ends remind without a terminal.
    os.unlink(record) if os.path.exists(record) else None
    mock = start_mock_with("body actions")
    proc = subprocess.Popen([SELFCARE, "remind", "psoas-release"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_notify()
    emit("NotificationClosed", "uu", [dbus.UInt32(1), dbus.UInt32(2)])
    out, err = proc.communicate(timeout=10)
    check(proc.returncode == 0 and not os.path.exists(record), "remind: dismissed", err)
    mock.terminate()
    mock.wait()

# No server: exit 1 and a "missed" record with the reason; nothing on
# stderr, which cron would mail to nobody.
p = subprocess.run([SELFCARE, "remind", "psoas-release"], capture_output=True, text=True,
                   timeout=30, stdin=subprocess.DEVNULL)
check(p.returncode == 1 and p.stderr == "", "remind: no server: exit 1, nothing printed",
      p.stderr)
db = os.path.join(os.environ["HOME"], ".local", "state", "selfcare", "history.db")
last = []
if os.path.exists(db):
    con = sqlite3.connect(db, timeout=5)
    last = list(con.execute("SELECT routine, outcome, why FROM reminders ORDER BY id DESC"
                            " LIMIT 1").fetchone() or [])
    con.close()
check(last[:2] == ["psoas-release", "missed"] and "no notification server answers" in last[2],
      "remind: no server: recorded as missed", last)
p = subprocess.run([SELFCARE, "remind", "no-such-routine"], capture_output=True, text=True,
                   timeout=30, stdin=subprocess.DEVNULL)
check(p.returncode == 1 and "no routine named 'no-such-routine'" in p.stderr,
      "remind: unknown routine", p.stderr)

finish()
