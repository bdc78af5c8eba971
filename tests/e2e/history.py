#!/usr/bin/python3
"""The history store end to end, with the real binary and a real SQLite:

  1. Two processes recording 500 runs each at the same time: 1,000 records.
  2. A run killed with SIGKILL mid-step: the database opens and checks
     whole, earlier records intact, the killed run recorded as interrupted.
  3. SIGTERM in the middle of a step, then --resume: that step again, from
     its time to get into position; said so; recorded as resumed.
  4. Every way a run ends, recorded as such.
  5. A read-only, a full, and a corrupt state: one warning, the run plays to
     its end, a corrupt database left byte for byte.
  6. history, history export, stats: text, JSON and CSV; several time zones;
     an empty history.
  7. Check-ins in a real terminal (tmux): before and after, a wrong answer
     asked again, Enter skips; never in plain mode or without a terminal."""
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, failed, finish  # noqa: E402

SELFCARE = os.path.realpath(sys.argv[1])




TMP = tempfile.mkdtemp(prefix="selfcare-history.")
HOME = os.path.join(TMP, "home")
os.makedirs(HOME)
ENV = {"HOME": HOME, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC",
       "XDG_DATA_HOME": os.path.join(HOME, "data"), "XDG_DATA_DIRS": os.path.join(TMP, "none")}
for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    if k in os.environ:
        ENV[k] = os.environ[k]
DB = os.path.join(HOME, ".local", "state", "selfcare", "history.db")
QUIET = ["--no-notify", "--no-voice", "--quiet", "--plain"]
mounts = []

# Routines of our own: one tiny one for the many runs, one with steps to stop in.
ROUTINES = os.path.join(HOME, "data", "selfcare", "routines")
os.makedirs(ROUTINES)
with open(os.path.join(ROUTINES, "tiny.yaml"), "w") as f:
    f.write("title: Tiny\nsafety:\n  - Stop if anything hurts.\nprepare: 0\nrest: 0\n"
            "steps:\n  - name: One breath\n    kind: breath\n    hold: 1s\n    instructions: Breathe out slowly.\n")
with open(os.path.join(ROUTINES, "three.yaml"), "w") as f:
    f.write("title: Three steps\nsafety:\n  - Stop if anything hurts.\nprepare: 2\nrest: 2\n"
            "steps:\n"
            "  - name: First\n    kind: pose\n    hold: 4s\n    instructions: Lie on your back.\n"
            "  - name: Second\n    kind: pose\n    hold: 40s\n    instructions: Rest your hands on your belly.\n"
            "  - name: Third\n    kind: pose\n    hold: 4s\n    instructions: Let your knees fall to one side.\n")


def selfcare(*args, env=None, stdin=subprocess.DEVNULL, timeout=120):
    return subprocess.run([SELFCARE, *args], env=env or ENV, capture_output=True, text=True,
                          stdin=stdin, timeout=timeout)


def rows(sql, *params, db=DB):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def wait_line(proc, text, seconds=30):
    """Read proc's stdout until a line has text; the lines read."""
    end = time.monotonic() + seconds
    got = []
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        got.append(line)
        if text in line:
            return got
    return got


SKIPPED = []  # tools that are missing: a skip (77), never a pass


def completed_tiny():
    return rows("SELECT count(*) FROM runs WHERE routine = 'tiny' AND ended = 'completed'")[0][0]


def run_while_held():
    """A run of tiny while another process holds the database (BEGIN
    EXCLUSIVE) from before it begins to after it ends."""
    holder = sqlite3.connect(DB, timeout=10, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        return selfcare("run", "tiny", "--speed", "100", *QUIET)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def wait_for(pred, seconds):
    """pred() true within seconds (polled every 50 ms); its last value."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            v = pred()
        except sqlite3.Error:  # the file not made yet, or busy for longer
            v = None
        if v:
            return v
        time.sleep(0.05)
    return pred()


try:
    # --- 6a. An empty history ---------------------------------------------
    p = selfcare("stats")
    check(p.returncode == 0 and "No runs recorded yet" in p.stdout, "stats: empty", p.stdout + p.stderr)
    p = selfcare("history")
    check(p.returncode == 0 and "No runs recorded yet." in p.stdout, "history: empty", p.stdout)
    p = selfcare("history", "--json")
    check(p.returncode == 0 and json.loads(p.stdout) == [], "history --json: empty", p.stdout)
    p = selfcare("stats", "--json")
    check(p.returncode == 0 and json.loads(p.stdout)["runs"] == 0, "stats --json: empty", p.stdout)
    check(not os.path.exists(DB), "reading an empty history makes no database")

    # --- 1. Two writers at once -------------------------------------------
    script = f'for i in $(seq 500); do "$0" run tiny --speed 1000 {" ".join(QUIET)} ' \
             '>/dev/null 2>>"$1" || echo "rc=$?" >>"$1"; done'
    errs = [os.path.join(TMP, f"writer{i}.err") for i in (1, 2)]
    t0 = time.monotonic()
    writers = [subprocess.Popen(["sh", "-c", script, SELFCARE, e], env=ENV,
                                stdin=subprocess.DEVNULL) for e in errs]
    for w in writers:
        w.wait(timeout=600)
    took = time.monotonic() - t0
    problems = "".join(open(e).read() for e in errs if os.path.exists(e))
    check(problems == "", "two writers: no run failed or warned", problems[:2000])
    n = rows("SELECT count(*), sum(ended = 'completed'), count(DISTINCT id) FROM runs")[0]
    check(n == (1000, 1000, 1000), f"two writers, 500 runs each: 1,000 records ({took:.1f} s)",
          str(n))
    check(rows("PRAGMA journal_mode")[0][0] == "wal", "the database is in WAL mode")
    check(rows("PRAGMA user_version")[0][0] == 2, "the schema's version is 2")

    # --- 2. SIGKILL mid-run -------------------------------------------------
    proc = subprocess.Popen([SELFCARE, "run", "three", "--speed", "4", *QUIET], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    got = wait_line(proc, "hold Second")
    # Killed once the second hold's start is in the history, not after a
    # guess at how long writing it takes.
    wait_for(lambda: rows("SELECT segment FROM runs WHERE routine = 'three' ORDER BY id DESC"
                          " LIMIT 1") == [(4,)], 10)
    proc.kill()
    proc.wait()
    check(any("hold Second" in l for l in got), "SIGKILL: the run had reached its second step",
          "".join(got))
    check(rows("PRAGMA integrity_check")[0][0] == "ok", "SIGKILL: the database checks whole")
    n = rows("SELECT count(*) FROM runs WHERE routine = 'tiny' AND ended = 'completed'")[0][0]
    check(n == 1000, "SIGKILL: the earlier records intact", str(n))
    last = rows("SELECT ended, done, segment FROM runs WHERE routine = 'three' ORDER BY id DESC")
    check(last and last[0][0] == "interrupted" and last[0][1] == 1 and last[0][2] == 4,
          "SIGKILL: recorded as interrupted, in the second hold, one hold done", str(last))

    # --- 3. SIGTERM mid-step, then --resume ---------------------------------
    proc = subprocess.Popen([SELFCARE, "run", "three", "--speed", "4", *QUIET], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    wait_line(proc, "hold Second")
    wait_for(lambda: rows("SELECT segment FROM runs ORDER BY id DESC LIMIT 1") == [(4,)], 10)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    check(proc.returncode == 143, "SIGTERM: exit 143", err)
    stopped = rows("SELECT id, ended, segment, done FROM runs ORDER BY id DESC LIMIT 1")[0]
    check(stopped[1:] == ("sigterm", 4, 1), "SIGTERM: recorded, in the second hold", str(stopped))
    p = selfcare("run", "three", "--resume", "--speed", "20", *QUIET)
    lines = p.stdout.splitlines()
    events = [l for l in lines if l[:1].isdigit()]
    check(p.returncode == 0 and "resume step 2 of 3, Second" in p.stdout,
          "resume: says where it begins", p.stdout + p.stderr)
    check(events[:1] == ["0:00 prepare Second, 2s"] and not any("First" in e for e in events),
          "resume: that step again, from its time to get into position", "\n".join(events))
    check("complete. 2 of 2 steps done" in p.stdout, "resume: the rest of the routine played",
          p.stdout)
    res = rows("SELECT ended, resumed_from, holds, done, nominal_s FROM runs ORDER BY id DESC LIMIT 1")[0]
    check(res == ("completed", stopped[0], 2, 2, 50), "resume: recorded as resumed from that run",
          str(res))
    p = selfcare("run", "three", "--resume", *QUIET)
    check(p.returncode == 1 and "nothing to resume" in p.stderr and "ran to its end" in p.stderr,
          "resume after a completed run: nothing to resume", p.stderr)
    p = selfcare("run", "breath-reset", "--resume", *QUIET)
    check(p.returncode == 1 and "no run of breath-reset is recorded" in p.stderr,
          "resume with no run: says so", p.stderr)

    # --- 4. Every way a run ends --------------------------------------------
    for sig, name, code in ((signal.SIGINT, "sigint", 130), (signal.SIGHUP, "sighup", 129),
                            (signal.SIGQUIT, "sigquit", 131)):
        proc = subprocess.Popen([SELFCARE, "run", "three", "--speed", "4", *QUIET], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                stdin=subprocess.DEVNULL)
        wait_line(proc, "hold First")
        proc.send_signal(sig)
        proc.communicate(timeout=10)
        ended = rows("SELECT ended FROM runs ORDER BY id DESC LIMIT 1")[0][0]
        check(proc.returncode == code and ended == name, f"{name}: exit {code}, recorded",
              f"{proc.returncode} {ended}")

    # --- 5. Read-only, full, corrupt ---------------------------------------
    def one_warning(env, what):
        p = selfcare("run", "tiny", "--speed", "100", *QUIET, env=env)
        warned = [l for l in p.stderr.splitlines() if "this run is not recorded" in l]
        check(p.returncode == 0 and "complete." in p.stdout and len(warned) == 1,
              f"{what}: one warning, and the run plays to its end", p.stdout + p.stderr)
        return p.stderr

    def try_mount(path, opts):
        os.makedirs(path, exist_ok=True)
        ok = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", path], capture_output=True).returncode == 0
        if ok:
            mounts.append(path)
        return ok

    ro = os.path.join(TMP, "ro")
    if try_mount(ro, "ro,size=1m"):
        err = one_warning(dict(ENV, XDG_STATE_HOME=ro), "a read-only state directory")
        check("Read-only file system" in err, "read-only: says why", err)
    else:
        print("history: cannot mount a read-only tmpfs here; that part is left out")
    full = os.path.join(TMP, "full")
    if try_mount(full, "size=64k"):
        os.makedirs(os.path.join(full, "selfcare"))
        subprocess.run(["dd", "if=/dev/zero", f"of={full}/filler", "bs=4k", "count=64"],
                       capture_output=True)
        err = one_warning(dict(ENV, XDG_STATE_HOME=full), "a full state directory")
        check("full" in err or "No space" in err, "full: says why", err)
    else:
        print("history: cannot mount a tiny tmpfs here; that part is left out")
    bad = os.path.join(TMP, "bad")
    os.makedirs(os.path.join(bad, "selfcare"))
    junk = b"SQLite format 3\x00 but not really: someone's own file\n" * 20
    with open(os.path.join(bad, "selfcare", "history.db"), "wb") as f:
        f.write(junk)
    err = one_warning(dict(ENV, XDG_STATE_HOME=bad), "a corrupt database")
    check(os.path.join(bad, "selfcare", "history.db") in err and "left as it is" in err,
          "corrupt: the warning names the file", err)
    with open(os.path.join(bad, "selfcare", "history.db"), "rb") as f:
        check(f.read() == junk, "corrupt: left byte for byte")
    p = selfcare("history", env=dict(ENV, XDG_STATE_HOME=bad))
    check(p.returncode == 65 and "history.db" in p.stderr,
          "history of a corrupt database: a data error, 65", f"{p.returncode} {p.stderr}")

    # --- 6c. Not a regular file (issue 18): a FIFO never hangs a reader,
    # a link to /dev/null is no empty history; one line, exit 65. ---------
    for what, make in (("a FIFO", os.mkfifo),
                       ("a link to /dev/null", lambda path: os.symlink("/dev/null", path))):
        odd = tempfile.mkdtemp(dir=TMP)
        os.makedirs(os.path.join(odd, "selfcare"))
        make(os.path.join(odd, "selfcare", "history.db"))
        env = dict(ENV, XDG_STATE_HOME=odd)
        for args in (["history"], ["stats"], ["history", "export"], ["schedule", "list"],
                     ["run", "tiny", "--resume", *QUIET]):
            try:
                p = selfcare(*args, env=env, timeout=30)
            except subprocess.TimeoutExpired:
                check(False, f"{what}: {' '.join(args)} hangs")
                continue
            err = p.stderr.strip().splitlines()
            check(p.returncode == 65 and "not a regular file" in p.stderr and len(err) == 1,
                  f"{what}: {' '.join(args)}: one line, not a regular file, exit 65",
                  f"{p.returncode} {p.stdout} {p.stderr}")
        try:
            p = selfcare("doctor", env=env, timeout=60)
            check("not a regular file" in p.stdout and p.returncode == 1,
                  f"{what}: doctor says so", p.stdout)
        except subprocess.TimeoutExpired:
            check(False, f"{what}: doctor hangs")

    # --- 6. history, export, stats -------------------------------------------
    p = selfcare("history", "--routine", "three")
    lines = p.stdout.splitlines()
    check(p.returncode == 0 and lines[0] == "WHEN\tROUTINE\tTOOK\tSTEPS\tENDED\tTENSION"
          and len(lines) == 1 + 6, "history --routine: a header and its six runs", p.stdout)
    check("\tsigterm\t" in p.stdout and "completed, resumed" in p.stdout
          and "\tinterrupted\t" in p.stdout, "history: how each ended", p.stdout)
    p = selfcare("history", "--json", "--routine", "three")
    runs = json.loads(p.stdout)
    check(len(runs) == 6 and runs[0]["routine"] == "three" and runs[0]["title"] == "Three steps",
          "history --json", p.stdout[:500])
    tomorrow = (datetime.utcnow() + timedelta(days=1)).strftime("%Y-%m-%d")
    p = selfcare("history", "--since", tomorrow)
    check(p.returncode == 0 and "No runs recorded that match." in p.stdout, "history --since",
          p.stdout)
    p = selfcare("history", "--since", "2026-02-30")
    check(p.returncode == 2 and "YYYY-MM-DD" in p.stderr, "history --since: a bad date", p.stderr)
    p = selfcare("history", "export")
    table = list(csv.DictReader(io.StringIO(p.stdout, newline="")))
    check(p.returncode == 0 and len(table) == 1006 and table[0]["routine"] == "tiny"
          and table[0]["ended"] == "completed", "export: CSV, every run", p.stdout[:300])
    p = selfcare("history", "export", "--format", "json")
    data = json.loads(p.stdout)
    check(len(data["runs"]) == 1006 and data["reminders"] == [], "export: JSON", p.stdout[:300])
    p = selfcare("history", "export", "--format", "xml")
    check(p.returncode == 2 and "csv or json" in p.stderr, "export: a bad format", p.stderr)
    p = selfcare("stats", "--json")
    st = json.loads(p.stdout)
    check(st["runs"] == 1006 and st["streak"]["current"] == 1 and
          {r["name"] for r in st["routines"]} == {"tiny", "three"}, "stats --json", p.stdout[:500])
    p = selfcare("stats")
    check(p.returncode == 0 and "Runs: 1006" in p.stdout and "Current streak: 1 day" in p.stdout
          and "Mon " in p.stdout and "\033[" not in p.stdout, "stats: text, no colour into a pipe",
          p.stdout)

    # Streaks in several time zones: a run at 00:05 local on each of the
    # last five days (the first two of them before a day with none), read in
    # that zone.
    for zone in ("UTC", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati",
                 "Pacific/Pago_Pago", "Europe/Berlin"):
        tz = ZoneInfo(zone)
        db = os.path.join(TMP, "zones", zone.replace("/", "_"), "selfcare", "history.db")
        os.makedirs(os.path.dirname(db))
        env = dict(ENV, TZ=zone, XDG_STATE_HOME=os.path.dirname(os.path.dirname(db)))
        selfcare("run", "tiny", "--speed", "1000", *QUIET, env=env)  # makes the database
        now = datetime.now(tz)
        today = now.replace(hour=0, minute=5, second=0, microsecond=0)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        con = sqlite3.connect(db)
        con.execute("DELETE FROM runs")
        for back in (0, 1, 2, 4, 5, 6, 7):
            t = today - timedelta(days=back)
            if back == 0 and t > now:  # in the first minutes of the day: today's run just now
                t = max(midnight, now - timedelta(seconds=1))
            con.execute("INSERT INTO runs (started, utc_offset, routine, title, nominal_s,"
                        " actual_ms, holds, done, skipped, ended, segment, segments)"
                        " VALUES (?, ?, 'tiny', 'Tiny', 1, 60000, 1, 1, 0, 'completed', 1, 1)",
                        (int(t.timestamp()), int(t.utcoffset().total_seconds())))
        con.commit()
        con.close()
        st = json.loads(selfcare("stats", "--json", env=env).stdout)
        check(st["streak"]["current"] == 3 and st["streak"]["longest"] == 4
              and st["today"] == datetime.now(tz).strftime("%Y-%m-%d"),
              f"stats in {zone}: a streak of 3 now, 4 the longest", json.dumps(st["streak"]))

    # --- 7. Check-ins in a real terminal ----------------------------------
    if shutil.which("tmux"):
        sock = f"selfcare-history-{os.getpid()}"

        def T(*args):
            return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *args],
                                  capture_output=True, text=True)

        def pane():
            return T("capture-pane", "-p").stdout

        def clear():
            """A clear screen before the next command, waited for: a check
            must never match the text of the run before."""
            T("send-keys", "clear", "Enter")
            see_that(lambda screen: [l for l in screen.splitlines() if l.strip()] == ["$"])

        def see(text, seconds=10):
            return see_that(lambda screen: text in screen, seconds)

        def see_that(pred, seconds=10):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                if pred(pane()):
                    return True
                time.sleep(0.1)
            return False

        envs = " ".join(f"{k}='{v}'" for k, v in ENV.items())
        T("new-session", "-d", "-x", "80", "-y", "24",
          f"env -i {envs} TERM=xterm-256color PS1='$ ' bash --norc --noprofile")
        T("send-keys", f"{SELFCARE} run tiny --speed 4 --no-notify --no-voice --quiet; "
                       "echo rc=$?", "Enter")
        check(see("Press Enter to begin"), "check-in: the prompt first", pane())
        T("send-keys", "Enter")
        check(see("How tense do you feel, 0 to 10? (Enter skips)"), "check-in: asked before",
              pane())
        T("send-keys", "12", "Enter")
        check(see("A whole number from 0 to 10, or Enter to skip"),
              "check-in: a wrong answer asked again", pane())
        T("send-keys", "clear", "Enter")  # "clear" is not an answer either
        T("send-keys", "x" * 300 + "7", "Enter")
        check(see_that(lambda s: s.count("A whole number from 0 to 10") == 3) and
              pane().count("A whole number from 0 to 10") == 3,
              "check-in: a line too long is one wrong answer, however long", pane())
        T("send-keys", "7", "Enter")
        check(see("How tense do you feel now, 0 to 10?"), "check-in: asked after", pane())
        T("send-keys", "3", "Enter")
        check(see("rc=0"), "check-in: the run ends", pane())
        last = rows("SELECT tension_before, tension_after FROM runs ORDER BY id DESC LIMIT 1")[0]
        check(last == (7, 3), "check-in: both recorded", str(last))
        clear()
        T("send-keys", f"{SELFCARE} run tiny --speed 4 --yes --no-notify --no-voice --quiet; "
                       "echo rc=$?", "Enter")
        check(see("How tense do you feel now"), "check-in: --yes starts at once, asked after",
              pane())
        check("How tense do you feel, 0 to 10?" not in pane(), "check-in: --yes, not before",
              pane())
        T("send-keys", "Enter")
        check(see("rc=0"), "check-in: skipped, the run ends", pane())
        last = rows("SELECT tension_before, tension_after FROM runs ORDER BY id DESC LIMIT 1")[0]
        check(last == (None, None), "check-in: skipped is not recorded as a score", str(last))
        clear()
        T("send-keys", f"{SELFCARE} run tiny --speed 4 --yes --no-checkin --no-notify --no-voice "
                       "--quiet; echo rc=$?", "Enter")
        check(see("rc=0") and "How tense" not in pane(), "--no-checkin: never asked", pane())
        clear()
        T("send-keys", f"{SELFCARE} run tiny --speed 4 --yes --plain --no-notify --no-voice "
                       "--quiet; echo rc=$?", "Enter")
        check(see("rc=0") and "How tense" not in pane(), "plain mode: never asked", pane())
        # Quit with q: recorded as quit, and asked after all the same.
        clear()
        T("send-keys", f"{SELFCARE} run three --no-notify --no-voice --quiet; echo rc=$?",
          "Enter")
        check(see("Press Enter to begin"), "quit: the prompt", pane())
        T("send-keys", "Enter")
        check(see("How tense do you feel, 0 to 10?"), "quit: asked before", pane())
        T("send-keys", "5", "Enter")
        # In the hold, not its "Get ready": quit before any step is
        # asked nothing after.
        check(see_that(lambda s: "First" in s and "Get ready" not in s, 30),
              "quit: the routine plays (after the 10 s lead-in)", pane())
        T("send-keys", "q")
        check(see("Quit"), "quit: asks first", pane())
        T("send-keys", "y")
        check(see("How tense do you feel now"), "quit: asked after", pane())
        T("send-keys", "4", "Enter")
        check(see("rc=3"), "quit: exit 3", pane())
        last = rows("SELECT ended, tension_before, tension_after, id FROM runs ORDER BY id DESC"
                    " LIMIT 1")[0]
        check(last[:3] == ("quit", 5, 4), "quit: recorded, with both check-ins", str(last))
        # Resume on the screen: said there.
        clear()
        T("send-keys", f"{SELFCARE} run three --resume --yes --no-checkin --no-notify --no-voice "
                       "--quiet; echo rc=$?", "Enter")
        check(see("Resuming at step 1 of 3: First."), "resume: said on the screen", pane())
        T("send-keys", "q")
        check(see("Quit"), "resume: asks first", pane())
        T("send-keys", "y")
        check(see("rc=3"), "resume: quit again", pane())
        res = rows("SELECT ended, resumed_from FROM runs ORDER BY id DESC LIMIT 1")[0]
        check(res == ("quit", last[3]), "resume: from the quit run", str(res))
        T("kill-server")
    else:
        print("history: no tmux; the check-ins in a terminal are left out")
        SKIPPED.append("tmux")
    p = selfcare("run", "tiny", "--speed", "100", "--no-notify", "--no-voice", "--quiet")
    check(p.returncode == 0 and "How tense" not in p.stdout, "no terminal: never asked", p.stdout)

    # --- 6d. The database held by another process for longer than the
    # wait, from before the run begins to after it ends (issue 18): the
    # completed run is kept aside, said, and goes in at the next look. ----
    before = completed_tiny()
    p = run_while_held()
    check(p.returncode == 0 and "goes into the history at the next" in p.stderr,
          "a busy database at the end: the run is kept aside, and said", p.stderr)
    aside = [f for f in os.listdir(os.path.dirname(DB)) if ".pending-" in f]
    check(len(aside) == 1, "a busy database at the end: one side file", str(aside))
    p = selfcare("history", "--routine", "tiny", "--json")
    after = rows("SELECT count(*) FROM runs WHERE routine = 'tiny' AND ended = 'completed'")[0][0]
    check(p.returncode == 0 and after == before + 1,
          "the kept run is in the history at the next look, completed", f"{before} {after}")
    aside = [f for f in os.listdir(os.path.dirname(DB)) if ".pending-" in f]
    check(aside == [], "the side file is gone once merged", str(aside))
    p = selfcare("history", "--routine", "tiny", "--json")
    again = rows("SELECT count(*) FROM runs WHERE routine = 'tiny' AND ended = 'completed'")[0][0]
    check(again == after, "merged once only", f"{after} {again}")

    # --- 6e. The same while the history is an older schema's, so that the
    # run cannot even open it (bringing it up to date needs the write
    # lock): the run is still kept aside, not lost. ----
    con = sqlite3.connect(DB, isolation_level=None)
    con.execute("ALTER TABLE reminders DROP COLUMN test")
    con.execute("PRAGMA user_version = 1")
    con.close()
    before = completed_tiny()
    p = run_while_held()
    check(p.returncode == 0 and "goes into the history at the next" in p.stderr and
          "not recorded" not in p.stderr,
          "a busy database it cannot open: the run is kept aside, and said", p.stderr)
    p = selfcare("history", "--routine", "tiny", "--json")
    after = rows("SELECT count(*) FROM runs WHERE routine = 'tiny' AND ended = 'completed'")[0][0]
    check(p.returncode == 0 and after == before + 1 and
          rows("PRAGMA user_version")[0][0] == 2,
          "the kept run is in the history at the next look, the schema brought up to date",
          f"{before} {after}")
finally:
    for m in mounts:
        subprocess.run(["umount", m], capture_output=True)
    shutil.rmtree(TMP, ignore_errors=True)

if SKIPPED and not failed():
    print(f"history: not installed: {', '.join(SKIPPED)}; skipped")
    sys.exit(77)
finish()
