"""Sandbox throughput: test executions per second on a trivial function problem.

    .venv/bin/python benchmarks/throughput.py                  # 5 trials of >= 3 s per configuration
    .venv/bin/python benchmarks/throughput.py --trials 3 --min-seconds 2 --wait-quiet 300

The submission is ``def solve(a, b): return a + b`` on a problem with 1 test and one with 100
tests, run by ``Sandbox(measure="none")`` and ``Sandbox(measure="cpu", repeats=1)`` with
``workers=1`` and ``workers=2`` (``evaluate_many``). Everything is included: the fork from the
zygote, rlimits, the seccomp filter, the handshake, the parent's verdicts and, in ``cpu`` mode, the
null baseline subtraction and the /proc readings.

A *test execution* is one test run in a child. ``measure="none"`` runs all of a problem's tests in
one child (N executions, 1 child); ``measure="cpu"`` runs them there first for correctness, then
each in a fresh child to measure it (N + N x repeats executions, 1 + N x repeats children).

Trials of the 1- and 2-worker sandboxes alternate so that a change in the machine's load falls on
both; the figures are medians over trials. Besides wall-clock rates the script reports the CPU time
spent per execution by this process, its zygotes and their children (less sensitive to other load).
The issue's target: >= 400 test executions/s per core.
"""

from __future__ import annotations

import argparse
import math
import time

from _sandbox_common import (
    Contention,
    add_common_arguments,
    load1,
    load_note,
    machine,
    machine_line,
    median,
    others_note,
    sandbox_cpu_s,
    table,
    wait_for_quiet,
    write_results,
)
from tqdm import tqdm

from burner_env.problems import Problem
from burner_env.sandbox import Limits, Sandbox

TARGET_PER_CORE = 400.0
CODE = "def solve(a, b): return a + b\n"


def add_problem(tests: int) -> Problem:
    return Problem.from_dict({
        "id": f"add-{tests}", "statement": "Return a + b.", "io": "function", "entry_point": "solve",
        "tests": [{"args": [i, 2 * i + 1], "expected": 3 * i + 1} for i in range(tests)],
    })


def executions_per_eval(tests: int, measure: str, repeats: int) -> tuple[int, int]:
    """(test executions, children forked) for one accepted evaluation."""
    if measure == "none":
        return tests, 1
    return tests + tests * repeats, 1 + tests * repeats


def run_trial(sandbox: Sandbox, problem: Problem, batch: int, min_seconds: float) -> dict:
    items = [(problem, CODE)] * batch
    evaluations = 0
    cpu_before = sandbox_cpu_s(sandbox)
    started = time.perf_counter()
    while True:
        results = sandbox.evaluate_many(items)
        bad = [r for r in results if not r.passed]
        if bad:
            raise RuntimeError(f"{problem.id}: {bad[0].verdict}: {bad[0].message}")
        evaluations += len(results)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            break
    cpu = sandbox_cpu_s(sandbox) - cpu_before
    return {"evaluations": evaluations, "wall_s": elapsed, "cpu_s": cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5, help="trials per configuration (default 5)")
    parser.add_argument("--min-seconds", type=float, default=3.0,
                        help="a trial runs batches of evaluations until this much wall time passed")
    parser.add_argument("--tests", default="1,100", help="tests per problem, comma-separated")
    parser.add_argument("--measures", default="none,cpu", help="measure modes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=1, help="repeats in cpu mode (default 1)")
    add_common_arguments(parser)
    args = parser.parse_args()
    test_counts = [int(x) for x in args.tests.split(",")]
    measures = args.measures.split(",")
    worker_counts = [int(x) for x in args.workers.split(",")]

    info = machine()
    cores = info["nproc"]
    print(f"machine: {machine_line(info)}; load average {info['load_avg_at_start']}")
    configs = []
    bar = tqdm(total=len(test_counts) * len(measures) * len(worker_counts) * args.trials,
               desc="throughput", unit="trial", disable=args.no_progress)
    for tests in test_counts:
        problem = add_problem(tests)
        for measure in measures:
            execs, children = executions_per_eval(tests, measure, args.repeats)
            per_worker = max(1, min(50, math.ceil(400 / execs)))
            sandboxes = {w: Sandbox(limits=Limits(time_s=2, memory_mb=512), measure=measure,
                                    repeats=args.repeats, workers=w) for w in worker_counts}
            trials: dict[int, list[dict]] = {w: [] for w in worker_counts}
            try:
                for w, sandbox in sandboxes.items():  # warm-up: zygotes, baseline, prepared tests
                    sandbox.evaluate_many([(problem, CODE)] * w * 2)
                for trial in range(args.trials):
                    order = worker_counts if trial % 2 == 0 else worker_counts[::-1]
                    for w in order:
                        load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else load1()
                        contention = Contention()
                        record = run_trial(sandboxes[w], problem, per_worker * w, args.min_seconds)
                        record.update(load1=load, load1_after=load1(), others_cores=contention.others_cores(),
                                      executions=record["evaluations"] * execs,
                                      children=record["evaluations"] * children)
                        record["executions_per_s"] = record["executions"] / record["wall_s"]
                        record["executions_per_cpu_s"] = record["executions"] / max(record["cpu_s"], 1e-9)
                        trials[w].append(record)
                        bar.set_postfix_str(f"{tests} tests {measure} w{w}: "
                                            f"{record['executions_per_s']:.0f}/s load {load:.1f}")
                        bar.update(1)
            finally:
                for sandbox in sandboxes.values():
                    sandbox.close()
            for w in worker_counts:
                rate = median([t["executions_per_s"] for t in trials[w]])
                configs.append({
                    "tests_per_problem": tests, "measure": measure, "repeats": args.repeats, "workers": w,
                    "executions_per_eval": execs, "children_per_eval": children,
                    "median_executions_per_s": rate,
                    "median_executions_per_s_per_core": rate / min(w, cores),
                    "median_evaluations_per_s": median([t["evaluations"] / t["wall_s"] for t in trials[w]]),
                    "median_children_per_s": median([t["children"] / t["wall_s"] for t in trials[w]]),
                    "median_cpu_us_per_execution": median([t["cpu_s"] / t["executions"] * 1e6
                                                           for t in trials[w]]),
                    "median_executions_per_cpu_s": median([t["executions_per_cpu_s"] for t in trials[w]]),
                    "max_load1": max(max(t["load1"], t["load1_after"]) for t in trials[w]),
                    "others_cores": [t["others_cores"] for t in trials[w]],
                    "trials": trials[w],
                })
    bar.close()

    by_key = {(c["tests_per_problem"], c["measure"], c["workers"]): c for c in configs}
    rows = []
    for c in configs:
        one = by_key.get((c["tests_per_problem"], c["measure"], 1))
        c["ratio_to_1_worker"] = c["median_executions_per_s"] / one["median_executions_per_s"] if one else None
        c["target_per_core"] = TARGET_PER_CORE
        c["meets_target"] = c["median_executions_per_s_per_core"] >= TARGET_PER_CORE
        rows.append([c["tests_per_problem"], c["measure"], c["workers"],
                     c["median_executions_per_s"], c["median_executions_per_s_per_core"],
                     c["median_children_per_s"], c["median_cpu_us_per_execution"],
                     f"{c['ratio_to_1_worker']:.2f}x" if c["ratio_to_1_worker"] else "-",
                     "pass" if c["meets_target"] else "FAIL", load_note(c["max_load1"]),
                     others_note(c["others_cores"])])
    print()
    print(table(["tests", "measure", "workers", "exec/s", "exec/s/core", "children/s", "CPU µs/exec",
                 "vs 1 worker", f">= {TARGET_PER_CORE:.0f}/s/core", "load1 (max)",
                 "others' cores"], rows,
                title=f"Test executions per second (median of {args.trials} trials of >= {args.min_seconds} s; "
                      f"cpu mode: repeats={args.repeats}; {cores} cores)"))
    if not args.no_write:
        path = write_results("throughput", {"machine": info, "trials": args.trials,
                                            "min_seconds": args.min_seconds, "code": CODE,
                                            "configs": configs, "load_avg_at_end": load1()})
        print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
