"""Reference-distribution benchmarks: calibration time, rank fidelity, stability, a figure.

Every step stores what it measured in ``WORK_DIR/results.json`` (default
``/tmp/burner-calibration-bench``) together with the machine and load; ``summary`` prints the
tables of docs/BENCHMARKS.md ("Reference distributions") from that file.

    python benchmarks/calibration.py cpu --workers 1 2 2        # three full cpu calibrations, timed
    python benchmarks/calibration.py instructions-sample --every 6 --workers 1 2
    python benchmarks/calibration.py instructions-full DIST.json # a finished full instructions run
    python benchmarks/calibration.py exact-vs-cpu CPU.json INSTRUCTIONS.json  # τ per problem
    python benchmarks/calibration.py figure DIST.json --out docs/reference_distributions.png
    python benchmarks/calibration.py summary

Definitions:

* *rank fidelity*: a problem is ordered correctly when every passed solution labelled
  ``time_class`` k+1 costs more than every passed solution of the next faster class k;
* *stability*: Kendall's τ-b between the time costs of the same reference solutions in two
  independent calibrations, pooled over every (problem, solution) of the suite, and the mean of
  the per-problem τ.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

from burner_env.machine import cpu_model
from burner_env.problems import Problem, load_suite
from burner_env.reference import ReferenceDistribution, calibrate

DEFAULT_WORK_DIR = Path(os.environ.get("BURNER_BENCH_DIR", "/tmp/burner-calibration-bench"))


# --- statistics -----------------------------------------------------------------------------------


def kendall_tau_b(xs: list[float], ys: list[float]) -> float:
    """Kendall's τ-b (ties in either list handled) of two equally long lists; NaN if undefined."""
    if len(xs) != len(ys):
        raise ValueError("the two lists must be equally long")
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx = (xs[i] > xs[j]) - (xs[i] < xs[j])
            dy = (ys[i] > ys[j]) - (ys[i] < ys[j])
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif dx == dy:
                concordant += 1
            else:
                discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else float("nan")


def paired_costs(one: ReferenceDistribution, other: ReferenceDistribution,
                 metric: str = "time") -> dict[str, tuple[list[float], list[float]]]:
    """Per shared, unchanged problem, the costs of the references that passed in both calibrations.

    A problem edited between the two calibrations (another fingerprint) is left out: its costs
    changed for a reason, not by noise.
    """
    pairs = {}
    for pid in sorted(set(one.problems) & set(other.problems)):
        if one.fingerprints.get(pid) != other.fingerprints.get(pid):
            continue
        first = {e.label: e for e in one.problems[pid] if e.passed}
        second = {e.label: e for e in other.problems[pid] if e.passed}
        labels = sorted(set(first) & set(second))
        pairs[pid] = ([first[label].metric(metric) for label in labels],
                      [second[label].metric(metric) for label in labels])
    return pairs


def stability(one: ReferenceDistribution, other: ReferenceDistribution) -> dict:
    """Pooled τ over every (problem, solution) time cost, and the mean per-problem τ."""
    pairs = paired_costs(one, other)
    pooled_x = [x for xs, _ in pairs.values() for x in xs]
    pooled_y = [y for _, ys in pairs.values() for y in ys]
    per_problem = {pid: kendall_tau_b(xs, ys) for pid, (xs, ys) in pairs.items()}
    defined = [tau for tau in per_problem.values() if not math.isnan(tau)]
    identical = sum(x == y for x, y in zip(pooled_x, pooled_y))
    return {"problems": len(pairs), "solutions": len(pooled_x), "pooled_tau": kendall_tau_b(pooled_x, pooled_y),
            "mean_problem_tau": statistics.fmean(defined) if defined else float("nan"),
            "min_problem_tau": min(defined) if defined else float("nan"),
            "identical_costs": identical,
            "worst_problems": sorted(per_problem.items(), key=lambda item: item[1])[:3]}


def class_order_correct(distribution: ReferenceDistribution, problem_id: str) -> bool | None:
    """Every passed solution of each labelled class costs less than every one of the next class."""
    classes: dict[int, list[float]] = {}
    for entry in distribution.problems[problem_id]:
        if entry.passed and entry.time_class is not None:
            classes.setdefault(entry.time_class, []).append(entry.time)
    ordered = sorted(classes)
    if len(ordered) < 2:
        return None
    return all(max(classes[a]) < min(classes[b]) for a, b in zip(ordered, ordered[1:]))


def rank_fidelity(distribution: ReferenceDistribution) -> dict:
    verdicts = {pid: class_order_correct(distribution, pid) for pid in distribution.problems}
    checked = {pid: ok for pid, ok in verdicts.items() if ok is not None}
    return {"problems": len(checked), "ordered": sum(checked.values()),
            "wrong": sorted(pid for pid, ok in checked.items() if not ok)}


# --- runs -----------------------------------------------------------------------------------------


def machine() -> dict:
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "kernel": platform.release(),
            "python": sys.version.split()[0]}


def record(work_dir: Path, name: str, value: dict) -> None:
    path = work_dir / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results[name] = {**value, "machine": machine(), "recorded": time.strftime("%Y-%m-%d %H:%M:%S")}
    work_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, default=str) + "\n")


def timed_calibration(problems: list[Problem], measure: str, workers: int, repeats: int,
                      cache_dir: Path) -> tuple[ReferenceDistribution, dict]:
    shutil.rmtree(cache_dir, ignore_errors=True)  # one calibration per folder: no earlier suite's file
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    distribution = calibrate(problems, measure, workers=workers, repeats=repeats, cache_dir=cache_dir,
                             force=True)
    wall = time.perf_counter() - started
    references = sum(len(p.solutions) for p in problems)
    return distribution, {"measure": measure, "workers": workers, "repeats": distribution.repeats,
                          "problems": len(problems), "references": references, "wall_s": round(wall, 1),
                          "s_per_reference": round(wall / references, 2), "load1_before": load_before,
                          "fidelity": rank_fidelity(distribution)}


def run_cpu(args: argparse.Namespace) -> None:
    problems = load_suite("builtin")
    runs = []
    for index, workers in enumerate(args.workers):
        cache = args.work_dir / f"cpu-run{index}-w{workers}"
        distribution, timing = timed_calibration(problems, "cpu", workers, args.repeats, cache)
        timing["file"] = str(next(cache.glob("cpu-*.json")))
        runs.append((distribution, timing))
        print(json.dumps(timing), flush=True)
    comparisons = {f"run{i}-vs-run{j}": stability(runs[i][0], runs[j][0])
                   for i in range(len(runs)) for j in range(i + 1, len(runs))}
    record(args.work_dir, "cpu", {"runs": [timing for _, timing in runs], "stability": comparisons})
    print(json.dumps(comparisons, indent=1))


def run_instructions_sample(args: argparse.Namespace) -> None:
    suite = load_suite("builtin")
    sample = suite[::args.every]
    runs = []
    for index, workers in enumerate(args.workers):
        cache = args.work_dir / f"{args.name}-{index}-w{workers}"
        distribution, timing = timed_calibration(sample, "instructions", workers, 1, cache)
        suite_references = sum(len(p.solutions) for p in suite)
        timing["sample"] = [p.id for p in sample]
        timing["extrapolated_suite_s"] = round(timing["s_per_reference"] * suite_references)
        timing["suite_problems"], timing["suite_references"] = len(suite), suite_references
        timing["file"] = str(next(cache.glob("instructions-*.json")))
        runs.append((distribution, timing))
        print(json.dumps(timing), flush=True)
    comparisons = {f"run{i}-vs-run{j}": stability(runs[i][0], runs[j][0])
                   for i in range(len(runs)) for j in range(i + 1, len(runs))}
    record(args.work_dir, args.name, {"runs": [t for _, t in runs], "stability": comparisons})
    print(json.dumps(comparisons, indent=1))


def load_distribution(path: str | Path) -> ReferenceDistribution:
    return ReferenceDistribution.from_dict(json.loads(Path(path).read_text()))


def run_instructions_full(args: argparse.Namespace) -> None:
    """Fidelity of a finished full run, its τ against the sample runs, and its wall time if given."""
    full = load_distribution(args.distribution)
    results_path = args.work_dir / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    sample_runs = [run for name, value in results.items() if name.startswith("instructions_sample")
                   for run in value["runs"]]
    against_sample = {Path(run["file"]).parent.name: stability(full, load_distribution(run["file"]))
                      for run in sample_runs}
    references = sum(len(entries) for entries in full.problems.values())
    record(args.work_dir, "instructions_full", {
        "file": str(args.distribution), "problems": len(full.problems), "references": references,
        "passed": sum(e.passed for entries in full.problems.values() for e in entries),
        "wall_s": args.wall_s, "workers": args.run_workers, "fidelity": rank_fidelity(full),
        "stability_vs_sample": against_sample})
    print(json.dumps(json.loads(results_path.read_text())["instructions_full"], indent=1, default=str))


def run_exact_vs_cpu(args: argparse.Namespace) -> None:
    """Do exact counts order each problem's references as CPU time does? τ-b per problem."""
    cpu, exact = load_distribution(args.cpu), load_distribution(args.instructions)
    pairs = paired_costs(cpu, exact)
    per_problem = {pid: kendall_tau_b(xs, ys) for pid, (xs, ys) in pairs.items()}
    value = {**stability(cpu, exact), "per_problem_tau": per_problem,
             "problems_tau_at_least_0.8": sum(tau >= 0.8 for tau in per_problem.values()),
             "cpu_file": str(args.cpu), "instructions_file": str(args.instructions)}
    record(args.work_dir, "exact_vs_cpu", value)
    print(json.dumps({k: v for k, v in value.items() if k != "per_problem_tau"}, indent=1, default=str))
    for pid, tau in sorted(per_problem.items(), key=lambda item: item[1]):
        print(f"{pid:<40} {tau:+.3f}")


def run_figure(args: argparse.Namespace) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    distributions = [load_distribution(path) for path in args.distributions]
    problem_ids = args.problems.split(",")
    size = (6.5 * len(distributions), 0.55 * len(problem_ids) + 1.6)
    figure, axes = plt.subplots(1, len(distributions), figsize=size, squeeze=False, sharey=True)
    colours = {1: "tab:green", 2: "tab:orange", 3: "tab:red"}
    for axis, distribution in zip(axes[0], distributions):
        scale, unit = (1e-6, "million instructions") if distribution.mode == "instructions" else (1.0, "CPU ms")
        for index, pid in enumerate(problem_ids):
            row = len(problem_ids) - 1 - index  # the first problem at the top
            for entry in distribution.problems[pid]:
                if entry.passed:
                    axis.scatter(entry.time * scale, row, s=46, alpha=0.8, edgecolors="black", linewidths=0.4,
                                 color=colours.get(entry.time_class, "tab:gray"))
        axis.set_xscale("log")
        axis.set_yticks(range(len(problem_ids)), problem_ids[::-1])
        axis.set_xlabel(f"cost on the efficiency tests ({unit}, log scale)")
        axis.set_title(f"{distribution.mode} mode (repeats={distribution.repeats})")
        axis.grid(axis="x", which="both", alpha=0.3)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour, label=f"time_class {k}")
               for k, colour in colours.items()]
    figure.legend(handles=handles, loc="lower center", ncol=3, frameon=False)
    figure.suptitle("Reference solutions of a few built-in problems, coloured by labelled time class")
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    figure.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


def run_summary(args: argparse.Namespace) -> None:
    results = json.loads((args.work_dir / "results.json").read_text())
    print("| mode | problems | references | workers | wall | per reference | classes ordered |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in ["cpu"] + sorted(name for name in results if name.startswith("instructions_sample")):
        for run in results[key]["runs"] if key in results else []:
            fidelity = run["fidelity"]
            extra = (f" (sample; suite extrapolated: {run['extrapolated_suite_s'] / 60:.0f} min)"
                     if "extrapolated_suite_s" in run else "")
            print(f"| {run['measure']} | {run['problems']} | {run['references']} | {run['workers']} | "
                  f"{run['wall_s']:.0f} s{extra} | {run['s_per_reference']:.2f} s | "
                  f"{fidelity['ordered']}/{fidelity['problems']} |")
    full = results.get("instructions_full")
    if full:
        fidelity = full["fidelity"]
        wall = f"{full['wall_s'] / 60:.0f} min" if full.get("wall_s") else "?"
        print(f"| instructions | {full['problems']} | {full['references']} | {full.get('workers', '?')} | "
              f"{wall} | {full['wall_s'] / full['references'] if full.get('wall_s') else float('nan'):.2f} s | "
              f"{fidelity['ordered']}/{fidelity['problems']} |")
    print("\n| calibrations compared | problems | solutions | pooled τ | mean per-problem τ | min per-problem τ "
          "| identical costs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    comparisons = [(f"cpu {name}", value) for name, value in results.get("cpu", {}).get("stability", {}).items()]
    comparisons += [(f"{key} {name}", value) for key in sorted(results) if key.startswith("instructions_sample")
                    for name, value in results[key]["stability"].items()]
    if full:
        comparisons += [(f"instructions full vs {name}", value)
                        for name, value in full.get("stability_vs_sample", {}).items()]
    for name, value in comparisons:
        print(f"| {name} | {value['problems']} | {value['solutions']} | {value['pooled_tau']:.4f} | "
              f"{value['mean_problem_tau']:.4f} | {value['min_problem_tau']:.3f} | "
              f"{value['identical_costs']}/{value['solutions']} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    steps = parser.add_subparsers(dest="step", required=True)
    cpu = steps.add_parser("cpu", help="full-suite cpu calibrations, one per --workers value")
    cpu.add_argument("--workers", type=int, nargs="+", default=[1, 2, 2])
    cpu.add_argument("--repeats", type=int, default=3)
    cpu.set_defaults(run=run_cpu)
    sample = steps.add_parser("instructions-sample", help="instructions calibrations of every N-th problem")
    sample.add_argument("--every", type=int, default=6)
    sample.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    sample.add_argument("--name", default="instructions_sample", help="the name its results are stored under")
    sample.set_defaults(run=run_instructions_sample)
    full = steps.add_parser("instructions-full", help="record a finished full instructions calibration")
    full.add_argument("distribution", type=Path)
    full.add_argument("--wall-s", type=float, help="its wall time, if known")
    full.add_argument("--run-workers", type=int, help="the --workers it ran with")
    full.set_defaults(run=run_instructions_full)
    versus = steps.add_parser("exact-vs-cpu", help="Kendall τ per problem between a cpu and an instructions run")
    versus.add_argument("cpu", type=Path)
    versus.add_argument("instructions", type=Path)
    versus.set_defaults(run=run_exact_vs_cpu)
    figure = steps.add_parser("figure", help="a PNG of a few problems' reference costs")
    figure.add_argument("distributions", nargs="+", type=Path)
    figure.add_argument("--problems", default="two_sum,count_primes,merge_intervals,network_delay_time,"
                                              "longest_palindromic_substring,sliding_window_maximum")
    figure.add_argument("--out", type=Path, default=Path("docs/reference_distributions.png"))
    figure.set_defaults(run=run_figure)
    summary = steps.add_parser("summary", help="markdown tables of everything recorded")
    summary.set_defaults(run=run_summary)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
