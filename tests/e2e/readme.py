#!/usr/bin/python3
"""Every command README.md shows is run, so the README cannot rot: each
line of its plain code blocks that is a selfcare or cmake command, and each
inline `selfcare ...`; its routine example (a yaml block with a title) is
saved where the README says and validated; its settings example is a valid
config.yaml; its ./dev commands are ones ./dev knows. ```text blocks are
sessions shown, not run.

A run plays at --speed 1000 in plain mode, without voice, sounds,
notifications or check-ins; schedule uses systemd units in a private
config directory (the real crontab is saved, emptied and put back); the
cmake lines build a copy of the tree and install it into a private HOME."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import fcntl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

SELFCARE = os.path.realpath(sys.argv[1])
ROOT = os.path.realpath(sys.argv[2])




readme = open(os.path.join(ROOT, "README.md")).read()
TMP = tempfile.mkdtemp(prefix="selfcare-readme.")
HOME = os.path.join(TMP, "home")
BIN = os.path.join(TMP, "bin")
os.makedirs(HOME)
os.makedirs(BIN)
os.symlink(SELFCARE, os.path.join(BIN, "selfcare"))
ENV = {"HOME": HOME, "PATH": f"{BIN}:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8",
       "XDG_DATA_DIRS": os.path.join(TMP, "none"), "XDG_RUNTIME_DIR": os.path.join(TMP, "run"),
       "SELFCARE_ASSUME_SYSTEMD": "1"}
os.mkdir(ENV["XDG_RUNTIME_DIR"], 0o700)
for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    if k in os.environ:
        ENV[k] = os.environ[k]
RUN_FLAGS = "--speed 1000 --plain --yes --no-voice --no-notify --quiet --no-checkin"

# The real crontab: schedule reads it and remove would edit it.
lock = open("/tmp/selfcare-e2e-crontab.lock", "w")
fcntl.flock(lock, fcntl.LOCK_EX)
saved = subprocess.run(["crontab", "-l"], capture_output=True, text=True) \
    if shutil.which("crontab") else None
if saved is not None:
    subprocess.run(["crontab", "-r"], capture_output=True)

# Blocks: (language, lines).
blocks = re.findall(r"^```(\w*)\n(.*?)^```$", readme, re.S | re.M)
commands = []
for lang, body in blocks:
    if lang == "text":
        continue
    if lang == "yaml":
        text = body
        if text.startswith("title:"):
            routine = os.path.join(HOME, ".local", "share", "selfcare", "routines",
                                   "two-breaths.yaml")
            os.makedirs(os.path.dirname(routine), exist_ok=True)
            with open(routine, "w") as f:
                f.write(text)
        continue
    for line in body.splitlines():
        cmd = re.sub(r"\s+#.*$", "", line).strip()
        if not cmd:
            continue
        if re.match(r"^[a-z-]+:\s", cmd):  # a settings example
            os.makedirs(os.path.join(HOME, ".config", "selfcare"), exist_ok=True)
            with open(os.path.join(HOME, ".config", "selfcare", "config.yaml"), "a") as f:
                f.write(line + "\n")
            continue
        commands.append(cmd)
for span in sorted(set(" ".join(m.split()) for m in re.findall(r"`(selfcare [^`]*)`", readme))):
    words = span.split()
    if "[" in span or "..." in span or (len(words) == 2 and words[1] in ("remind", "run", "show")):
        continue  # a synopsis, not a command
    commands.append(span.replace("NAME", "breath-reset").replace("HH:MM", "08:30"))

check(any(c.startswith("./dev run") for c in commands) and "./dev test" in commands,
      "README starts with ./dev run and ./dev test", "\n".join(commands[:3]))
check(readme.lstrip().startswith("# selfcare\n\n```\n./dev run"), "the two commands come first")

# Something for the commands to work on: a file named as the README names
# it, a run to resume, and the source tree to build from.
shutil.copy(os.path.join(ROOT, "routines", "breath-reset.yaml"),
            os.path.join(TMP, "my-routine.yaml"))


def interrupted_run(name):
    """A run of name stopped by SIGTERM, for --resume to go on from."""
    subprocess.run(["timeout", "-s", "TERM", "1", SELFCARE, "run", name, "--speed", "20",
                    "--plain", "--no-voice", "--no-notify", "--quiet"], env=ENV, cwd=TMP,
                   capture_output=True, stdin=subprocess.DEVNULL)


src = os.path.join(TMP, "src")
shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("build", ".git"))

dev_usage = subprocess.run(["bash", os.path.join(ROOT, "dev")], capture_output=True,
                           text=True).stderr
ALLOWED = {"doctor": (0, 1), "/dev/full": (1,), "remind": (0, 1),
           "--test": (0, 1)}  # 1: no session to show it in, and it says so
ran = 0
try:
    for cmd in commands:
        if cmd.startswith("./dev"):
            sub = cmd.split()[1]
            check(f"./dev {sub}" in dev_usage, f"README's '{cmd}' is a ./dev command", dev_usage)
            continue
        if not (cmd.startswith("selfcare ") or cmd.startswith("cmake ")):
            continue
        line = cmd
        if "--resume" in line:
            interrupted_run(line.split()[2])
        if re.match(r"selfcare run\b", line):
            line = re.sub(r"^(selfcare run \S+)", r"\1 " + RUN_FLAGS, line)
        # The sound theme is out of reach here (XDG_DATA_DIRS), and the
        # README exports the same file twice.
        if re.match(r"selfcare export\b", line):
            line = re.sub(r"^(selfcare export \S+)", r"\1 --quiet --force", line)
        cwd = src if cmd.startswith("cmake ") else TMP
        if "remind" in line:
            line = "timeout 20 " + line
        p = subprocess.run(["bash", "-c", line], env=ENV, cwd=cwd, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=600)
        ran += 1
        allowed = next((v for k, v in ALLOWED.items() if k in cmd), (0,))
        check(p.returncode in allowed, f"README: '{cmd}' exits {allowed}, not {p.returncode}",
              (p.stdout + p.stderr)[-1500:])
    check(ran >= 25, f"README: {ran} commands run", "\n".join(commands))
    # What the cmake lines installed works.
    installed = os.path.join(HOME, ".local", "bin", "selfcare")
    p = subprocess.run([installed, "list"], env=dict(ENV, PATH="/usr/bin:/bin"),
                       capture_output=True, text=True)
    check(p.returncode == 0 and "psoas-release" in p.stdout,
          "README's install: the installed selfcare lists the shipped routines",
          p.stdout + p.stderr)
    p = subprocess.run([SELFCARE, "config"], env=ENV, capture_output=True, text=True)
    check(p.returncode == 0 and "config.yaml:" in p.stdout,
          "README's settings are a valid config.yaml", p.stdout + p.stderr)
    p = subprocess.run([SELFCARE, "history"], env=ENV, capture_output=True, text=True)
    check("two-breaths" in p.stdout and "psoas-release" in p.stdout,
          "README's runs were recorded", p.stdout)
finally:
    if saved is not None:
        if saved.returncode == 0:
            subprocess.run(["crontab", "-"], input=saved.stdout, text=True)
        else:
            subprocess.run(["crontab", "-r"], capture_output=True)
    shutil.rmtree(TMP, ignore_errors=True)

finish()
