"""Leak check: many evaluations on one Sandbox, then the parent's descriptors, children and memory.

    python benchmarks/leaks.py                 # 10,000 evaluations (the issue's figure)
    python benchmarks/leaks.py -n 2000 --workers 2

The mix cycles through passing, failing and hostile submissions (fork, execve, memory bomb, output
flood, early exit, a CPU spin every 200th). Printed: open descriptors of this process, its children
(the zygotes), processes left under a zygote, and this process's resident memory (VmRSS), after a
warm-up and after the run; then the same after ``close()``. The exit status is 1 if anything leaked
(descriptors or processes; RSS growth is reported, not judged).
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time

from burner_env.problems import Problem
from burner_env.sandbox import Limits, Sandbox


def _problem(pid: str, io: str = "function", entry: str = "solve", tests=None, limits=None) -> Problem:
    record = {"id": pid, "statement": "leak check", "io": io,
              "tests": tests or [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}
    if io != "stdin":
        record["entry_point"] = entry
    if limits:
        record["limits"] = limits
    return Problem.from_dict(record)


ADD = _problem("leak-add")
SPIN = _problem("leak-spin", limits={"time_s": 0.05, "memory_mb": 256})
STDIN = _problem("leak-stdin", io="stdin", tests=[{"stdin": "1 2\n", "expected": "3\n"}])
CLASS = _problem("leak-class", io="class", entry="Solution.add")

MIX = [
    (ADD, "def solve(a, b):\n    return a + b\n"),
    (ADD, "def solve(a, b):\n    return a - b\n"),
    (ADD, "def solve(a, b):\n    raise ValueError(a)\n"),
    (ADD, "import os\ndef solve(a, b):\n    os.fork()\n"),
    (ADD, "import os\ndef solve(a, b):\n    os.execv('/bin/true', ['true'])\n"),
    (ADD, "def solve(a, b):\n    return len(bytearray(10**11))\n"),
    (ADD, "import os\ndef solve(a, b):\n    os.write(1, b'x' * (9 << 20))\n"),
    (ADD, "import os\ndef solve(a, b):\n    os._exit(3)\n"),
    (ADD, "import socket\ndef solve(a, b):\n    socket.socket()\n"),
    (ADD, "def solve(a, b)\n"),
    (STDIN, "a, b = map(int, input().split())\nprint(a + b)\n"),
    (CLASS, "class Solution:\n    def add(self, a, b):\n        return a + b\n"),
]


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_mib(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def process_tree() -> tuple[set[int], dict[int, int]]:
    """(children of this process, {zygote pid: number of its children})."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    data = stat.read()
            except OSError:
                continue
            parents[int(name)] = int(data[data.rindex(b")") + 2:].split()[1])
    mine = {pid for pid, ppid in parents.items() if ppid == os.getpid()}
    under = {z: sum(1 for ppid in parents.values() if ppid == z) for z in mine}
    return mine, under


def snapshot(label: str) -> dict:
    children, under = process_tree()
    state = {"fds": fd_count(), "children": len(children), "under_zygotes": sum(under.values()),
             "rss_mib": rss_mib()}
    zygote_rss = [rss_mib(pid) for pid in children if os.path.exists(f"/proc/{pid}/status")]
    print(f"{label:<16} fds={state['fds']:<4} children={state['children']:<3} "
          f"under-zygote={state['under_zygotes']:<3} parent RSS={state['rss_mib']:.1f} MiB"
          + (f"  zygote RSS={', '.join(f'{r:.1f}' for r in zygote_rss)} MiB" if zygote_rss else ""))
    return state


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--evaluations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    start = snapshot("start")
    sandbox = Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure="none", repeats=1,
                      workers=args.workers)
    sandbox.evaluate_many([(ADD, MIX[0][1])] * (2 * args.workers))  # start every zygote
    for problem, code in MIX * 3:
        sandbox.evaluate(problem, code)
    warm = snapshot("after warm-up")

    verdicts: collections.Counter = collections.Counter()
    items = [(SPIN, "def solve(a, b):\n    while True:\n        pass\n") if i % 200 == 199
             else MIX[i % len(MIX)] for i in range(args.evaluations)]
    started = time.perf_counter()
    chunk = 500
    for offset in range(0, len(items), chunk):
        for ev in sandbox.evaluate_many(items[offset:offset + chunk]):
            verdicts[ev.verdict] += 1
    elapsed = time.perf_counter() - started
    end = snapshot(f"after {args.evaluations}")
    sandbox.close()
    closed = snapshot("after close()")

    print(f"\n{args.evaluations} evaluations in {elapsed:.1f} s "
          f"({1000 * elapsed / args.evaluations:.2f} ms each, {args.workers} worker(s))")
    print("verdicts:", dict(sorted(verdicts.items())))
    print(f"parent RSS growth over the run: {end['rss_mib'] - warm['rss_mib']:+.1f} MiB")
    leaked = (end["fds"] != warm["fds"] or end["children"] != warm["children"] or end["under_zygotes"]
              or closed["fds"] != start["fds"] or closed["children"] != start["children"])
    print("LEAK" if leaked else "no descriptor or process leak")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
