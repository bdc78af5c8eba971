#!/usr/bin/python3
"""Run a plain-mode 'selfcare run' under /usr/bin/time and time its event
lines as they arrive: start-up (spawn to the first hold), the routine (first
hold to 'done') and exit ('done' to exit). Usage: lines.py NOMINAL_S TIMEFILE CMD..."""
import subprocess
import sys
import time

nominal, timefile, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
t0 = time.monotonic()
p = subprocess.Popen(["/usr/bin/time", "-o", timefile, "-f", "%U %S %M", *cmd],
                     stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
first = last = None
for line in p.stdout:
    now = time.monotonic()
    if first is None and line.startswith(b"0:00 hold"):
        first = now
    if line.endswith(b" done\n"):
        last = now
p.wait()
t1 = time.monotonic()
user, sys_, rss = open(timefile).read().split()
print(f"{'selfcare':22s} wall {1000 * (t1 - t0):9.1f} ms  drift {1000 * (t1 - t0 - nominal):+6.1f} ms"
      f"  cpu {1000 * (float(user) + float(sys_)):5.0f} ms  peak rss {int(rss):6d} kB")
print(f"{'':22s} of which: start-up {1000 * (first - t0):.1f} ms,"
      f" routine {1000 * (last - first - nominal):+.2f} ms over nominal,"
      f" exit {1000 * (t1 - last):.1f} ms")
with open(timefile + ".cpu", "w") as f:
    f.write(f"{int(1000 * (float(user) + float(sys_)))}\n")
