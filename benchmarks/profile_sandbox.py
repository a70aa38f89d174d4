"""Where a sandboxed test's time goes: parent, zygote and child CPU, page faults, handshake phases.

    .venv/bin/python benchmarks/profile_sandbox.py              # 300 evaluations of a 1-test problem
    .venv/bin/python benchmarks/profile_sandbox.py --measure cpu --cprofile
    .venv/bin/python benchmarks/profile_sandbox.py --perf       # also `perf record` the zygote + children

Not a target figure: it explains the throughput figures. Per evaluation of
``def solve(a, b): return a + b`` on a 1-test problem it reports

* CPU milliseconds of this process (the trusted parent), of the zygote itself (fork, request
  relay, ``wait4``) and of its children (everything after the fork, till ``_exit``), read from
  ``/proc/<pid>/stat`` (utime/stime, and cutime/cstime of reaped children);
* minor page faults of the zygote and of its children (copy-on-write after the fork);
* wall milliseconds of the phases seen by the parent: the ``spawn`` round trip to the zygote (the
  fork), the wait for the child's READY (child set-up: request, descriptors, rlimits, seccomp), GO
  to RESULT (the test), and the ``reap`` round trip, measured by wrapping the parent's functions
  in memory (the package's files are not changed).

``--perf`` runs ``perf record -g`` on the zygote (children inherit it) and prints the top kernel
and interpreter symbols, grouped into fork / page faults / seccomp / other.

``--fork-floor`` measures the floor under all of it, outside the sandbox: the CPU and page faults of
a child that exits at once, forked from a bare interpreter or from one holding the zygote's
pre-imported modules, by ``os.fork()`` (runs CPython's at-fork handlers: ``threading``'s
``_after_fork``, ``random``'s reseed) or by the raw ``fork`` system call (runs none).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import signal
import subprocess
import tempfile
import time

from _sandbox_common import add_common_arguments, load1, load_note, machine, machine_line, median, table, write_results
from tqdm import tqdm

from burner_env.problems import Problem
from burner_env.sandbox import Limits, Sandbox, executor

CODE = "def solve(a, b): return a + b\n"


def stat_fields(pid: int | str) -> list[bytes]:
    with open(f"/proc/{pid}/stat", "rb") as stat:
        return stat.read().rsplit(b")", 1)[1].split()


def counters(zygote_pid: int) -> dict[str, float]:
    import os

    tick = os.sysconf("SC_CLK_TCK")
    me, zygote = stat_fields("self"), stat_fields(zygote_pid)
    return {
        "parent_cpu_ms": (int(me[11]) + int(me[12])) / tick * 1e3,
        "zygote_cpu_ms": (int(zygote[11]) + int(zygote[12])) / tick * 1e3,
        "children_cpu_ms": (int(zygote[13]) + int(zygote[14])) / tick * 1e3,
        "zygote_minor_faults": int(zygote[7]),
        "children_minor_faults": int(zygote[8]),
    }


class PhaseClock:
    """Wraps the parent's spawn/reap calls and the handshake driver to time each phase."""

    def __init__(self) -> None:
        self.phases: dict[str, list[float]] = {"spawn": [], "ready": [], "test": [], "reap": []}
        self._original_call = executor.Zygote._call
        self._original_drive = executor._drive_child
        self._original_read_cpu = executor.read_cpu_ns

    def install(self) -> None:
        clock = self
        original_call, original_drive, original_read_cpu = (self._original_call, self._original_drive,
                                                            self._original_read_cpu)
        state: dict = {}

        def call(zygote, message, *args, **kwargs):
            started = time.perf_counter()
            reply = original_call(zygote, message, *args, **kwargs)
            if message.get("op") in ("spawn", "reap"):
                clock.phases[message["op"]].append(time.perf_counter() - started)
            return reply

        def read_cpu_ns(pid):
            # Called once when READY arrives (then GO is sent) and once when RESULT arrives.
            now = time.perf_counter()
            if "go" not in state:
                state["go"] = now
                clock.phases["ready"].append(now - state["drive"])
            else:
                clock.phases["test"].append(now - state.pop("go"))
            return original_read_cpu(pid)

        def drive(*args, **kwargs):
            state.clear()
            state["drive"] = time.perf_counter()
            return original_drive(*args, **kwargs)

        executor.Zygote._call = call
        executor._drive_child = drive
        executor.read_cpu_ns = read_cpu_ns

    def uninstall(self) -> None:
        executor.Zygote._call = self._original_call
        executor._drive_child = self._original_drive
        executor.read_cpu_ns = self._original_read_cpu


def perf_summary(path: str) -> list[tuple[str, float]]:
    """Share of samples (children of the zygote included) in a few groups of symbols."""
    report = subprocess.run(["perf", "report", "-i", path, "--children", "--sort", "sym", "--stdio",
                             "-g", "none"], capture_output=True, text=True).stdout
    shares = {}
    for line in report.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith("%") and parts[1].endswith("%"):
            shares.setdefault(parts[-1], float(parts[0].rstrip("%")))
    groups = [("fork (copy_process)", "copy_process"), ("page faults (all)", "asm_exc_page_fault"),
              ("  of which copy-on-write (do_wp_page)", "do_wp_page"), ("seccomp filter load", "do_seccomp"),
              ("process exit", "do_exit"), ("wait4", "__do_sys_wait4"),
              ("interpreter (_PyEval_EvalFrameDefault)", "_PyEval_EvalFrameDefault")]
    return [(label, shares.get(symbol, 0.0)) for label, symbol in groups]


FORK_FLOOR = r"""
import ctypes, os, resource, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "preimported":
    import _zygote
    _zygote.preimport_modules()
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
SYS_FORK, SYS_EXIT_GROUP, N = 57, 231, int(sys.argv[4])
before = resource.getrusage(resource.RUSAGE_CHILDREN)
for _ in range(N):
    if sys.argv[3] == "os.fork":
        pid = os.fork()
        if pid == 0:
            os._exit(0)
    else:
        pid = libc.syscall(SYS_FORK)
        if pid == 0:
            libc.syscall(SYS_EXIT_GROUP, 0)
    os.waitpid(pid, 0)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
print(cpu / N * 1e3, (after.ru_minflt - before.ru_minflt) / N)
"""


def fork_floor(runs: int = 400) -> list[dict]:
    """Child CPU ms and minor faults of an immediately exiting child, four ways (x86-64 only)."""
    import os
    import platform
    import sys

    if platform.machine() != "x86_64":
        return []
    sandbox_dir = os.path.dirname(executor.__file__)
    rows = []
    for modules in ("bare", "preimported"):
        for how in ("os.fork", "raw fork syscall"):
            out = subprocess.run([sys.executable, "-c", FORK_FLOOR, sandbox_dir, modules, how, str(runs)],
                                 capture_output=True, text=True, timeout=120, check=True).stdout.split()
            rows.append({"interpreter": modules, "fork": how, "child_cpu_ms": float(out[0]),
                         "child_minor_faults": float(out[1])})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--evaluations", type=int, default=300)
    parser.add_argument("--measure", default="none", choices=("none", "cpu"))
    parser.add_argument("--cprofile", action="store_true", help="cProfile the parent (top 15 by own time)")
    parser.add_argument("--perf", action="store_true", help="perf record the zygote and its children")
    parser.add_argument("--fork-floor", action="store_true",
                        help="also measure an immediately exiting child: os.fork vs the raw syscall")
    add_common_arguments(parser)
    args = parser.parse_args()

    info = machine()
    print(f"machine: {machine_line(info)}; load average {info['load_avg_at_start']}")
    problem = Problem.from_dict({"id": "add-1", "statement": "-", "io": "function", "entry_point": "solve",
                                 "tests": [{"args": [1, 2], "expected": 3}]})
    clock = PhaseClock()
    perf = perf_path = None
    with Sandbox(limits=Limits(time_s=2, memory_mb=512), measure=args.measure, repeats=1) as sandbox:
        sandbox.evaluate(problem, CODE)
        zygote_pid = sandbox._zygotes[0]._process.pid  # benchmark-only peek
        if args.perf and shutil.which("perf"):
            perf_path = tempfile.mktemp(suffix=".perf.data")
            perf = subprocess.Popen(["perf", "record", "-F", "2999", "-g", "-o", perf_path, "-p", str(zygote_pid)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
        load = load1()
        profiler = cProfile.Profile() if args.cprofile else None
        clock.install()
        before = counters(zygote_pid)
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            for _ in tqdm(range(args.evaluations), desc="profile", disable=args.no_progress):
                evaluation = sandbox.evaluate(problem, CODE)
                if not evaluation.passed:
                    raise RuntimeError(f"{evaluation.verdict}: {evaluation.message}")
        finally:
            if profiler:
                profiler.disable()
            clock.uninstall()
        wall = time.perf_counter() - started
        after = counters(zygote_pid)
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait()

    n = args.evaluations
    children_per_eval = 1 if args.measure == "none" else 2
    per_eval = {key: (after[key] - before[key]) / n for key in before}
    per_eval["wall_ms"] = wall / n * 1e3
    per_eval["total_cpu_ms"] = per_eval["parent_cpu_ms"] + per_eval["zygote_cpu_ms"] + per_eval["children_cpu_ms"]
    phases = {name: median(values) * 1e3 for name, values in clock.phases.items() if values}
    print()
    print(table(["per evaluation", "value"], [[k, round(v, 3)] for k, v in per_eval.items()],
                title=f"{n} evaluations, measure={args.measure}, {children_per_eval} child(ren) each; "
                      f"load {load_note(max(load, load1()))}"))
    print()
    print(table(["phase (parent's view)", "median ms"], [[k, round(v, 3)] for k, v in phases.items()]))
    result = {"machine": info, "measure": args.measure, "evaluations": n, "children_per_evaluation": children_per_eval,
              "load1": load, "load1_after": load1(), "per_evaluation": per_eval, "phase_median_ms": phases}
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print("\n" + out.getvalue())
    if perf_path:
        groups = perf_summary(perf_path)
        print(table(["zygote + children (perf, inclusive)", "% of samples"], groups))
        result["perf_inclusive_percent"] = dict(groups)
    if args.fork_floor:
        floor = fork_floor()
        print()
        print(table(["interpreter", "fork", "child CPU ms", "child minor faults"],
                    [[r["interpreter"], r["fork"], r["child_cpu_ms"], r["child_minor_faults"]] for r in floor],
                    title=f"A child that exits at once (load {load_note(load1())})"))
        result["fork_floor"] = floor
    if not args.no_write:
        path = write_results(f"profile_sandbox_{args.measure}", result)
        print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
