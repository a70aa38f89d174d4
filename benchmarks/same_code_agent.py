"""The winner's curse: the IOF curve of an agent that never changes its code, and the acceptance rule's
error rates (docs/REWARDS.md, "Acceptance rule"; issue 10, item 2).

    .venv/bin/python benchmarks/same_code_agent.py                 # the figures of docs/BENCHMARKS.md
    .venv/bin/python benchmarks/same_code_agent.py --problems 3 --iterations 2 --renamed-iterations 2 \\
        --instructions-problems 1 --instructions-iterations 1 --no-write   # a smoke run

Series (every one on the built-in suite, ``initial_code="empty"``, the env's default repeats):

* ``cpu/identical``: :class:`agents.iof.SameCodeAgent` submits a seeded reference solution at iteration 0
  and the same text at every later iteration. Required: at most 2 % of the resubmissions accepted, and
  Beyond-T at every iteration within ±0.01 of iteration 0, on at least 20 problems.
* ``cpu/renamed``: the same, but each resubmission has the variables of its functions renamed (the same
  program, another syntax tree), so it goes through the measured part of the rule: its acceptances are
  false accepts of the noise margin.
* ``cpu/rewrite``: the true-accept rate on a real rewrite: from each problem's slowest-but-one reference
  (by ``time_class``), one step submitting its fastest, ``--rewrite-trials`` times.
* ``instructions/identical``: as ``cpu/identical`` on fewer problems (a callgrind evaluation takes ~10 s).
  Required: no resubmission accepted.
* ``cpu/noise`` (with ``--noise-evaluations N``): how the margin was chosen. Each problem's fastest and
  slowest-but-one reference evaluated N times back to back; then the rule itself
  (``burner_env.scoring.is_improvement``) is run on readings drawn from those, for several margins and
  numbers of pairs, on the same code (false accepts) and on the code with its readings scaled by 0.8,
  0.67 and 0.5 (a real 1.25x, 1.5x, 2x gain: true accepts). Draws ignore the order of the readings, so
  they do not credit the interleaving, which cancels drift: the real rule does at least as well.

Writes ``benchmarks/results/same_code_agent.json`` (per series and iteration: pass@1, Beyond-T/M/I, B %,
acceptance rate, the acceptance reasons, the load average and other processes' cores) and the curves to
``docs/same_code_agent.png``. Run it on an idle machine: the false-accept rate of ``cpu/renamed`` grows
with the measurement noise that other processes cause.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _sandbox_common import REPO, Contention, load1, machine, machine_line, table, wait_for_quiet, write_results

from agents import iof
from burner_env import scoring
from burner_env.env import CodeEfficiencyEnv
from burner_env.problems import Problem, load_suite
from burner_env.sandbox import Cost, Evaluation, Sandbox
from burner_env.scoring import Attempt, is_improvement

FIGURE = REPO / "docs" / "same_code_agent.png"
MAX_ACCEPTED_CPU = 0.02
MAX_BEYOND_T_DRIFT = 0.01
MARGINS = (0.1, 0.15, 0.2, 0.25, 0.3)
PAIRS = (3, 4)
SPEEDUPS = (1.0, 0.8, 0.67, 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problems", type=int, default=24, help="built-in problems of the cpu series "
                        "(the first N by id; default 24)")
    parser.add_argument("--iterations", type=int, default=5, help="resubmissions after iteration 0 (default 5)")
    parser.add_argument("--renamed-iterations", type=int, default=10,
                        help="resubmissions of the renamed series (default 10: more trials of a small rate)")
    parser.add_argument("--instructions-problems", type=int, default=5,
                        help="problems of the instructions series (default 5; 0 skips it)")
    parser.add_argument("--instructions-iterations", type=int, default=5)
    parser.add_argument("--rewrite-trials", type=int, default=2, help="rewrite steps per problem (default 2)")
    parser.add_argument("--repeats", type=int, default=3, help="the env's repeats (default 3, its default)")
    parser.add_argument("--workers", type=int, default=1,
                        help="evaluations at once (default 1: parallel runs disturb each other's readings)")
    parser.add_argument("--noise-evaluations", type=int, default=0, metavar="N",
                        help="add the cpu/noise series: N evaluations per code (10 chose the margin; default 0)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the reference each problem starts from")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each series, wait up to SECONDS for a quiet machine")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON or the figure")
    args = parser.parse_args(argv)

    suite = sorted((p for p in load_suite("builtin") if len(p.solutions) >= 2), key=lambda p: p.id)
    cpu_problems = suite[: args.problems]
    instructions_problems = suite[: args.instructions_problems]
    info = machine()
    print(machine_line(info))
    series: dict[str, dict] = {}
    common = {"repeats": args.repeats, "workers": args.workers, "seed": args.seed,
              "wait_quiet": args.wait_quiet}
    if cpu_problems:
        series["cpu/identical"] = run_iof(cpu_problems, "cpu", "identical", args.iterations, **common)
        series["cpu/renamed"] = run_iof(cpu_problems, "cpu", "renamed", args.renamed_iterations, **common)
        series["cpu/rewrite"] = run_rewrites(cpu_problems, args.rewrite_trials, args.repeats, args.wait_quiet)
    if cpu_problems and args.noise_evaluations:
        series["cpu/noise"] = run_noise(cpu_problems, args.noise_evaluations, args.repeats, args.seed,
                                        args.wait_quiet)
    if instructions_problems:
        series["instructions/identical"] = run_iof(instructions_problems, "instructions", "identical",
                                                   args.instructions_iterations, **common)
    checks = verdicts(series)
    report(series, checks)
    if not args.no_write:
        # --problems 0 runs the instructions series alone, into files of its own.
        suffix = "" if cpu_problems else "_instructions"
        figure = FIGURE.with_name(f"{FIGURE.stem}{suffix}.png")
        path = write_results(f"same_code_agent{suffix}", {"machine": info, "settings": vars(args),
                                                          "series": series, "checks": checks})
        plot(series, figure)
        print(f"wrote {path.relative_to(REPO)} and {figure.relative_to(REPO)}")
    return 0 if all(check["pass"] for check in checks) else 1


def run_iof(problems: list[Problem], measure: str, variant: str, iterations: int, repeats: int, workers: int,
            seed: int, wait_quiet: float) -> dict:
    """One IOF run of the same-code agent; per-iteration figures and the acceptance rule's reasons."""
    firsts = {f"# {p.title}\n": random.Random(f"{seed}:{p.id}").choice(p.solutions).code for p in problems}
    agent = iof.SameCodeAgent(lambda obs: next(code for head, code in firsts.items()
                                               if obs["problem"].startswith(head)), variant=variant)
    name = f"{measure}/{variant}"
    load_before = wait_for_quiet(wait_quiet) if wait_quiet else load1()
    contention = Contention()
    with tempfile.TemporaryDirectory() as scratch:
        attempts = Path(scratch) / "attempts.jsonl"
        report = iof.run(agent, {"suite": "builtin", "measure": measure, "repeats": repeats},
                         problems=[p.id for p in problems], iterations=iterations, workers=workers,
                         attempts_path=attempts, seed=seed,
                         on_iteration=lambda stats: print(f"  {name} {iof.format_row(stats)}", flush=True))
        records = [json.loads(line) for line in attempts.read_text().splitlines()]
    rows = []
    for stats in report.iterations:
        ours = [r for r in records if r["iteration"] == stats.iteration]
        reasons = Counter(r["acceptance"] for r in ours)
        failures = Counter(r["verdict"] for r in ours if r["verdict"] != "accepted")
        rows.append({"iteration": stats.iteration, "pass_at_1": stats.pass_at_1.value,
                     "beyond_t": stats.beyond_t.value, "beyond_m": stats.beyond_m.value,
                     "beyond_i": stats.beyond_i.value, "b_share": stats.shares["better_than_all"],
                     "accepted": stats.accepted, "reasons": dict(reasons), "failures": dict(failures),
                     "seconds": round(stats.seconds, 1)})
    resubmissions = [r for r in records if r["iteration"] > 0]
    return {"kind": "iof", "measure": measure, "variant": variant, "problems": report.problems,
            "iterations": rows, "resubmissions": len(resubmissions),
            "resubmissions_accepted": sum(r["accepted"] for r in resubmissions),
            "load_before": load_before, "load_after": load1(), "others_cores": contention.others_cores(),
            "seconds": round(report.seconds, 1)}


def run_rewrites(problems: list[Problem], trials: int, repeats: int, wait_quiet: float) -> dict:
    """From the slowest-but-one reference, one step submitting the fastest: how often is it kept?"""
    load_before = wait_for_quiet(wait_quiet) if wait_quiet else load1()
    contention = Contention()
    started = time.perf_counter()
    env = CodeEfficiencyEnv(suite="builtin", problem_ids=[p.id for p in problems], max_iterations=1,
                            repeats=repeats)
    outcomes = []
    try:
        for problem in problems:
            by_time = sorted(problem.solutions, key=lambda s: s.time_class or 0)
            slower, fastest = by_time[-2].code, by_time[0].code
            for _ in range(trials):
                env.reset(options={"problem_id": problem.id, "initial_code": slower})
                _, _, _, _, step = env.step(f"<solution>\n```python\n{fastest}\n```\n</solution>")
                outcomes.append({"problem": problem.id, "accepted": step["accepted"],
                                 "reason": step["acceptance"]["reason"],
                                 "candidate": step["acceptance"]["candidate"],
                                 "incumbent": step["acceptance"]["incumbent"]})
                print(f"  cpu/rewrite {problem.id}: {step['acceptance']['reason']}", flush=True)
    finally:
        env.close()
    return {"kind": "rewrite", "measure": "cpu", "trials": len(outcomes),
            "accepted": sum(o["accepted"] for o in outcomes), "reasons": dict(Counter(o["reason"] for o in outcomes)),
            "outcomes": outcomes, "load_before": load_before, "load_after": load1(),
            "others_cores": contention.others_cores(), "seconds": round(time.perf_counter() - started, 1)}


def run_noise(problems: list[Problem], evaluations: int, repeats: int, seed: int, wait_quiet: float) -> dict:
    """Same-code readings back to back, and the rule's false and true accept rates drawn from them."""
    load_before = wait_for_quiet(wait_quiet) if wait_quiet else load1()
    contention = Contention()
    readings = []
    with Sandbox(repeats=repeats) as sandbox:
        for problem in problems:
            by_time = sorted(problem.solutions, key=lambda s: s.time_class or 0)
            for label, solution in (("fastest", by_time[0]), ("slowest_but_one", by_time[-2])):
                times = [e.cost.cpu_ms for e in (sandbox.evaluate(problem, solution.code) for _ in range(evaluations))
                         if e.passed and e.cost is not None]
                readings.append({"problem": problem.id, "code": label, "cpu_ms": times})
                print(f"  cpu/noise {problem.id} {label}: max/min {max(times) / max(min(times), 1e-9):.2f}",
                      flush=True)
    usable = [r["cpu_ms"] for r in readings if len(r["cpu_ms"]) >= 2 + 2 * max(PAIRS)]
    ratios = [b / a for times in usable for a, b in zip(times[::2], times[1::2]) if a > 0]
    rng = random.Random(seed)
    rates = [{"pairs": pairs, "margin": margin, "speedup": speedup, "accepted": simulate(usable, pairs, margin,
                                                                                       speedup, rng)}
             for pairs in PAIRS for margin in MARGINS for speedup in SPEEDUPS]
    return {"kind": "noise", "measure": "cpu", "evaluations": evaluations, "readings": readings,
            "adjacent_ratio_quantiles": {q: sorted(ratios)[int(q * (len(ratios) - 1))] for q in (0.01, 0.05, 0.5)},
            "adjacent_log_ratio_sd": statistics.pstdev([math.log(r) for r in ratios]),
            "rates": rates, "load_before": load_before, "load_after": load1(),
            "others_cores": contention.others_cores()}


def simulate(series: list[list[float]], pairs: int, margin: float, speedup: float, rng: random.Random,
             draws: int = 300) -> float:
    """Share of draws the rule keeps a candidate whose readings are ``speedup`` times one code's readings
    against that same code: each draw takes 2 + 2 * pairs of its readings at random."""
    saved = scoring.ACCEPT_MARGIN
    scoring.ACCEPT_MARGIN = margin  # the rule reads its margin at call time
    kept = total = 0
    try:
        for times in series:
            for _ in range(draws):
                drawn = rng.sample(times, 2 + 2 * pairs)
                incumbent = _reading_attempt("x = 1", drawn[0])
                candidate = _reading_attempt("x = 2", drawn[1] * speedup)
                remeasured = ([t * speedup for t in drawn[3::2]], drawn[2::2])
                kept += is_improvement(candidate, incumbent, "time", lambda drawn=remeasured: drawn).accepted
                total += 1
    finally:
        scoring.ACCEPT_MARGIN = saved
    return kept / total


def _reading_attempt(code: str, cpu_ms: float) -> Attempt:
    return Attempt(code, Evaluation("noise", "accepted", cost=Cost(mode="cpu", cpu_ms=cpu_ms)))


def verdicts(series: dict[str, dict]) -> list[dict]:
    """The requirements of issue 10, item 2, checked on the figures."""
    checks = []
    for name, data in series.items():
        if data["kind"] == "noise":
            continue
        if data["kind"] == "rewrite":
            rate = data["accepted"] / max(data["trials"], 1)
            checks.append({"series": name, "check": "real rewrite accepted", "value": rate, "pass": rate > 0.9})
            continue
        rate = data["resubmissions_accepted"] / max(data["resubmissions"], 1)
        drift = max(abs(row["beyond_t"] - data["iterations"][0]["beyond_t"]) for row in data["iterations"])
        if data["variant"] == "identical":
            limit = MAX_ACCEPTED_CPU if data["measure"] == "cpu" else 0.0
            checks.append({"series": name, "check": f"identical code accepted <= {limit:.0%}", "value": rate,
                           "pass": rate <= limit})
            checks.append({"series": name, "check": f"Beyond-T drift <= {MAX_BEYOND_T_DRIFT}", "value": drift,
                           "pass": drift <= MAX_BEYOND_T_DRIFT})
        else:
            checks.append({"series": name, "check": f"renamed code accepted <= {MAX_ACCEPTED_CPU:.0%}",
                           "value": rate, "pass": rate <= MAX_ACCEPTED_CPU})
    return checks


def report(series: dict[str, dict], checks: list[dict]) -> None:
    for name, data in series.items():
        if data["kind"] == "noise":
            grid = {(r["pairs"], r["margin"]): {} for r in data["rates"]}
            for r in data["rates"]:
                grid[r["pairs"], r["margin"]][r["speedup"]] = r["accepted"]
            print()
            print(table(["pairs", "margin", *(f"x{s}" for s in SPEEDUPS)],
                        [(k, m, *(f"{100 * row[s]:.2f}%" for s in SPEEDUPS)) for (k, m), row in grid.items()],
                        title=f"{name}: accepted share (x1.0: same code; false accepts), sd of log ratio "
                              f"{data['adjacent_log_ratio_sd']:.3f}, load {data['load_before']:.2f} -> "
                              f"{data['load_after']:.2f}, others' cores {data['others_cores']:.2f}"))
            continue
        if data["kind"] == "rewrite":
            print(f"\n{name}: {data['accepted']}/{data['trials']} accepted {data['reasons']} "
                  f"(load {data['load_before']:.2f} -> {data['load_after']:.2f}, others {data['others_cores']:.2f})")
            continue
        rows = [(r["iteration"], r["pass_at_1"], r["beyond_t"], r["beyond_m"], r["beyond_i"],
                 f"{100 * r['b_share']:.0f}%", f"{100 * r['accepted']:.0f}%",
                 " ".join(f"{k}:{v}" for k, v in sorted({**r["reasons"], **r["failures"]}.items())))
                for r in data["iterations"]]
        print()
        print(table(["iter", "pass@1", "Beyond-T", "Beyond-M", "Beyond-I", "B", "accepted", "reasons, failures"], rows,
                    title=f"{name}: {len(data['problems'])} problems, load {data['load_before']:.2f} -> "
                          f"{data['load_after']:.2f}, others' cores {data['others_cores']:.2f}"))
    print()
    print(table(["series", "check", "value", "result"],
                [(c["series"], c["check"], round(c["value"], 4), "pass" if c["pass"] else "FAIL") for c in checks]))


def plot(series: dict[str, dict], path: Path) -> None:
    """Beyond-T/M/I, B share and acceptance rate per iteration, one line per IOF series."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("beyond_t", "Beyond-T"), ("beyond_m", "Beyond-M"), ("beyond_i", "Beyond-I"),
              ("b_share", "B (better than all)"), ("accepted", "resubmissions accepted")]
    figure, axes = plt.subplots(1, len(panels), figsize=(3.3 * len(panels), 3.2), sharey=True)
    for name, data in series.items():
        if data["kind"] != "iof":
            continue
        rows = data["iterations"]
        for axis, (key, label) in zip(axes, panels):
            shown = rows[1:] if key == "accepted" else rows  # iteration 0 is the first pass: always kept
            axis.plot([r["iteration"] for r in shown], [r[key] for r in shown], marker="o",
                      label=f"{name} ({len(data['problems'])})")
            axis.set_title(label)
            axis.set_xlabel("IOF iteration")
    axes[0].set_ylim(-0.02, 1.02)
    axes[0].legend(fontsize="small")
    figure.suptitle("Same-code agent: resubmitting its code must not move the curve")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


if __name__ == "__main__":
    sys.exit(main())
