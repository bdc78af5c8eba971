#!/usr/bin/python3
"""Reminders that reach the person, with real components: a real cron
daemon fires 'selfcare remind' from the real crontab (saved first and put
back), with cron's bare environment; the session bus is a private
dbus-daemon at a random address, announced only by a running "session"
process of the user; python3-dbusmock is the notification server.

  1. cron fires a reminder: it finds the session, the notification
     arrives, Start runs $SELFCARE_TERMINAL with the session's DISPLAY,
     and the log and 'schedule list' say so.
  2. No session at all: cron fires it, nothing is printed (cron would mail
     it), and a "missed" record says why.
  3. Snooze shows it again after the snooze time; dismissing it ends it.
  4. A terminal that cannot start: the notification says so, and the log.

Needs root (to start cron); without it, exit 77 (skipped)."""
import fcntl
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

SELFCARE, CONF = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
PY = "/usr/bin/python3"
GIVE_UP_S = 90  # how long a cron firing is waited for




os.environ["PATH"] = os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"
if os.geteuid() != 0 or not shutil.which("cron"):
    print("reminders: needs root and cron (CI has both); skipped")
    sys.exit(77)

TMP = tempfile.mkdtemp(prefix="selfcare-reminders.")
HOME = os.path.join(TMP, "home")
RUNTIME = os.path.join(TMP, "run")  # no bus in it
os.makedirs(HOME)
os.mkdir(RUNTIME, 0o700)
STATE = os.path.join(HOME, ".local", "state", "selfcare")
DB = os.path.join(STATE, "history.db")
TERMINAL = os.path.join(TMP, "terminal")
USER_ENV = {"HOME": HOME, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "SELFCARE_TERMINAL": TERMINAL,
            "XDG_DATA_HOME": os.path.join(HOME, ".local", "share"),
            "XDG_CONFIG_HOME": os.path.join(HOME, ".config"),
            "XDG_DATA_DIRS": os.path.join(TMP, "nowhere"), "XDG_RUNTIME_DIR": RUNTIME}
for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    if k in os.environ:
        USER_ENV[k] = os.environ[k]
CRON_ENV = {"HOME": "/root", "LOGNAME": "root", "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}

# The real crontab: take turns with the other tests that edit it, keep the
# user's and put it back.
lock = open("/tmp/selfcare-e2e-crontab.lock", "w")
fcntl.flock(lock, fcntl.LOCK_EX)
saved = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
subprocess.run(["crontab", "-r"], capture_output=True)
procs = []


def spawn(args, env, **kw):
    p = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, **kw)
    procs.append(p)
    return p


def cleanup():
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    if saved.returncode == 0:
        subprocess.run(["crontab", "-"], input=saved.stdout, text=True)
    else:
        subprocess.run(["crontab", "-r"], capture_output=True)
    shutil.rmtree(TMP, ignore_errors=True)




def start_session(display=":77", terminal="/bin/false"):
    """A private bus at a random address (as dbus-launch gives), dbusmock on
    it, and a 'session' process that alone announces it. Decoys that must
    not be taken: a session of another user (nobody), and one whose bus is
    dead (its dbus-daemon killed, its socket file left). The session's own
    SELFCARE_TERMINAL must not be run either: only the user's own is.
    Returns the bus address and the processes."""
    dead = subprocess.Popen(["dbus-daemon", f"--config-file={CONF}", "--print-address=1",
                             "--nofork"], stdout=subprocess.PIPE, text=True,
                            stderr=subprocess.DEVNULL)
    dead_address = dead.stdout.readline().strip()
    dead.kill()
    dead.wait()
    decoys = [spawn(["sleep", "600"], {"DBUS_SESSION_BUS_ADDRESS": dead_address,
                                       "DISPLAY": ":66"})]
    # A bus that lives on without a notification server (an older session
    # left behind), announced by a process with a display that was started
    # before the real session's: passed over for the bus that has one.
    stale = subprocess.Popen(["dbus-daemon", f"--config-file={CONF}", "--print-address=1",
                              "--nofork"], stdout=subprocess.PIPE, text=True,
                             stderr=subprocess.DEVNULL)
    stale_address = stale.stdout.readline().strip()
    decoys += [stale, spawn(["sleep", "600"], {"DBUS_SESSION_BUS_ADDRESS": stale_address,
                                               "DISPLAY": ":44"})]
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={CONF}", "--print-address=1",
                            "--nofork"], stdout=subprocess.PIPE, text=True,
                           stderr=subprocess.DEVNULL)
    procs.append(bus)
    address = bus.stdout.readline().strip()
    env = {"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"}
    mock = spawn([PY, "-m", "dbusmock", "--template", "notification_daemon", "-p",
                  '{"capabilities": "body actions"}'], env,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["gdbus", "wait", "--session", "--timeout", "10",
                    "org.freedesktop.Notifications"], env=env, check=True)
    if shutil.which("setpriv"):
        decoys.append(spawn(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             "sleep", "600"], dict(env, DISPLAY=":55")))
    senv = dict(env, DISPLAY=display, SELFCARE_TERMINAL=terminal)
    session = spawn(["sleep", "600"], senv)
    return address, [session, mock, bus] + decoys


def stop(ps):
    for p in ps:
        p.kill()
        p.wait()


def mock_call(address, method, *args):
    out = subprocess.run(["gdbus", "call", "--session", "-d", "org.freedesktop.Notifications",
                          "-o", "/org/freedesktop/Notifications", "-m",
                          "org.freedesktop.DBus.Mock." + method, *args],
                         env={"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True)
    return out.stdout


def notify_calls(address):
    """Each Notify's text: the summary and body are in it."""
    out = mock_call(address, "GetMethodCalls", "Notify")
    # GVariant text: only an array's first element carries its type, so
    # each call is found by its first argument, the app name.
    return out.split("[<'selfcare'>")[1:]


def emit(address, name, sig, *args):
    mock_call(address, "EmitSignal", "org.freedesktop.Notifications", name, sig,
              "[" + ", ".join(f"<{a}>" for a in args) + "]")


def act(address, done, name, sig, *args, seconds=15):
    """Send the server's signal (a click, a close) until done() says remind
    took it, for at most seconds. remind hears the server's signals only
    once its match rules are in, which on a loaded machine can come after
    the notification is seen: a signal sent once, at once, may fall before
    it listens. A signal for a notification already answered changes
    nothing, so sending it again is safe. Returns done()'s last value."""
    end = time.monotonic() + seconds
    while True:
        emit(address, name, sig, *args)
        got = wait(done, 1.0)
        if got or time.monotonic() >= end:
            return got


def wait(pred, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.25)
    return pred()


def log_lines():
    """The reminders' outcomes in the history store, a list each:
    [when, routine, HH:MM, outcome, why]."""
    if not os.path.exists(DB):
        return []
    try:
        con = sqlite3.connect(DB, timeout=5)
        rows = con.execute("SELECT at, routine, printf('%02d:%02d', hour, minute), outcome, why"
                           " FROM reminders ORDER BY id").fetchall()
        con.close()
    except sqlite3.Error:
        return []
    return [[str(r[0]), r[1], r[2], r[3], r[4]] for r in rows]


CRON_STARTED = [0.0]  # when our cron daemon started, or 0 when one was running


def next_minute():
    """HH:MM of a minute cron will surely see, for a crontab written now:
    never one only seconds away, never written in the second cron rereads
    its crontabs in (at the top of each minute), and not the first minute
    of a cron daemon just started (it does not run the jobs of the minute
    it wakes up in first)."""
    now = time.localtime()
    if now.tm_sec >= 40 or now.tm_sec < 2:
        time.sleep((62 - now.tm_sec) % 60)
    t = time.time() + 60
    if CRON_STARTED[0]:
        first = (int(CRON_STARTED[0]) // 60 + 1) * 60  # its first wake-up
        t = max(t, first + 60)
    lt = time.localtime(t)
    return f"{lt.tm_hour:02d}:{lt.tm_min:02d}"


def cron_state():
    """What to look at when a firing does not come: the time, the crontab
    and its spool, the cron daemons, the log, and the processes that carry
    a session bus."""
    sh = ("date '+%T.%N'; echo '-- crontab:'; crontab -l; "
          "ls -l --time-style=full-iso /var/spool/cron/crontabs; "
          "echo '-- cron:'; ps -o pid,lstart,args -C cron; "
          "echo '-- with a bus:'; for f in $(grep -lsa DBUS_SESSION_BUS_ADDRESS= "
          "/proc/[0-9]*/environ); do d=${f%/environ}; "
          "echo \"${d#/proc/} $(tr '\\0' ' ' < $d/cmdline)\"; done")
    out = subprocess.run(["sh", "-c", sh], capture_output=True, text=True).stdout
    return out + "-- log:\n" + "\n".join("\t".join(r) for r in log_lines())


def seconds_until(hhmm):
    """From now until the start of the minute HH:MM (today or tomorrow)."""
    h, m = map(int, hhmm.split(":"))
    now = time.time()
    lt = time.localtime(now)
    at = now - lt.tm_sec - 60 * lt.tm_min - 3600 * lt.tm_hour + 3600 * h + 60 * m
    return at - now if at > now - 60 else at + 86400 - now


def selfcare(*args, env=None):
    return subprocess.run([SELFCARE, *args], env=env or USER_ENV, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)


def fake_terminal(name, code=0):
    path = os.path.join(TMP, name)
    record = path + ".record"
    with open(path, "w") as f:
        f.write(f'#!/bin/sh\n{{ echo "DISPLAY=$DISPLAY"; printf "%s\\n" "$@"; }} > {record}\n'
                f"exit {code}\n")
    os.chmod(path, 0o755)
    return path, record


# The parts that wait for a real cron daemon to fire take up to three
# minutes; SELFCARE_TEST_CRON=0 leaves them out (for a quick run by hand).
CRON = os.environ.get("SELFCARE_TEST_CRON") != "0"

try:
    # cron: the one running, or one of our own.
    if subprocess.run(["pgrep", "-x", "cron"], capture_output=True).returncode != 0:
        d = spawn([shutil.which("cron"), "-f"], dict(CRON_ENV), stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL)
        CRON_STARTED[0] = time.time()
        # cron reads the crontabs as it starts and then again only when the
        # spool's mtime, in whole seconds, changes: a crontab written in the
        # second it started in would never be seen. So no crontab is written
        # until a later second (the pid file says it has started).
        def started():
            try:
                with open("/run/crond.pid") as f:
                    return f.read().strip() == str(d.pid)
            except OSError:
                return False
        wait(started, 5)
        time.sleep(1.2 - time.time() % 1)

    if CRON:
        # 1. cron fires it; the session is found from a process of the user.
        term, record = fake_terminal("terminal")
        address, session = start_session()
        at = next_minute()
        p = selfcare("schedule", "add", "breath-reset", "--at", at, "--backend", "cron")
        check(p.returncode == 0 and f"Scheduled breath-reset at {at}, daily (cron)" in p.stdout,
              "add a reminder for the next minute", p.stdout + p.stderr)
        line = next((l for l in subprocess.run(["crontab", "-l"], capture_output=True,
                                               text=True).stdout.splitlines()
                     if l.endswith(f"remind breath-reset --at {at}")), "")
        check(f"HOME='{HOME}'" in line and "DBUS_SESSION_BUS_ADDRESS" not in line,
              "the cron line carries HOME, not the bus", line)
        # Up to the minute, then at most GIVE_UP_S for cron to fire it.
        calls = wait(lambda: notify_calls(address), seconds_until(at) + GIVE_UP_S)
        check(calls and "Time for Breath reset (2 min)" in calls[0],
              f"cron fired the reminder at {at} and it reached the session's server",
              str(calls) + "\n" + ("" if calls else cron_state()))
        check(calls and "'default', 'Start', 'start', 'Start', 'snooze', 'Snooze 10m'" in calls[0],
              "Start (also the default action) and Snooze", str(calls))
        # Start, as a click on the notification (the default action): the
        # user's terminal opens with the session's display.
        got = act(address, lambda: os.path.exists(record) and open(record).read(),
                  "ActionInvoked", "us", "uint32 1", "'default'")
        check(got and got.split("\n")[0] == "DISPLAY=:77", "Start: the session's DISPLAY", got)
        check(got and got.split("\n")[1:5] == ["-e", SELFCARE, "run", "breath-reset"],
              "Start: runs 'selfcare run NAME' in the terminal", got)
        closed = wait(lambda: "CloseNotification" in mock_call(address, "GetCalls"), 10)
        check(closed, "Start closes the reminder")
        recs = wait(lambda: [r[3] for r in log_lines() if r[1] == "breath-reset"] == ["fired",
                                                                                     "started"] and
                    log_lines(), 10)
        check(recs and recs[0][2] == at and f"bus from process {session[0].pid}" == recs[0][4],
              "the log: fired (its bus from the session process), then started", log_lines())
        p = selfcare("schedule", "list")
        check("fired " in p.stdout and ", started" in p.stdout,
              "schedule list: the last firing and what came of it", p.stdout)
        stop(session)

    # 2. No session anywhere: a "missed" record, and nothing printed. The
    # crontab's own line is run in cron's environment, as cron runs it (a
    # real cron daemon fired one above; a second firing would only wait
    # for another minute). A developer's own desktop session would be
    # found: then this part is left out.
    others = subprocess.run(["sh", "-c", "grep -lsa DBUS_SESSION_BUS_ADDRESS= /proc/[0-9]*/environ"],
                            capture_output=True, text=True).stdout.split()
    others = [o for o in others if f"/{os.getpid()}/" not in o]
    if others:
        print(f"reminders: processes with a session bus are running ({len(others)}); "
              "the no-session case is left out")
    else:
        at = "23:59"
        p = selfcare("schedule", "add", "desk-reset", "--at", at, "--backend", "cron")
        check(p.returncode == 0, "add a second reminder", p.stderr)
        check("no desktop session bus found now" in p.stderr,
              "add warns that no session would be found", p.stderr)
        line = next(l for l in subprocess.run(["crontab", "-l"], capture_output=True,
                                              text=True).stdout.splitlines()
                    if l.endswith(f"remind desk-reset --at {at}"))
        cmd = line.split(" ", 5)[5]
        p = subprocess.run(["sh", "-c", cmd], env=CRON_ENV, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=30)
        check(p.returncode == 1 and p.stdout == "" and p.stderr == "",
              "no session: exit 1, and nothing for cron to mail", p.stdout + p.stderr)
        missed = [r for r in log_lines() if r[1] == "desk-reset"]
        check(missed and missed[0][3] == "missed" and missed[0][2] == at and
              "no desktop session" in missed[0][4],
              "no session: logged as missed, and why", log_lines())
        p = selfcare("schedule", "list")
        check("missed " in p.stdout and "no desktop session found" in p.stdout,
              "schedule list: missed, and why", p.stdout)
        selfcare("schedule", "remove", "desk-reset")

    # 3. Snooze: shown again after the snooze time; then dismissed. The
    # crontab is not touched.
    address, session = start_session()
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    rem = spawn([SELFCARE, "remind", "breath-reset", "--snooze", "2s"],
                {k: v for k, v in USER_ENV.items() if k != "XDG_RUNTIME_DIR"},
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(wait(lambda: len(notify_calls(address)) == 1, 15), "snooze: the reminder is shown")
    check("Snooze 2s" in "".join(notify_calls(address)), "snooze: the action says how long")
    snoozed = act(address, lambda: "snoozed" in [r[3] for r in log_lines()],
                  "ActionInvoked", "us", "uint32 1", "'snooze'")
    t0 = time.monotonic()  # at most a poll (0.25 s) after the snooze was taken
    again = wait(lambda: len(notify_calls(address)) == 2, 10)
    took = time.monotonic() - t0
    check(snoozed and again and 1.5 <= took <= 4.0, f"snooze: shown again after 2 s ({took:.1f} s)")
    act(address, lambda: "dismissed" in [r[3] for r in log_lines()],
        "NotificationClosed", "uu", "uint32 2", "uint32 2")
    try:
        out, err = rem.communicate(timeout=10)
        check(rem.returncode == 0 and err == "", "snooze: dismissed, remind ends", err)
    except subprocess.TimeoutExpired:
        check(False, "snooze: remind did not end after the dismissal")
    outcomes = [r[3] for r in log_lines() if r[1] == "breath-reset"][-4:]
    check(outcomes == ["fired", "snoozed", "fired", "dismissed"],
          "snooze: logged as fired, snoozed, fired, dismissed", log_lines())
    after = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    check(before == after, "snooze: the crontab as it was")

    # Start from a reminder whose bus was found among several: the terminal
    # gets the display of the bus that took the reminder.
    good, grecord = fake_terminal("good-terminal")
    n = len(notify_calls(address))
    rem = spawn([SELFCARE, "remind", "breath-reset"], dict(USER_ENV, SELFCARE_TERMINAL=good),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shown = wait(lambda: len(notify_calls(address)) == n + 1, 15)
    check(shown, "a stale bus first: the reminder reaches the bus with a notification server",
          log_lines())
    got = act(address, lambda: os.path.exists(grecord) and open(grecord).read(),
              "ActionInvoked", "us", f"uint32 {n + 1}", "'start'")
    check(got and got.split("\n")[0] == "DISPLAY=:77",
          "a stale bus first: Start opens the terminal on that bus's display", got)
    try:
        rem.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        rem.kill()
    last = log_lines()[-2:]
    check([r[3] for r in last] == ["fired", "started"] and
          last[0][4] == f"bus from process {session[0].pid}",
          "a stale bus first: logged with the session's process", log_lines())

    # schedule add --test: one reminder at once; add says it is on the
    # screen once it is, and returns (the reminder waits for an answer on
    # its own). At the entry's own minute, so that only the test flag
    # keeps it from being taken for the entry's firing.
    n = len(notify_calls(address))
    now = time.strftime("%H:%M")
    t0 = time.monotonic()
    p = selfcare("schedule", "add", "evening-unwind", "--at", now, "--backend", "cron",
                 "--test", env={k: v for k, v in USER_ENV.items() if k != "XDG_RUNTIME_DIR"})
    check(p.returncode == 0 and "A test reminder for evening-unwind is on your screen now."
          in p.stdout and time.monotonic() - t0 < 10, "add --test: shown, and add returns",
          p.stdout + p.stderr)
    test = len(notify_calls(address)) > n and notify_calls(address)[n]
    check(test and "Time for Evening unwind" in test,
          "add --test: the reminder had arrived when add said so", str(test))
    check(act(address, lambda: any(r[1] == "evening-unwind" and r[3] == "dismissed"
                                   for r in log_lines()),
              "NotificationClosed", "uu", f"uint32 {n + 1}", "uint32 2"),
          "add --test: logged", log_lines())
    con = sqlite3.connect(DB, timeout=5)
    flags = con.execute("SELECT DISTINCT test FROM reminders WHERE routine = "
                        "'evening-unwind'").fetchall()
    con.close()
    check(flags == [(1,)], "add --test: logged as a test", str(flags))
    p = selfcare("schedule", "list")
    row = next((l for l in p.stdout.splitlines() if "evening-unwind" in l), "")
    check(row and "fired" not in row and "dismissed" not in row,
          "add --test: not the reminder's last firing in schedule list", p.stdout)
    selfcare("schedule", "remove", "evening-unwind")

    # 4. A terminal that cannot start: the notification says so.
    bad, _ = fake_terminal("broken-terminal", code=1)
    n = len(notify_calls(address))
    rem = spawn([SELFCARE, "remind", "breath-reset"], dict(USER_ENV, SELFCARE_TERMINAL=bad),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait(lambda: len(notify_calls(address)) == n + 1, 15)
    updated = act(address, lambda: len(notify_calls(address)) == n + 2 and
                  notify_calls(address)[n + 1], "ActionInvoked", "us", f"uint32 {n + 1}", "'start'")
    check(updated and "Could not open a terminal" in updated and "selfcare run breath-reset"
          in updated, "a terminal that fails: the notification says so", str(updated))
    check(updated and "'Snooze" not in updated, "a terminal that fails: no buttons left",
          str(updated))
    try:
        out, err = rem.communicate(timeout=10)
        check(rem.returncode == 1, "a terminal that fails: exit 1", err)
    except subprocess.TimeoutExpired:
        check(False, "a terminal that fails: remind did not end")
    last = log_lines()[-1] if log_lines() else []
    check(last[3:4] == ["start-failed"] and "exited at once" in last[4],
          "a terminal that fails: logged", log_lines())
    stop(session)

    # add --test with nobody to show it to: said, and exit 1.
    others = subprocess.run(["sh", "-c", "grep -lsa DBUS_SESSION_BUS_ADDRESS= /proc/[0-9]*/environ"],
                            capture_output=True, text=True).stdout.split()
    if not [o for o in others if f"/{os.getpid()}/" not in o]:
        p = selfcare("schedule", "add", "breath-reset", "--at", "23:57", "--backend", "cron",
                     "--test")
        check(p.returncode == 1 and "the test reminder was not shown: no desktop session found"
              in p.stderr and "Sent" not in p.stdout and "on your screen" not in p.stdout,
              "add --test, no session: not shown, why, exit 1", p.stdout + p.stderr)
        selfcare("schedule", "remove", "breath-reset")
finally:
    cleanup()

finish()
