"""Vector environments: steps per second of the native vector env against Sync and Async.

    .venv/bin/python benchmarks/vector_envs.py                       # N = 1, 2, 4, 8; repeats=1, + a repeats=3 row
    .venv/bin/python benchmarks/vector_envs.py --sizes 1 2 --trials 6 --wait-quiet 300

Three ways to run N copies of ``burner/CodeEfficiency-v0`` through ``gym.make_vec``:

``vector_entry_point``  the native ``CodeEfficiencyVectorEnv``: one process, one ``Sandbox`` with N
                        zygotes, the N steps run in N threads (the work is in the sandboxed children)
``sync``                ``SyncVectorEnv``: N envs, each with its own one-zygote sandbox, stepped in turn
``async``               ``AsyncVectorEnv``: N worker processes, each an env with its own sandbox;
                        observations come back through shared memory (the default)

Same work everywhere: every sub-env has the one problem (``two_sum`` by default), ``measure="cpu"``,
``repeats=1`` (one further row, for ``--repeats-row-size``, with the default ``repeats=3``), rich
feedback, and answers every step with the same passing reference solution. ``max_iterations`` is large,
so no episode ends (no autoreset steps, which evaluate nothing, inflate the rate). Construction, the
reset and the first step (where each env measures the problem's reference solutions, not cached across
envs) are timed apart and excluded. For each N the three vector envs are built first, then stepped in
``--trials`` timed blocks of ``--block-seconds`` each, the modes interleaved in a rotating order, so
that a change in the machine's load falls on all of them alike.

Besides steps/s, the CPU time of the whole process tree (this process, async workers, zygotes and the
sandboxed children) is read from /proc: CPU ms per step is the work, and "cores used" (that CPU over
the wall time) says how much of the machine the configuration actually got.

A *step* below is one sub-environment step (one evaluation): steps/s = N x vector steps / seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import gymnasium as gym
from tqdm import tqdm

import burner_env
from burner_env.machine import cpu_model
from burner_env.problems import load_suite

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "env_vector.json"
MODES = ("vector_entry_point", "sync", "async")
LABELS = {"vector_entry_point": "native", "sync": "sync", "async": "async"}
BUSY_LOAD = 1.0  # a 1-minute load average above this is flagged next to a figure


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def git_state() -> dict:
    """The commit, and whether burner_env/ differs from it (others may be editing the tree)."""
    def git(*argv: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(REPO), *argv], capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"git_commit": git("rev-parse", "--short", "HEAD") or None,
            "burner_env_modified": bool(git("status", "--porcelain", "--", "burner_env"))}


def machine() -> dict:
    return {"nproc": len(os.sched_getaffinity(0)), "cpu_model": cpu_model(), "python": platform.python_version(),
            "platform": platform.platform(), "gymnasium": gym.__version__, **git_state(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def wait_for_quiet(max_wait_s: float, threshold: float) -> float:
    """Sleep until the 1-minute load average is under ``threshold`` or ``max_wait_s`` has passed."""
    deadline = time.monotonic() + max_wait_s
    while load1() > threshold and time.monotonic() < deadline:
        print(f"  load {load1():.2f} > {threshold}: waiting ({deadline - time.monotonic():.0f} s left)",
              file=sys.stderr)
        time.sleep(min(15.0, max(deadline - time.monotonic(), 0.0)))
    return load1()


def load_note(load: float) -> str:
    return f"{load:.2f}" + (" (busy)" if load > BUSY_LOAD else "")


def tree_cpu_s(root: int | None = None) -> float:
    """CPU seconds (user+system, with reaped children) of a process and all its live descendants.

    This process, async workers, zygotes and, through the zygotes' reaped-children counters, every
    sandboxed child. Clock ticks (10 ms): meaningful over seconds, not for one step.
    """
    root = root or os.getpid()
    children: dict[int, list[int]] = {}
    cpu: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        cpu[pid] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += cpu.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def response_for(code: str) -> str:
    return f"<solution>\n```python\n{code.rstrip()}\n```\n</solution>\n"


def build(mode: str, size: int, repeats: int, args, actions: tuple[str, ...]) -> tuple[object, dict]:
    """Make, reset and take the first (reference-measuring) step: all timed apart, all excluded."""
    started = time.perf_counter()
    envs = gym.make_vec(burner_env.ENV_ID, num_envs=size, vectorization_mode=mode, suite="builtin",
                        problem_ids=[args.problem], measure="cpu", repeats=repeats, feedback=args.feedback,
                        max_iterations=1_000_000)
    construct_s = time.perf_counter() - started
    started = time.perf_counter()
    envs.reset(seed=0)
    reset_s = time.perf_counter() - started
    started = time.perf_counter()
    _, _, _, _, infos = envs.step(actions)  # every sub-env measures the reference solutions here
    first_step_s = time.perf_counter() - started
    check(infos, mode, size)
    return envs, {"construct_s": construct_s, "reset_s": reset_s, "first_step_s": first_step_s}


def timed_block(envs, mode: str, size: int, actions: tuple[str, ...], seconds: float, min_steps: int) -> dict:
    latencies: list[float] = []
    load_before = load1()
    cpu0, tree0 = time.process_time(), tree_cpu_s()
    began = time.perf_counter()
    while time.perf_counter() - began < seconds or len(latencies) < min_steps:
        t0 = time.perf_counter()
        _, _, _, truncations, infos = envs.step(actions)
        latencies.append(time.perf_counter() - t0)
        check(infos, mode, size)
        if truncations.any():
            raise SystemExit("an episode ended during the timed steps")
    elapsed = time.perf_counter() - began
    return {"vector_steps": len(latencies), "seconds": elapsed, "parent_cpu_s": time.process_time() - cpu0,
            "all_cpu_s": tree_cpu_s() - tree0, "load_1min": [load_before, load1()], "latencies_s": latencies}


def run_size(size: int, repeats: int, args, response: str, progress) -> list[dict]:
    """Build every mode for this N, then time them in interleaved blocks (rotating the order), so that
    a change in the machine's load falls on all modes alike."""
    load_before = wait_for_quiet(args.wait_quiet, BUSY_LOAD) if args.wait_quiet else load1()
    actions = tuple([response] * size)
    built, setup, blocks = {}, {}, {mode: [] for mode in args.modes}
    try:
        for mode in args.modes:
            built[mode], setup[mode] = build(mode, size, repeats, args, actions)
        for trial in range(args.trials):
            shift = trial % len(args.modes)
            for mode in args.modes[shift:] + args.modes[:shift]:
                blocks[mode].append(timed_block(built[mode], mode, size, actions, args.block_seconds,
                                                args.min_steps))
                progress.update(1)
    finally:
        for envs in built.values():
            envs.close()
    rows = []
    for mode in args.modes:
        done = blocks[mode]
        seconds = sum(b["seconds"] for b in done)
        steps = size * sum(b["vector_steps"] for b in done)
        all_cpu = sum(b["all_cpu_s"] for b in done)
        latencies = [x for b in done for x in b["latencies_s"]]
        rates = [size * b["vector_steps"] / b["seconds"] for b in done]
        rows.append({
            "mode": mode, "num_envs": size, "repeats": repeats, "trials": len(done),
            "vector_steps": len(latencies), "sub_env_steps": steps, "seconds": seconds,
            "steps_per_s": steps / seconds, "steps_per_s_blocks": {"min": min(rates), "max": max(rates)},
            "vector_step_latency_s": {"median": statistics.median(latencies), "min": min(latencies),
                                      "max": max(latencies)},
            "parent_cpu_per_step_ms": 1e3 * sum(b["parent_cpu_s"] for b in done) / steps,
            "all_cpu_per_step_ms": 1e3 * all_cpu / steps, "cores_used": all_cpu / seconds,
            **setup[mode], "load_1min_before": load_before,
            "load_1min": [x for b in done for x in b["load_1min"]], "blocks": done,
        })
    return rows


def check(infos: dict, mode: str, size: int) -> None:
    verdicts = list(infos.get("verdict", []))
    if verdicts != ["accepted"] * size:
        raise SystemExit(f"{mode} N={size}: not every sub-env accepted the solution: {verdicts}")


def report(rows: list[dict], info: dict) -> str:
    lines = [f"Machine: {info['nproc']} cores ({info['cpu_model']}), Python {info['python']}, "
             f"gymnasium {info['gymnasium']}", ""]
    header = (f"{'mode':<7} {'N':>2} {'repeats':>7} {'steps/s':>8} {'blocks min-max':>14} {'vs N=1':>7} {'vs sync':>7} "
              f"{'step ms':>8} {'CPU ms/step':>11} {'cores used':>10} {'parent CPU ms/step':>18} "
              f"{'first step s':>12} {'construct s':>11}  load (1 min)")
    lines += [header, "-" * len(header)]
    by_key = {(r["mode"], r["num_envs"], r["repeats"]): r for r in rows}
    for row in sorted(rows, key=lambda r: (r["repeats"], r["num_envs"], MODES.index(r["mode"]))):
        one = by_key.get((row["mode"], 1, row["repeats"]))
        sync = by_key.get(("sync", row["num_envs"], row["repeats"]))
        vs_one = f"{row['steps_per_s'] / one['steps_per_s']:.2f}x" if one else "-"
        vs_sync = f"{row['steps_per_s'] / sync['steps_per_s']:.2f}x" if sync else "-"
        load = load_note(max([row["load_1min_before"], *row["load_1min"]]))
        spread = f"{row['steps_per_s_blocks']['min']:.1f}-{row['steps_per_s_blocks']['max']:.1f}"
        lines.append(f"{LABELS[row['mode']]:<7} {row['num_envs']:>2} {row['repeats']:>7} {row['steps_per_s']:>8.2f} "
                     f"{spread:>14} {vs_one:>7} {vs_sync:>7} {1e3 * row['vector_step_latency_s']['median']:>8.1f} "
                     f"{row['all_cpu_per_step_ms']:>11.1f} {row['cores_used']:>10.2f} "
                     f"{row['parent_cpu_per_step_ms']:>18.2f} {row['first_step_s']:>12.2f} "
                     f"{row['construct_s']:>11.2f}  {load}")
    lines.append("")
    lines.append("steps/s: sub-env steps (evaluations) per second; step ms: median vector-step latency; CPU "
                 "ms/step: this process, async workers, zygotes and sandboxed children together; cores used: that "
                 "CPU over the wall time; parent CPU: this process only.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problem", default="two_sum", help="built-in problem id (default: two_sum)")
    parser.add_argument("--solution", default=None, help="label of its reference solution (default: the first)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8], help="numbers of envs (1 2 4 8)")
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES, help="vectorization modes")
    parser.add_argument("--repeats", type=int, default=1, help="runs per measured test (1)")
    parser.add_argument("--repeats-row-size", type=int, default=2,
                        help="N of the extra row with the env's default repeats=3 (2; 0: no such row)")
    parser.add_argument("--feedback", default="rich", choices=("rich", "paper"), help="feedback style (rich)")
    parser.add_argument("--trials", type=int, default=4,
                        help="timed blocks per mode and N, the modes interleaved (4)")
    parser.add_argument("--block-seconds", type=float, default=2.0, help="length of a timed block (2 s)")
    parser.add_argument("--min-steps", type=int, default=2, help="at least this many vector steps per block (2)")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help=f"before each configuration wait up to SECONDS for the load to drop under {BUSY_LOAD}")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON results ({RESULTS.relative_to(REPO)})")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON results")
    args = parser.parse_args(argv)

    problems = {p.id: p for p in load_suite("builtin")}
    if args.problem not in problems:
        parser.error(f"no built-in problem {args.problem!r}")
    problem = problems[args.problem]
    solution = problem.solution(args.solution) if args.solution else problem.solutions[0]
    response = response_for(solution.code)

    configs = [(size, args.repeats) for size in args.sizes]
    if args.repeats_row_size:
        configs.append((args.repeats_row_size, 3))
    info = machine()
    rows = []
    with tqdm(total=len(configs) * len(args.modes) * args.trials, desc="timed blocks",
              disable=args.no_progress) as progress:
        for size, repeats in configs:
            rows += run_size(size, repeats, args, response, progress)
    print(report(rows, info))
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        data = {"benchmark": "env_vector", "command": " ".join([".venv/bin/python", *sys.argv]),
                "problem": problem.id, "solution": solution.label, "machine": info,
                "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": rows}
        args.output.write_text(json.dumps(data, indent=1) + "\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
