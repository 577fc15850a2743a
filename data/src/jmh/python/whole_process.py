"""Times whole processes in turn, round after round, so that a busy machine's load falls on each of them alike.

python3 whole_process.py ROUNDS 'NAME=COMMAND LINE' ... runs one warm-up round, then ROUNDS rounds, and prints per
command the median wall time (perf_counter) and CPU time (user + system of the child, from getrusage), and the
1-minute load average at the start of each round. Output of the commands is discarded; a failing command stops it.
"""
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
commands = dict(arg.split("=", 1) for arg in sys.argv[2:])
wall = {name: [] for name in commands}
cpu = {name: [] for name in commands}
loads = []
for r in range(rounds + 1):
    loads.append(os.getloadavg()[0])
    for name, line in commands.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(shlex.split(line), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r > 0:
            wall[name].append(elapsed)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
print("load average per round:", " ".join(f"{x:.1f}" for x in loads))
for name in commands:
    print(f"{name}: wall median {statistics.median(wall[name]):.3f} s (min {min(wall[name]):.3f}, max "
          f"{max(wall[name]):.3f}), CPU median {statistics.median(cpu[name]):.3f} s")
