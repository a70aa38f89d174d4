"""Environment step overhead: ``env.step`` against a bare ``Sandbox.evaluate`` of the same code.

    .venv/bin/python benchmarks/env_overhead.py                        # 30 rounds per problem
    .venv/bin/python benchmarks/env_overhead.py --rounds 60 --wait-quiet 300

Two problems: a built-in one (``two_sum`` by default) submitted with one of its passing reference
solutions, and a small synthetic one (``add``: three tiny tests, no generated efficiency tests),
where the sandbox's work is smallest and so the environment's share is largest.

Each round times four arms, in an order rotated from round to round so that a change in the
machine's load falls on all of them alike:

``evaluate``          ``sandbox.evaluate(problem, code)`` on a ``Sandbox`` with the env's settings
``evaluate+profile``  the same with ``profile=True``: what the env asks for with ``feedback="rich"``
``step rich``         ``env.step(response)`` on ``gym.make(ENV_ID, feedback="rich")``
``step paper``        ``env.step(response)`` on ``gym.make(ENV_ID, feedback="paper")``

Before each step the env is reset to the problem with ``initial_code="empty"`` (untimed; nothing is
evaluated), so every timed step evaluates, is accepted and renders one feedback. The reference
solutions' costs (measured on an env's first step for a problem and cached) are measured in a
warm-up step that is not timed; the sandboxes' null baselines and prepared tests are warmed up too.

The env's sandbox is instrumented (its ``evaluate`` wrapped in a timer) so that each step splits
into the evaluation it ran and the rest — extracting the code, the reward, the percentile ranks,
rendering the feedback, the observation and info dicts, Gymnasium's wrappers. The parts of that
rest are then timed on their own with ``timeit``.

The issue's target: a step costs at most 10 % more than the bare evaluation of the same code.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

import gymnasium as gym
from tqdm import tqdm

import burner_env
from burner_env import scoring
from burner_env.feedback import render_feedback
from burner_env.machine import cpu_model
from burner_env.parsing import extract_code
from burner_env.problems import Problem, load_suite
from burner_env.sandbox import Sandbox

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "env_overhead.json"
TARGET = 0.10  # at most 10 % over the bare evaluation
BUSY_LOAD = 1.0  # a 1-minute load average above this is flagged next to a figure
ARMS = ("evaluate", "evaluate+profile", "step rich", "step paper")

SMALL_PROBLEM = {
    "id": "add", "title": "Add", "statement": "Return `a + b`.", "io": "function", "entry_point": "solve",
    "tests": [{"args": [1, 2], "expected": 3}, {"args": [-5, 5], "expected": 0},
              {"args": [10**12, 1], "expected": 10**12 + 1}],
    "solutions": [{"label": "plus", "code": "def solve(a, b):\n    return a + b\n"},
                  {"label": "sum", "code": "def solve(a, b):\n    return sum((a, b))\n"}],
}


# --- machine and load -----------------------------------------------------------------------------


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


def process_cpu_s(pid: int) -> float:
    """User+system CPU seconds of a process and of the children it has reaped (/proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def total_cpu_s(sandbox: Sandbox) -> float:
    """CPU of this process (all threads) plus the sandbox's zygotes and their sandboxed children.

    The zygotes' share comes from /proc in clock ticks (10 ms): summed over many calls it is exact
    to a few ticks, so only its mean over a run is reported.
    """
    total = time.process_time()
    for zygote in sandbox._zygotes:  # benchmark-only peek at the zygote processes
        process = zygote._process
        if process is not None and process.poll() is None:
            total += process_cpu_s(process.pid)
    return total


# --- statistics -----------------------------------------------------------------------------------


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (float("nan"),) * 3
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def bootstrap_median_ci(values: list[float], resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """A 95 % percentile-bootstrap interval for the median."""
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(resamples))
    return medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]


def summary(values: list[float]) -> dict:
    q1, q2, q3 = quartiles(values)
    return {"median": q2, "q1": q1, "q3": q3, "n": len(values)}


# --- the measurement ------------------------------------------------------------------------------


def response_for(code: str) -> str:
    return f"Here is a faster version.\n\n<solution>\n```python\n{code.rstrip()}\n```\n</solution>\n"


class TimedSandbox:
    """Wrap a sandbox's ``evaluate`` (benchmark-only) to record how long each call took."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.calls: list[float] = []
        original = sandbox.evaluate

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls.append(time.perf_counter() - started)

        sandbox.evaluate = timed


def make_env(problem: Problem, feedback: str, measure: str, repeats: int):
    env = gym.make(burner_env.ENV_ID, suite=[problem], feedback=feedback, measure=measure, repeats=repeats,
                   max_iterations=1_000_000)
    return env, TimedSandbox(env.unwrapped.sandbox)


def measure_problem(problem: Problem, code: str, args, progress: bool) -> dict:
    response = response_for(code)
    assert extract_code(response).strip() == code.strip()
    sandbox = Sandbox(measure=args.measure, repeats=args.repeats)
    envs = {"step rich": make_env(problem, "rich", args.measure, args.repeats),
            "step paper": make_env(problem, "paper", args.measure, args.repeats)}
    try:
        # Warm-up: null baselines, prepared (generated) tests, and the references' costs (first step).
        warmup_s = {}
        for profile in (False, True):
            for _ in range(args.warmup):
                evaluation = sandbox.evaluate(problem, code, profile=profile)
                if not evaluation.passed:
                    raise SystemExit(f"{problem.id}: the code does not pass: {evaluation.verdict} "
                                     f"{evaluation.message}")
        for name, (env, _) in envs.items():
            env.reset(seed=0, options={"problem_id": problem.id, "initial_code": "empty"})
            started = time.perf_counter()
            env.step(response)  # measures the reference solutions
            warmup_s[name] = time.perf_counter() - started
            for _ in range(args.warmup - 1):
                env.reset(options={"problem_id": problem.id})
                env.step(response)

        wall = {arm: [] for arm in ARMS}
        parent_cpu = {arm: [] for arm in ARMS}
        all_cpu = {arm: [] for arm in ARMS}
        inner_eval = {arm: [] for arm in ARMS if arm.startswith("step")}
        loads = []
        last_info = {}
        for round_ in tqdm(range(args.rounds), desc=f"{problem.id}", disable=not progress, leave=False):
            loads.append(load1())
            order = ARMS[round_ % len(ARMS):] + ARMS[: round_ % len(ARMS)]
            for arm in order:
                if arm.startswith("step"):
                    env, timer = envs[arm]
                    env.reset(options={"problem_id": problem.id})
                    timer.calls.clear()
                    all0, cpu0, t0 = total_cpu_s(env.unwrapped.sandbox), time.process_time(), time.perf_counter()
                    _, _, _, _, info = env.step(response)
                    t1, cpu1 = time.perf_counter(), time.process_time()
                    all1 = total_cpu_s(env.unwrapped.sandbox)
                    if info["verdict"] != "accepted" or len(timer.calls) != 1:
                        raise SystemExit(f"{arm}: unexpected step: {info['verdict']}, "
                                         f"{len(timer.calls)} evaluations")
                    inner_eval[arm].append(timer.calls[0])
                    last_info[arm] = info
                else:
                    all0, cpu0, t0 = total_cpu_s(sandbox), time.process_time(), time.perf_counter()
                    evaluation = sandbox.evaluate(problem, code, profile=arm == "evaluate+profile")
                    t1, cpu1 = time.perf_counter(), time.process_time()
                    all1 = total_cpu_s(sandbox)
                    if not evaluation.passed:
                        raise SystemExit(f"{arm}: the evaluation failed: {evaluation.verdict}")
                wall[arm].append(t1 - t0)
                parent_cpu[arm].append(cpu1 - cpu0)
                all_cpu[arm].append(all1 - all0)
        loads.append(load1())

        base = wall["evaluate"]
        result = {
            "problem": problem.id, "tests": len(problem.tests), "efficiency_tests": bool(problem.efficiency),
            "reference_solutions": len(problem.solutions), "rounds": args.rounds,
            "first_step_s": warmup_s,
            "load_1min": {"min": min(loads), "max": max(loads), "median": statistics.median(loads)},
            "wall_s": {arm: summary(v) for arm, v in wall.items()},
            "parent_cpu_s": {arm: summary(v) for arm, v in parent_cpu.items()},
            "total_cpu_mean_s": {arm: statistics.fmean(v) for arm, v in all_cpu.items()},
            "ratios": {}, "step_minus_inner_evaluate_s": {},
            "raw": {"wall_s": wall, "parent_cpu_s": parent_cpu, "total_cpu_s": all_cpu,
                    "inner_evaluate_s": inner_eval, "load_1min": loads},
        }
        for arm in ARMS[1:]:
            paired = [b / a for a, b in zip(base, wall[arm])]
            low, high = bootstrap_median_ci(paired)
            result["ratios"][f"{arm} / evaluate"] = {
                "median_of_paired": statistics.median(paired), "ci95": [low, high],
                "of_medians": statistics.median(wall[arm]) / statistics.median(base)}
        paired = [b / a for a, b in zip(wall["evaluate+profile"], wall["step rich"])]
        low, high = bootstrap_median_ci(paired)
        result["ratios"]["step rich / evaluate+profile"] = {
            "median_of_paired": statistics.median(paired), "ci95": [low, high],
            "of_medians": statistics.median(wall["step rich"]) / statistics.median(wall["evaluate+profile"])}
        for arm, inner in inner_eval.items():
            result["step_minus_inner_evaluate_s"][arm] = summary([s - e for s, e in zip(wall[arm], inner)])
        result["profile_only"] = profile_cost(problem, code, args, progress)
        result["overhead"] = decompose(result, wall, all_cpu)
        result["components_us"] = component_costs(envs, problem, code, response, args.micro_seconds)
        return result
    finally:
        sandbox.close()
        for env, _ in envs.values():
            env.close()


def profile_cost(problem: Problem, code: str, args, progress: bool) -> dict:
    """What ``profile=True`` adds, alone: the correctness run (``measure="none"``) with and without it.

    The profiled run replaces the plain correctness run (it is not an extra run), so this difference
    is all that rich feedback asks of the sandbox; it is small enough to drown in the noise of a
    full evaluation, hence measured on its own, paired and alternated.
    """
    sandbox = Sandbox(measure="none")
    try:
        for profile in (False, True) * args.warmup:
            sandbox.evaluate(problem, code, profile=profile)
        plain, profiled = [], []
        for round_ in tqdm(range(2 * args.rounds), desc=f"{problem.id} profile", disable=not progress,
                           leave=False):
            for profile in ((False, True) if round_ % 2 == 0 else (True, False)):
                started = time.perf_counter()
                evaluation = sandbox.evaluate(problem, code, profile=profile)
                (profiled if profile else plain).append(time.perf_counter() - started)
                if not evaluation.passed or (profile and not evaluation.hotspots):
                    raise SystemExit(f"{problem.id}: the correctness run failed or gave no profile")
    finally:
        sandbox.close()
    differences = [b - a for a, b in zip(plain, profiled)]
    low, high = bootstrap_median_ci(differences)
    return {"correctness_run_s": summary(plain), "profiled_correctness_run_s": summary(profiled),
            "difference_s": {"median": statistics.median(differences), "ci95": [low, high]},
            "raw": {"plain_s": plain, "profiled_s": profiled}}


def component_costs(envs: dict, problem: Problem, code: str, response: str, seconds: float) -> dict:
    """What a step does besides evaluating, each part timed alone (microseconds per call)."""
    out = {}
    for arm, (env, _) in envs.items():
        base = env.unwrapped
        base.reset(options={"problem_id": problem.id})
        evaluation = base.sandbox.evaluate(problem, code, profile=base.feedback_style == "rich")
        candidate = scoring.Attempt(code, evaluation)
        percentiles = base._percentiles(candidate)
        reward_input = base._reward_input(response, candidate)
        accepted_state = (candidate, None)
        rejected_state = (candidate, candidate)

        def observation(state, base=base):
            base._current, base._last_rejected = state
            return base._observation()

        parts = {
            "extract_code": lambda: extract_code(response),
            "reward (inputs + function)": lambda base=base, candidate=candidate: base.reward_fn(
                base._reward_input(response, candidate)),
            "percentile ranks (3 metrics)": lambda base=base, candidate=candidate: base._percentiles(candidate),
            "render_feedback": lambda base=base, evaluation=evaluation, percentiles=percentiles: render_feedback(
                evaluation, problem, style=base.feedback_style, percentiles=percentiles),
            "observation (accepted step)": lambda state=accepted_state: observation(state),
            "observation (rejected step: 2 feedbacks)": lambda state=rejected_state: observation(state),
            "info dict": lambda base=base, candidate=candidate, reward_input=reward_input: base._info(
                candidate, accepted=True, reward_input=reward_input),
        }
        out[arm] = {name: time_call(fn, seconds) for name, fn in parts.items()}
        base._current, base._last_rejected = accepted_state
    return out


def time_call(fn, seconds: float) -> float:
    timer = timeit.Timer(fn)
    number, elapsed = timer.autorange()
    repeats = max(3, int(seconds / max(elapsed, 1e-9)))
    return min(timer.repeat(repeat=min(repeats, 20), number=number)) / number * 1e6


def decompose(result: dict, wall: dict, all_cpu: dict) -> dict:
    """The overhead over a bare evaluate, as fractions of its median wall time.

    Decomposition: the env's own work (each step minus the evaluate inside it, paired, so load
    largely cancels) plus, for rich feedback, the profiling cost measured alone (correctness run with
    and without ``profile=True``). The verdict uses the upper end of that cost's 95 % interval.
    Direct: step and evaluate timed side by side; under load its interval is wide.
    """
    base = statistics.median(wall["evaluate"])
    profile = result["profile_only"]["difference_s"]
    cpu = {arm: statistics.fmean(v) for arm, v in all_cpu.items()}
    profile_full = statistics.median(p - e for e, p in zip(wall["evaluate"], wall["evaluate+profile"]))
    out = {"evaluate_median_s": base,
           "profile_alone": profile["median"] / base, "profile_alone_ci95": [v / base for v in profile["ci95"]],
           "profile_in_full_evaluate_wall": profile_full / base,
           "profile_in_full_evaluate_cpu": (cpu["evaluate+profile"] - cpu["evaluate"]) / cpu["evaluate"]}
    for arm, style in (("step rich", "rich"), ("step paper", "paper")):
        own = result["step_minus_inner_evaluate_s"][arm]["median"] / base
        out[f"{style}_env_own"] = own
        extra = (out["profile_alone"], out["profile_alone_ci95"][1]) if style == "rich" else (0.0, 0.0)
        out[f"{style}_decomposed"] = own + extra[0]
        out[f"{style}_decomposed_upper"] = own + extra[1]
        out[f"{style}_direct"] = result["ratios"][f"{arm} / evaluate"]["of_medians"] - 1
        out[f"{style}_direct_paired_ci95"] = [r - 1 for r in result["ratios"][f"{arm} / evaluate"]["ci95"]]
        out[f"{style}_cpu"] = (cpu[arm] - cpu["evaluate"]) / cpu["evaluate"]
        out[f"{style}_pass"] = out[f"{style}_decomposed_upper"] <= TARGET
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f}"


def pct(fraction: float) -> str:
    return f"{100 * fraction:+.1f} %"


def report(results: list[dict], info: dict) -> str:
    lines = [f"Machine: {info['nproc']} cores ({info['cpu_model']}), Python {info['python']}, "
             f"gymnasium {info['gymnasium']}", ""]
    header = (f"{'problem':<8} {'arm':<17} {'wall median ms':>14} {'IQR ms':>15} {'/evaluate':>9} "
              f"{'paired 95% CI':>13} {'parent CPU ms':>13} {'all CPU ms':>10}  load (1 min)")
    for result in results:
        lines += [header, "-" * len(header)]
        load = load_note(result["load_1min"]["max"])
        for arm in ARMS:
            wall = result["wall_s"][arm]
            ratio = result["ratios"].get(f"{arm} / evaluate")
            ratio_text = (f"{ratio['of_medians']:>9.3f} {ratio['ci95'][0]:>6.3f}-{ratio['ci95'][1]:<6.3f}"
                          if ratio else f"{1:>9.3f} {'':>13}")
            lines.append(f"{result['problem']:<8} {arm:<17} {ms(wall['median']):>14} "
                         f"{ms(wall['q1']) + '-' + ms(wall['q3']):>15} {ratio_text} "
                         f"{ms(result['parent_cpu_s'][arm]['median']):>13} "
                         f"{ms(result['total_cpu_mean_s'][arm]):>10}  {load}")
        o, own = result["overhead"], result["step_minus_inner_evaluate_s"]
        lines.append(f"  env's own work per step (step minus the evaluate inside it): rich "
                     f"{ms(own['step rich']['median'])} ms ({pct(o['rich_env_own'])}), "
                     f"paper {ms(own['step paper']['median'])} ms ({pct(o['paper_env_own'])})")
        alone = result["profile_only"]
        plain, profiled = alone["correctness_run_s"]["median"], alone["profiled_correctness_run_s"]["median"]
        difference = alone["difference_s"]
        lines.append(f"  profile=True alone (correctness run, measure='none'): {ms(plain)} -> {ms(profiled)} ms, "
                     f"+{ms(difference['median'])} ms paired (95% CI {ms(difference['ci95'][0])} .. "
                     f"{ms(difference['ci95'][1])}) = {pct(o['profile_alone'])} of an evaluate")
        lines.append(f"  profile=True inside a full evaluate: wall {pct(o['profile_in_full_evaluate_wall'])} (paired), "
                     f"all CPU {pct(o['profile_in_full_evaluate_cpu'])} (means)")
        for style in ("rich", "paper"):
            lines.append(f"  {style:<5} overhead (target <= +{TARGET:.0%}): {pct(o[f'{style}_decomposed'])} by "
                         f"decomposition (at most {pct(o[f'{style}_decomposed_upper'])}) -> "
                         f"{'pass' if o[f'{style}_pass'] else 'FAIL'}; direct: wall "
                         f"{pct(o[f'{style}_direct'])} (paired 95% CI {pct(o[f'{style}_direct_paired_ci95'][0])}"
                         f" .. {pct(o[f'{style}_direct_paired_ci95'][1])}), all CPU {pct(o[f'{style}_cpu'])}")
        lines.append("  first step (references measured, not counted): " + ", ".join(
            f"{arm} {v:.2f} s" for arm, v in result["first_step_s"].items()))
        lines.append("  parts of a step, timed alone (us per call):")
        for arm, parts in result["components_us"].items():
            lines.append(f"    {arm}: " + ", ".join(f"{name} {value:.1f}" for name, value in parts.items()))
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problem", default="two_sum", help="built-in problem id (default: two_sum)")
    parser.add_argument("--solution", default=None,
                        help="label of its reference solution to submit (default: the first)")
    parser.add_argument("--no-small", action="store_true", help="skip the small synthetic problem")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of the four arms per problem (30)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed calls per arm first (2)")
    parser.add_argument("--measure", default="cpu", choices=("cpu", "none", "instructions"),
                        help="the env's and the sandbox's measure (cpu, the env's default)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measured test (3, the env's default)")
    parser.add_argument("--micro-seconds", type=float, default=0.3,
                        help="time budget per part when timing a step's parts alone (0.3)")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help=f"wait up to SECONDS for the 1-minute load to drop under {BUSY_LOAD} first")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON results ({RESULTS.relative_to(REPO)})")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON results")
    args = parser.parse_args(argv)

    builtin = {p.id: p for p in load_suite("builtin")}
    if args.problem not in builtin:
        parser.error(f"no built-in problem {args.problem!r}")
    problem = builtin[args.problem]
    solution = problem.solution(args.solution) if args.solution else problem.solutions[0]
    cases = [(problem, solution.code, solution.label)]
    if not args.no_small:
        small = Problem.from_dict(SMALL_PROBLEM)
        cases.append((small, small.solutions[0].code, small.solutions[0].label))

    info = machine()
    results = []
    for problem_, code, label in cases:
        load_before = wait_for_quiet(args.wait_quiet, BUSY_LOAD) if args.wait_quiet else load1()
        result = measure_problem(problem_, code, args, progress=not args.no_progress)
        result.update(solution=label, load_before=load_before)
        results.append(result)
    print(report(results, info))
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        data = {"benchmark": "env_overhead", "command": " ".join([".venv/bin/python", *sys.argv]),
                "target": f"step <= (1 + {TARGET}) x evaluate", "machine": info,
                "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": results}
        args.output.write_text(json.dumps(data, indent=1) + "\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
