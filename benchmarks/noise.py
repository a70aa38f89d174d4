"""Measurement noise: the coefficient of variation of one solution's cost over repeated evaluations.

    .venv/bin/python benchmarks/noise.py                        # 20 + 20 cpu runs, 5 instructions runs
    .venv/bin/python benchmarks/noise.py --instructions-runs 20 # the full 20 (valgrind: minutes)
    .venv/bin/python benchmarks/noise.py --n 2000 --wait-quiet 300

The solution is a quadratic pair count (``for i: for j > i: ...``) on one generated input of
``--n`` integers (the problem's ``efficiency`` generator; ~20-50 ms of CPU at the default n=1500
here). Measured:

* ``measure="cpu", repeats=1``: 20 evaluations, CV of their 20 ``cost.cpu_ms``;
* ``measure="cpu", repeats=5``: 20 evaluations (each the median of 5 fresh children), CV of the 20;
* ``measure="instructions"``: ``--instructions-runs`` evaluations (default 5, not 20: each is a
  callgrind run, ~65x slower than native, a few seconds apiece), CV of ``cost.instructions``.

The two cpu series alternate evaluation by evaluation, so a change in the machine's load falls on
both. CV is the population standard deviation over the mean. Targets: <= 2 % at repeats=5 on an
idle machine; 0 % for instructions.
"""

from __future__ import annotations

import argparse
import time

from _sandbox_common import (
    Contention,
    add_common_arguments,
    cv,
    load1,
    load_note,
    machine,
    machine_line,
    median,
    others_note,
    table,
    wait_for_quiet,
    write_results,
)
from tqdm import tqdm

from burner_env.problems import Problem
from burner_env.sandbox import Limits, Sandbox

TARGET_CV_CPU_K5 = 0.02
TARGET_CV_INSTRUCTIONS = 0.0

QUADRATIC = (
    "def count_pairs(xs, target):\n"
    "    n, count = len(xs), 0\n"
    "    for i in range(n):\n"
    "        xi = xs[i]\n"
    "        for j in range(i + 1, n):\n"
    "            if xi + xs[j] == target:\n"
    "                count += 1\n"
    "    return count\n"
)
LINEAR = (
    "def count_pairs(xs, target):\n"
    "    seen, count = {}, 0\n"
    "    for x in xs:\n"
    "        count += seen.get(target - x, 0)\n"
    "        seen[x] = seen.get(x, 0) + 1\n"
    "    return count\n"
)


def pair_count_problem(n: int) -> Problem:
    return Problem.from_dict({
        "id": f"noise-pair-count-{n}",
        "statement": "Return how many index pairs i < j have xs[i] + xs[j] == target.",
        "io": "function", "entry_point": "count_pairs",
        "tests": [{"args": [[1, 2, 3, 4], 5], "expected": 2}, {"args": [[], 0], "expected": 0},
                  {"args": [[2, 2, 2], 4], "expected": 3}],
        "efficiency": {"generator": ("def generate(rng):\n"
                                     f"    return [{{'args': [[rng.randint(-500, 500) for _ in range({n})], 7]}}]\n"),
                       "seed": 1, "oracle": "hash map"},
        "solutions": [{"label": "hash map", "code": LINEAR}, {"label": "quadratic", "code": QUADRATIC}],
        "limits": {"time_s": 10.0, "memory_mb": 512},
    })


def series_summary(values: list[float], loads: list[float], others: list[float]) -> dict:
    return {"runs": len(values), "cv": cv(values), "median": median(values), "min": min(values),
            "max": max(values), "spread": (max(values) - min(values)) / median(values) if median(values) else 0.0,
            "max_load1": max(loads), "values": values, "load1": loads, "others_cores": others}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="cpu-mode evaluations per series (default 20)")
    parser.add_argument("--instructions-runs", type=int, default=5,
                        help="instructions-mode evaluations (default 5; 20 takes minutes); 0 skips them")
    parser.add_argument("--n", type=int, default=1500, help="input size of the quadratic solution")
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the second cpu series (default 5)")
    add_common_arguments(parser)
    args = parser.parse_args()

    problem = pair_count_problem(args.n)
    info = machine()
    print(f"machine: {machine_line(info)}; load average {info['load_avg_at_start']}")
    limits = Limits(time_s=10, memory_mb=512)
    series = {1: ([], [], [], []), args.repeats: ([], [], [], [])}  # cpu_ms, load, time_cv, others' cores
    sandboxes = {k: Sandbox(limits=limits, measure="cpu", repeats=k) for k in series}
    try:
        for sandbox in sandboxes.values():  # warm-up: zygote, baseline, generated input
            warm = sandbox.evaluate(problem, QUADRATIC)
            if not warm.passed:
                raise RuntimeError(f"warm-up failed: {warm.verdict}: {warm.message}")
        for run in tqdm(range(args.runs), desc=f"cpu k=1 / k={args.repeats}", unit="pair",
                        disable=args.no_progress):
            order = list(series) if run % 2 == 0 else list(series)[::-1]
            for k in order:
                load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else load1()
                contention = Contention()
                evaluation = sandboxes[k].evaluate(problem, QUADRATIC)
                if not evaluation.passed:
                    raise RuntimeError(f"{evaluation.verdict}: {evaluation.message}")
                series[k][0].append(evaluation.cost.cpu_ms)
                series[k][1].append(load)
                series[k][2].append(evaluation.cost.time_cv)
                series[k][3].append(contention.others_cores())
    finally:
        for sandbox in sandboxes.values():
            sandbox.close()

    results = {}
    for k, (values, loads, time_cvs, others) in series.items():
        results[f"cpu_k{k}"] = {"measure": "cpu", "repeats": k, **series_summary(values, loads, others),
                                "unit": "ms", "per_evaluation_time_cv": time_cvs}

    if args.instructions_runs:
        counts, loads, seconds, others = [], [], [], []
        with Sandbox(limits=limits, measure="instructions") as sandbox:
            for _ in tqdm(range(args.instructions_runs), desc="instructions", unit="run",
                          disable=args.no_progress):
                load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else load1()
                started, contention = time.perf_counter(), Contention()
                evaluation = sandbox.evaluate(problem, QUADRATIC)
                if not evaluation.passed:
                    raise RuntimeError(f"{evaluation.verdict}: {evaluation.message}")
                seconds.append(time.perf_counter() - started)
                counts.append(evaluation.cost.instructions)
                loads.append(load)
                others.append(contention.others_cores())
        results["instructions"] = {"measure": "instructions", "repeats": 1, **series_summary(counts, loads, others),
                                   "unit": "instructions", "identical": len(set(counts)) == 1,
                                   "seconds_per_evaluation": seconds,
                                   "note": "the first evaluation also counts the null submission (cached)"}

    rows = []
    for name, r in results.items():
        if r["measure"] == "cpu" and r["repeats"] == args.repeats:
            target, ok = "<= 2 %", r["cv"] <= TARGET_CV_CPU_K5
        elif r["measure"] == "instructions":
            target, ok = "0 %", r["cv"] <= TARGET_CV_INSTRUCTIONS
        else:
            target, ok = "(none)", None
        r["target_cv"] = {"<= 2 %": TARGET_CV_CPU_K5, "0 %": TARGET_CV_INSTRUCTIONS}.get(target)
        r["meets_target"] = ok
        fmt = (lambda v: f"{v:,.0f}") if r["measure"] == "instructions" else (lambda v: f"{v:.2f}")
        rows.append([name, r["runs"], f"{r['cv'] * 100:.2f}%", fmt(r["median"]), fmt(r["min"]), fmt(r["max"]),
                     r["unit"], target, {True: "pass", False: "FAIL", None: "-"}[ok], load_note(r["max_load1"]),
                     others_note(r["others_cores"])])
    print()
    print(table(["series", "runs", "CV", "median", "min", "max", "unit", "target", "result", "load1 (max)",
                 "others' cores"],
                rows, title=f"Cost of one quadratic solution (n={args.n}), repeated"))
    if not args.no_write:
        path = write_results("noise", {"machine": info, "n": args.n, "solution": QUADRATIC,
                                       "results": results, "load_avg_at_end": load1()})
        print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
