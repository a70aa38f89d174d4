"""Shared by the sandbox benchmarks: machine facts, load average, waiting for quiet, tables, JSON.

Every figure is stored with the machine it was taken on, the 1-minute load average just before it
and the cores other processes used while it was measured ("others' cores": all CPUs' busy time in
/proc/stat minus our own process tree's CPU time, over the wall time; unlike the load average it
does not count the benchmark's own processes). Other processes on a small machine move these
numbers more than most changes we make.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from burner_env.machine import cpu_model

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "benchmarks" / "results"
BUSY_LOAD = 0.5  # a 1-minute load average above this is noted next to a figure


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def sandbox_changes() -> list[str]:
    """Uncommitted changes under burner_env/sandbox (the figures then belong to a dirty tree)."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "burner_env/sandbox"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def machine() -> dict:
    """What the figures depend on: cores, CPU, interpreter, kernel, commit."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "kernel": platform.release(),
        "git_commit": git_commit(),
        "sandbox_uncommitted_changes": sandbox_changes(),
        "load_avg_at_start": list(round(x, 2) for x in os.getloadavg()),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def machine_line(info: dict) -> str:
    dirty = " + uncommitted sandbox changes" if info.get("sandbox_uncommitted_changes") else ""
    return (f"{info['nproc']} cores ({info['cpu_model']}), Python {info['python']}, "
            f"kernel {info['kernel']}, commit {info['git_commit']}{dirty}")


def wait_for_quiet(max_wait_s: float, threshold: float = BUSY_LOAD, others_below: float = 0.25,
                   probe_s: float = 3.0) -> float:
    """Sleep until the machine is quiet or ``max_wait_s`` passes; return the 1-minute load average.

    Quiet: the load average is under ``threshold``, or other processes used less than
    ``others_below`` cores over a ``probe_s`` window (the load average lags by a minute and
    counts our own processes too).
    """
    deadline = time.monotonic() + max_wait_s
    while True:
        probe = Contention()
        time.sleep(probe_s)
        others, load = probe.others_cores(), load1()
        left = deadline - time.monotonic()
        if load <= threshold or others < others_below or left <= 0:
            return load
        print(f"  load average {load:.2f}, others use {others:.2f} cores: waiting ({left:.0f} s left)",
              file=sys.stderr)


def load_note(load: float | Iterable[float]) -> str:
    """``"0.12"`` or ``"2.31 (busy)"``: the load, flagged when it may have disturbed a figure."""
    value = max(load) if not isinstance(load, (int, float)) else load
    return f"{value:.2f}" + (" (busy)" if value > BUSY_LOAD else "")


def others_note(cores: Iterable[float]) -> str:
    """Median (max) cores used by other processes during the measurements."""
    values = list(cores)
    return f"{median(values):.2f} ({max(values):.2f})" if values else "-"


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def cv(values: Sequence[float]) -> float:
    """Coefficient of variation: population standard deviation over the mean (0 for one value)."""
    mean = statistics.fmean(values) if values else 0.0
    return statistics.pstdev(values) / mean if len(values) > 1 and mean else 0.0


def process_cpu_s(pid: int | str = "self", children: bool = True) -> float:
    """User+system CPU seconds of a process (and of its reaped children) from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _all_cpus_busy_s() -> float:
    """Busy time of all CPUs since boot (user, nice, system, irq, softirq, steal), /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _our_tree_cpu_s() -> float:
    """CPU of this process, its reaped descendants and its live descendants (and theirs reaped)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(name)] = int(fields[1])
        times[int(name)] = sum(int(x) for x in fields[11:15]) / tick
    ours, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in ours:
                ours.add(pid)
                frontier.append(pid)
    return sum(times.get(pid, 0.0) for pid in ours)


class Contention:
    """How many cores *other* processes used while we measured: all CPUs' busy time from
    /proc/stat minus our process tree's CPU time, over the wall time. Unlike the load average it
    does not count our own processes."""

    def __init__(self) -> None:
        self._start = (time.monotonic(), _all_cpus_busy_s(), _our_tree_cpu_s())

    def others_cores(self) -> float:
        now, busy, ours = time.monotonic(), _all_cpus_busy_s(), _our_tree_cpu_s()
        wall = now - self._start[0]
        if wall <= 0:
            return 0.0
        return round(max((busy - self._start[1]) - (ours - self._start[2]), 0.0) / wall, 3)


def self_and_children_cpu_s() -> float:
    """CPU seconds of this process (all threads) and of its reaped descendants."""
    import resource

    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def sandbox_cpu_s(sandbox) -> float:
    """CPU seconds of this process (all threads) and of a Sandbox's zygotes and their reaped children."""
    total = process_cpu_s("self", children=False)
    for zygote in sandbox._zygotes:  # benchmark-only peek at the zygote processes
        process = zygote._process
        if process is not None and process.poll() is None:
            total += process_cpu_s(process.pid, children=True)
    return total


def table(headers: Sequence[str], rows: Iterable[Sequence], title: str | None = None) -> str:
    """A plain-text table; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(r[i]) for r in cells) if cells else False for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    out = [title] if title else []
    out += [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "\n".join(out)


def _cell(value) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%x×"))
    except ValueError:
        return text == "-"
    return True


def write_results(name: str, data: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    data = {"benchmark": name, "command": " ".join([Path(sys.executable).name, *sys.argv]), **data}
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path


def add_common_arguments(parser) -> None:
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each measurement, wait up to SECONDS for the 1-minute load "
                             f"average to drop under {BUSY_LOAD} (default: do not wait)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS_DIR.name}/*.json")
