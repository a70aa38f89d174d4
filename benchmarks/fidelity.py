"""Fidelity: does ``cpu`` mode order an O(n^2) and an O(n log n) solution correctly, every time?

    .venv/bin/python benchmarks/fidelity.py                     # 20 trials, n = 4000
    .venv/bin/python benchmarks/fidelity.py --trials 50 --n 2000 --wait-quiet 300

One problem (count the inversions of a list), one large generated input of ``--n`` integers (the
problem's ``efficiency`` generator), two correct solutions: a double loop, O(n^2), and a merge
sort, O(n log n). Each trial evaluates both with ``Sandbox(measure="cpu", repeats=1)``, side by
side, alternating which goes first. A trial is ordered correctly when the O(n^2) solution's
``cost.cpu_ms`` is larger. Reported: correct orderings out of the trials, and the distribution of
the ratio cpu_ms(O(n^2)) / cpu_ms(O(n log n)). Target: 20 of 20.
"""

from __future__ import annotations

import argparse

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

QUADRATIC = (
    "def inversions(xs):\n"
    "    n, count = len(xs), 0\n"
    "    for i in range(n):\n"
    "        xi = xs[i]\n"
    "        for j in range(i + 1, n):\n"
    "            if xi > xs[j]:\n"
    "                count += 1\n"
    "    return count\n"
)
MERGE_SORT = (
    "def inversions(xs):\n"
    "    def sort(a):\n"
    "        if len(a) <= 1:\n"
    "            return a, 0\n"
    "        mid = len(a) // 2\n"
    "        left, x = sort(a[:mid])\n"
    "        right, y = sort(a[mid:])\n"
    "        merged, count, i, j = [], x + y, 0, 0\n"
    "        while i < len(left) and j < len(right):\n"
    "            if left[i] <= right[j]:\n"
    "                merged.append(left[i])\n"
    "                i += 1\n"
    "            else:\n"
    "                merged.append(right[j])\n"
    "                count += len(left) - i\n"
    "                j += 1\n"
    "        merged += left[i:]\n"
    "        merged += right[j:]\n"
    "        return merged, count\n"
    "    return sort(list(xs))[1]\n"
)
SOLUTIONS = {"O(n log n)": MERGE_SORT, "O(n^2)": QUADRATIC}


def inversions_problem(n: int) -> Problem:
    return Problem.from_dict({
        "id": f"fidelity-inversions-{n}",
        "statement": "Return the number of pairs i < j with xs[i] > xs[j].",
        "io": "function", "entry_point": "inversions",
        "tests": [{"args": [[3, 1, 2]], "expected": 2}, {"args": [[]], "expected": 0},
                  {"args": [[1, 2, 3]], "expected": 0}, {"args": [[5, 4, 3, 2, 1]], "expected": 10}],
        "efficiency": {"generator": ("def generate(rng):\n"
                                     f"    return [{{'args': [[rng.randint(0, 10 ** 6) for _ in range({n})]]}}]\n"),
                       "seed": 7, "oracle": "merge sort"},
        "solutions": [{"label": "merge sort", "code": MERGE_SORT, "complexity": "O(n log n)", "time_class": 1},
                      {"label": "double loop", "code": QUADRATIC, "complexity": "O(n^2)", "time_class": 2}],
        "limits": {"time_s": 10.0, "memory_mb": 512},
    })


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="trials (default 20)")
    parser.add_argument("--n", type=int, default=4000, help="input size (default 4000)")
    add_common_arguments(parser)
    args = parser.parse_args()

    problem = inversions_problem(args.n)
    info = machine()
    print(f"machine: {machine_line(info)}; load average {info['load_avg_at_start']}")
    trials = []
    with Sandbox(limits=Limits(time_s=10, memory_mb=512), measure="cpu", repeats=1) as sandbox:
        for label, code in SOLUTIONS.items():  # warm-up: zygote, baseline, generated input
            warm = sandbox.evaluate(problem, code)
            if not warm.passed:
                raise RuntimeError(f"{label}: {warm.verdict}: {warm.message}")
        for trial in tqdm(range(args.trials), desc="fidelity", unit="trial", disable=args.no_progress):
            labels = list(SOLUTIONS) if trial % 2 == 0 else list(SOLUTIONS)[::-1]
            load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else load1()
            cpu_ms, contention = {}, Contention()
            for label in labels:
                evaluation = sandbox.evaluate(problem, SOLUTIONS[label])
                if not evaluation.passed:
                    raise RuntimeError(f"{label}: {evaluation.verdict}: {evaluation.message}")
                cpu_ms[label] = evaluation.cost.cpu_ms
            fast, slow = cpu_ms["O(n log n)"], cpu_ms["O(n^2)"]
            trials.append({"first": labels[0], "cpu_ms": cpu_ms, "ratio": slow / fast if fast else float("inf"),
                           "ordered": slow > fast, "load1": load, "load1_after": load1(),
                           "others_cores": contention.others_cores()})

    ratios = [t["ratio"] for t in trials]
    ordered = sum(t["ordered"] for t in trials)
    summary = {
        "trials": len(trials), "ordered_correctly": ordered, "meets_target": ordered == len(trials),
        "ratio_median": median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "median_cpu_ms": {label: median([t["cpu_ms"][label] for t in trials]) for label in SOLUTIONS},
        "cv_cpu_ms": {label: cv([t["cpu_ms"][label] for t in trials]) for label in SOLUTIONS},
        "max_load1": max(max(t["load1"], t["load1_after"]) for t in trials),
        "others_cores": [t["others_cores"] for t in trials],
    }
    print()
    print(table(["solution", "median cpu ms", "CV"],
                [[label, summary["median_cpu_ms"][label], f"{summary['cv_cpu_ms'][label] * 100:.1f}%"]
                 for label in SOLUTIONS], title=f"Inversions of n={args.n} integers, cpu mode, repeats=1"))
    print()
    print(table(["ordered correctly", "ratio median", "ratio min", "ratio max", "target", "result",
                 "load1 (max)", "others' cores"],
                [[f"{ordered}/{len(trials)}", f"{summary['ratio_median']:.1f}x", f"{summary['ratio_min']:.1f}x",
                  f"{summary['ratio_max']:.1f}x", f"{len(trials)}/{len(trials)}",
                  "pass" if summary["meets_target"] else "FAIL", load_note(summary["max_load1"]),
                  others_note(summary["others_cores"])]],
                title="cpu_ms(O(n^2)) / cpu_ms(O(n log n)), per trial"))
    if not args.no_write:
        path = write_results("fidelity", {"machine": info, "n": args.n, "solutions": SOLUTIONS,
                                          "summary": summary, "trials": trials, "load_avg_at_end": load1()})
        print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
