"""Ray executor backend: throughput against the local pool, overhead per evaluation, and a cluster simulation.

    .venv/bin/python benchmarks/ray_backend.py                 # about 10 minutes on 2 cores
    .venv/bin/python benchmarks/ray_backend.py --trials 2 --problems 5
    .venv/bin/python benchmarks/ray_backend.py --batching-only     # part 4 and its simulation, ~2 minutes

1. Throughput. The work is every reference solution of ``--problems`` built-in problems (every k-th
   problem of the sorted suite), judged by the local pool (``workers`` 1 and 2) and by the Ray backend
   (1 and 2 actors), with ``measure="none"`` and ``measure="cpu", repeats=1``. Each sandbox first runs the
   work once (zygotes, prepared tests, generated efficiency inputs, null baseline); trials then alternate
   between the four sandboxes so that a change in load falls on all. Figures are medians over trials.
   Ray is started with 6 logical CPUs so that the 1- and 2-actor pools can coexist; only the pool being
   timed does work. Besides wall-clock rates: CPU time per evaluation of every process involved (driver,
   Ray's daemons and actors, zygotes, sandboxed children), which other load disturbs much less.
2. Overhead. ``evaluate()`` one at a time on a 1-test problem (``measure="none"``) through the local pool
   (1 worker) and through Ray (1 actor), in alternating blocks: the difference of the medians is the cost
   of going through Ray (task submission, pickling the problem and the Evaluation, the actor's thread),
   in wall-clock time and in CPU time of every process involved (the steadier figure on a busy machine).
   The driver's own CPU time per Ray evaluation is recorded too (it bounds how fast one driver dispatches).
3. Simulation. A GRPO batch of 1,024 completions x 20 tests, on 1-16 nodes of ``--cores-per-node`` cores
   (one actor per core), by list scheduling: each completion goes to the first idle actor, tasks leave
   the driver no faster than its measured dispatch cost (driver CPU per Ray evaluation), and each costs its
   service time plus the Ray overhead (the largest of part 2's wall, CPU and no-op-call figures).
   Service time of a completion = a + 20 x (b + w), where a and b are the
   harness's fixed and per-test costs fitted on 1- and 20-test problems (``measure="cpu"``, repeats 1) and
   w is the submission's own work per test: 0 for *light* tests (harness-bound, like small unit tests), or
   drawn from the built-in reference evaluations of part 1 for *built-in* tests (large efficiency inputs).
   A share of completions (0 or 5 %) instead hit the time limit (measured wall of a busy loop). Monte Carlo
   over ``--draws`` batches; medians and 95th percentiles.
4. Batching. ``evaluate_many`` of 1-test problems (``measure="none"``, 2 actors) with one evaluation per Ray
   task and with 16, in alternating blocks: the driver's CPU per evaluation, which is what caps one driver.
   The light-test simulations of part 3 are then re-run with ``evaluate_many``'s default batches, each task
   costing the driver the CPU interpolated between the two measured sizes. ``--batching-only`` runs this
   part alone and takes part 3's other inputs from the last full run's JSON.

Every figure is stored with the machine and the 1-minute load average around it: other processes on a
small machine move these numbers more than anything measured here.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ray

from burner_env.machine import cpu_model
from burner_env.problems import Limits, Problem, load_suite
from burner_env.sandbox import Sandbox

RESULTS = Path(__file__).resolve().parent / "results" / "ray_backend.json"
BATCHING = RESULTS.with_name("ray_batching.json")
LIMITS = Limits(time_s=1.0, memory_mb=256)
BUSY_LOAD = 0.5
ADD_CODE = "def solve(a, b):\n    return a + b\n"
BUSY_LOOP = "def solve(a, b):\n    while True:\n        pass\n"
CONFIGS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2))


# --- the machine ------------------------------------------------------------------------------------


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def machine() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent).stdout.strip()
    return {"cores": len(os.sched_getaffinity(0)), "cpu_model": cpu_model(), "python": platform.python_version(),
            "kernel": platform.release(), "ray": ray.__version__, "git_commit": commit,
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def process_cpu_s() -> float:
    """User + system CPU seconds of this process (all threads), not of its children."""
    times = os.times()
    return times.user + times.system


def tree_cpu_s(root: int | None = None) -> float:
    """CPU seconds of a process tree: every live process under ``root`` (default: this one) and what its
    members reaped. Ray's daemons and actors, the zygotes and their children all descend from the driver
    when it started Ray itself, so this counts every process either backend uses."""
    total, stack = 0.0, [root or os.getpid()]
    ticks = os.sysconf("SC_CLK_TCK")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / ticks  # utime, stime, cutime, cstime
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue  # it exited while we looked: its time moved to its parent's cutime
    return total


def busy(load: float) -> str:
    return f"{load:.2f}" + (" (busy)" if load > BUSY_LOAD else "")


def add_problem(tests: int) -> Problem:
    return Problem.from_dict({
        "id": f"add-{tests}", "statement": "Return a + b.", "io": "function", "entry_point": "solve",
        "tests": [{"args": [i, 2 * i + 1], "expected": 3 * i + 1} for i in range(tests)],
    })


# --- 1. throughput ----------------------------------------------------------------------------------


def reference_work(problem_count: int) -> list[tuple[Problem, str]]:
    problems = load_suite("builtin")
    step = max(len(problems) // problem_count, 1)
    return [(problem, solution.code) for problem in problems[::step][:problem_count]
            for solution in problem.solutions]


def throughput(work: list[tuple[Problem, str]], measure: str, trials: int) -> dict:
    sandboxes = {(backend, workers): Sandbox(limits=LIMITS, measure=measure, repeats=1, workers=workers,
                                             backend=backend) for backend, workers in CONFIGS}
    runs: dict[tuple, list[dict]] = {config: [] for config in CONFIGS}
    warm: dict[tuple, list] = {}
    try:
        for config, sandbox in sandboxes.items():
            warm[config] = sandbox.evaluate_many(work)
        verdicts = {config: [e.verdict for e in evaluations] for config, evaluations in warm.items()}
        for trial in range(trials):
            for config in CONFIGS if trial % 2 == 0 else CONFIGS[::-1]:
                before, started = load1(), time.perf_counter()
                cpu_before, tree_before = process_cpu_s(), tree_cpu_s()
                evaluations = sandboxes[config].evaluate_many(work)
                wall = time.perf_counter() - started
                runs[config].append({"wall_s": wall, "evaluations_per_s": len(work) / wall,
                                     "driver_cpu_ms_per_eval": (process_cpu_s() - cpu_before) / len(work) * 1e3,
                                     "all_cpu_ms_per_eval": (tree_cpu_s() - tree_before) / len(work) * 1e3,
                                     "load1_before": before, "load1_after": load1(),
                                     "verdicts_as_warm_up": [e.verdict for e in evaluations] == verdicts[config]})
                print(f"  {measure:4} {config[0]:5} x{config[1]}: {len(work) / wall:6.1f} evals/s "
                      f"(load {before:.2f})", flush=True)
    finally:
        for sandbox in sandboxes.values():
            sandbox.close()
    configs = []
    for (backend, workers), trials_run in runs.items():
        configs.append({
            "backend": backend, "workers": workers,
            "median_evaluations_per_s": statistics.median(r["evaluations_per_s"] for r in trials_run),
            "median_driver_cpu_ms_per_eval": statistics.median(r["driver_cpu_ms_per_eval"] for r in trials_run),
            "median_all_cpu_ms_per_eval": statistics.median(r["all_cpu_ms_per_eval"] for r in trials_run),
            "max_load1": max(max(r["load1_before"], r["load1_after"]) for r in trials_run),
            "trials": trials_run,
        })
    return {
        "measure": measure, "repeats": 1, "evaluations_per_trial": len(work),
        "same_verdicts_local_and_ray": verdicts[("local", 1)] == verdicts[("ray", 1)] == verdicts[("ray", 2)],
        "configs": configs,
        "local_1_worker_evaluations": [
            {"problem_id": e.problem_id, "wall_s": e.wall_s, "verdict": e.verdict,
             "measured_tests": sum(t.kind == "efficiency" for t in e.tests) or len(e.tests)}
            for e in warm[("local", 1)]],
        "median_wall_s_per_evaluation_local_1": statistics.median(e.wall_s for e in warm[("local", 1)]),
    }


# --- 2. overhead ------------------------------------------------------------------------------------


def overhead(blocks: int, per_block: int) -> dict:
    problem = add_problem(1)
    local = Sandbox(limits=LIMITS, measure="none", workers=1)
    remote = Sandbox(limits=LIMITS, measure="none", workers=1, backend="ray")
    times: dict[str, list[float]] = {"local": [], "ray": []}
    all_cpu: dict[str, list[float]] = {"local": [], "ray": []}
    driver_cpu: list[float] = []
    loads = [load1()]
    try:
        for sandbox in (local, remote):
            for _ in range(20):
                sandbox.evaluate(problem, ADD_CODE)
        for block in range(blocks):
            for name in ("local", "ray") if block % 2 == 0 else ("ray", "local"):
                sandbox = local if name == "local" else remote
                cpu_before, tree_before = process_cpu_s(), tree_cpu_s()
                for _ in range(per_block):
                    started = time.perf_counter()
                    sandbox.evaluate(problem, ADD_CODE)
                    times[name].append(time.perf_counter() - started)
                all_cpu[name].append((tree_cpu_s() - tree_before) / per_block)
                if name == "ray":
                    driver_cpu.append((process_cpu_s() - cpu_before) / per_block)
            loads.append(load1())
        actor = remote._ray.actors[0]  # benchmark-only: a no-op call's round trip, for comparison
        round_trips = []
        for _ in range(per_block):
            started = time.perf_counter()
            ray.get(actor.describe.remote())
            round_trips.append(time.perf_counter() - started)
    finally:
        local.close()
        remote.close()
    local_ms = statistics.median(times["local"]) * 1e3
    ray_ms = statistics.median(times["ray"]) * 1e3
    local_cpu_ms = statistics.median(all_cpu["local"]) * 1e3
    ray_cpu_ms = statistics.median(all_cpu["ray"]) * 1e3
    return {"problem": "add-1 (1 test), measure none", "evaluations_each": len(times["local"]),
            "median_local_ms": local_ms, "median_ray_ms": ray_ms, "ray_overhead_ms": ray_ms - local_ms,
            "median_local_cpu_ms": local_cpu_ms, "median_ray_cpu_ms": ray_cpu_ms,
            "ray_cpu_overhead_ms": ray_cpu_ms - local_cpu_ms,
            "median_noop_actor_call_ms": statistics.median(round_trips) * 1e3,
            "median_driver_cpu_ms_per_ray_eval": statistics.median(driver_cpu) * 1e3,
            "max_load1": max(loads)}


# --- 3. harness model and simulation ----------------------------------------------------------------


def harness_model(evaluations: int) -> dict:
    """Fixed (a) and per-test (b) wall cost of an accepted evaluation in cpu mode, repeats 1, 1 worker."""
    walls = {}
    loads = [load1()]
    with Sandbox(limits=LIMITS, measure="cpu", repeats=1, workers=1) as sandbox:
        for tests in (1, 20):
            problem = add_problem(tests)
            sandbox.evaluate(problem, ADD_CODE)
            walls[tests] = statistics.median(sandbox.evaluate(problem, ADD_CODE).wall_s for _ in range(evaluations))
            loads.append(load1())
        busy_loop = add_problem(1)
        timeout_wall = statistics.median(sandbox.evaluate(busy_loop, BUSY_LOOP).wall_s for _ in range(3))
    per_test = (walls[20] - walls[1]) / 19
    return {"wall_1_test_ms": walls[1] * 1e3, "wall_20_tests_ms": walls[20] * 1e3,
            "fixed_ms": (walls[1] - per_test) * 1e3, "per_test_ms": per_test * 1e3,
            "time_limit_evaluation_ms": timeout_wall * 1e3, "time_limit_s": LIMITS.time_s, "max_load1": max(loads)}


def work_per_test(evaluations: list[dict], model: dict) -> list[float]:
    """Each reference evaluation's own work per measured test (seconds): wall less the harness's share."""
    fixed, per_test = model["fixed_ms"] / 1e3, model["per_test_ms"] / 1e3
    return [max(e["wall_s"] - fixed - per_test * e["measured_tests"], 0.0) / e["measured_tests"]
            for e in evaluations if e["verdict"] == "accepted"]


def makespan(services: list[float], actors: int, dispatch_s: float) -> float:
    """When the last of ``services`` (seconds each, in dispatch order) ends on ``actors`` actors, the driver
    sending one every ``dispatch_s``."""
    free_at = [0.0] * actors
    for index, service in enumerate(services):
        start = max(heapq.heappop(free_at), index * dispatch_s)
        heapq.heappush(free_at, start + service)
    return max(free_at)


def simulate(work: list[float], model: dict, ray_overhead_s: float, dispatch_s: float | Callable[[int], float],
             cores_per_node: int, completions: int, tests: int, timeout_share: float, draws: int, seed: int,
             per_task: Callable[[int], int] = lambda actors: 1) -> list[dict]:
    """Batch times of ``completions`` on 1-16 nodes; ``per_task(actors)`` completions go in one Ray task,
    which pays the Ray overhead once and costs the driver ``dispatch_s`` (or ``dispatch_s(per_task)``)."""
    rng = random.Random(seed)
    fixed, per_test = model["fixed_ms"] / 1e3, model["per_test_ms"] / 1e3
    timeout_service = model["time_limit_evaluation_ms"] / 1e3
    rows = []
    for nodes in (1, 2, 4, 8, 16):
        actors = nodes * cores_per_node
        batch = per_task(actors)
        task_dispatch_s = dispatch_s(batch) if callable(dispatch_s) else dispatch_s
        spans = []
        for _ in range(draws):
            services = [timeout_service if rng.random() < timeout_share
                        else fixed + tests * (per_test + rng.choice(work)) for _ in range(completions)]
            tasks = [sum(services[start : start + batch]) + ray_overhead_s for start in range(0, completions, batch)]
            spans.append(makespan(tasks, actors, task_dispatch_s))
        spans.sort()
        rows.append({"nodes": nodes, "actors": actors, "evaluations_per_task": batch,
                     "median_batch_s": statistics.median(spans),
                     "p95_batch_s": spans[int(0.95 * (len(spans) - 1))],
                     "evaluations_per_s": completions / statistics.median(spans)})
    for row in rows:
        row["speedup_vs_1_node"] = rows[0]["median_batch_s"] / row["median_batch_s"]
        row["parallel_efficiency"] = row["speedup_vs_1_node"] / row["nodes"]
    return rows


# --- 4. batching -----------------------------------------------------------------------------------


def batching(blocks: int, per_block: int) -> dict:
    """Driver CPU per evaluation through 2 actors: one evaluation per Ray task against the largest batch."""
    from burner_env.sandbox.ray_backend import MAX_EVALUATIONS_PER_TASK

    items = [(add_problem(1), ADD_CODE)] * per_block
    sandbox = Sandbox(limits=LIMITS, measure="none", workers=2, backend="ray")
    backend = sandbox._remote  # benchmark-only: the batch size is the backend's argument, not Sandbox's
    runs: dict[int, list[dict]] = {1: [], MAX_EVALUATIONS_PER_TASK: []}
    try:
        for per_task in runs:
            backend.evaluate_many(items, evaluations_per_task=per_task)
        for block in range(blocks):
            for per_task in list(runs) if block % 2 == 0 else list(runs)[::-1]:
                before, started = load1(), time.perf_counter()
                cpu_before, tree_before = process_cpu_s(), tree_cpu_s()
                verdicts = {e.verdict for e in backend.evaluate_many(items, evaluations_per_task=per_task)}
                wall = time.perf_counter() - started
                runs[per_task].append({
                    "evaluations_per_s": per_block / wall,
                    "driver_cpu_ms_per_eval": (process_cpu_s() - cpu_before) / per_block * 1e3,
                    "all_cpu_ms_per_eval": (tree_cpu_s() - tree_before) / per_block * 1e3,
                    "load1_before": before, "load1_after": load1(), "all_accepted": verdicts == {"accepted"}})
    finally:
        sandbox.close()
    rows = [{"evaluations_per_task": per_task,
             "median_driver_cpu_ms_per_eval": statistics.median(r["driver_cpu_ms_per_eval"] for r in trials),
             "median_all_cpu_ms_per_eval": statistics.median(r["all_cpu_ms_per_eval"] for r in trials),
             "median_evaluations_per_s": statistics.median(r["evaluations_per_s"] for r in trials),
             "max_load1": max(max(r["load1_before"], r["load1_after"]) for r in trials), "trials": trials}
            for per_task, trials in runs.items()]
    return {"problem": "add-1 (1 test), measure none, 2 actors", "evaluations_per_block": per_block,
            "blocks": blocks, "rows": rows}


def batched_simulation(part4: dict, full_run: dict, draws: int) -> dict:
    """Part 3's light-test scenarios with one completion per Ray task and with ``evaluate_many``'s default
    batches (:func:`default_evaluations_per_task`). The driver's CPU per task is interpolated linearly
    between part 4's two measured batch sizes; the other inputs are the full run's."""
    from burner_env.sandbox.ray_backend import default_evaluations_per_task

    assumptions = full_run["simulation"]["assumptions"]
    model, cores, completions = full_run["harness_model"], assumptions["cores_per_node"], assumptions["completions"]
    (one, one_cost), (many, many_cost) = sorted(
        (row["evaluations_per_task"], row["median_driver_cpu_ms_per_eval"] * row["evaluations_per_task"] / 1e3)
        for row in part4["rows"])

    def task_cost(per_task: int) -> float:
        return one_cost + (per_task - one) * (many_cost - one_cost) / (many - one)

    batches = {"one_per_task": lambda actors: 1,
               "default": lambda actors: default_evaluations_per_task(completions, actors)}
    return {f"light_tests_timeouts_{share:.0%}_{name}": simulate(
                [0.0], model, assumptions["ray_overhead_ms"] / 1e3, task_cost, cores, completions,
                assumptions["tests_per_completion"], share, draws, seed=0, per_task=per_task)
            for name, per_task in batches.items() for share in (0.0, 0.05)}


def print_simulation(scenarios: dict[str, list[dict]]) -> None:
    for name, rows in scenarios.items():
        print(f"simulation ({name}): nodes actors per_task median_s p95_s evals/s speedup efficiency")
        for row in rows:
            print(f"  {row['nodes']:5} {row['actors']:6} {row['evaluations_per_task']:8} {row['median_batch_s']:8.2f} "
                  f"{row['p95_batch_s']:6.2f} {row['evaluations_per_s']:8.1f} {row['speedup_vs_1_node']:6.2f} "
                  f"{row['parallel_efficiency']:6.2f}")


# --- main -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=10, help="built-in problems in the work (default 10)")
    parser.add_argument("--trials", type=int, default=3, help="timed trials per configuration (default 3)")
    parser.add_argument("--cores-per-node", type=int, default=16, help="simulated cores per node (default 16)")
    parser.add_argument("--draws", type=int, default=200, help="simulated batches per cluster size")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--batching-only", action="store_true",
                        help=f"part 4 alone (other inputs from {RESULTS.name}), written to {BATCHING.name}")
    args = parser.parse_args()
    if args.batching_only:
        return main_batching(args)

    info = machine()
    print(f"machine: {info['cores']} cores ({info['cpu_model']}), Python {info['python']}, Ray {info['ray']}, "
          f"load average {info['load_avg_at_start']}", flush=True)
    ray.init(num_cpus=6, include_dashboard=False, log_to_driver=False)
    try:
        work = reference_work(args.problems)
        print(f"1. throughput: {len(work)} reference solutions of {args.problems} problems", flush=True)
        runs = [throughput(work, measure, args.trials) for measure in ("none", "cpu")]
        print("2. overhead per evaluation", flush=True)
        cost = overhead(blocks=6, per_block=50)
    finally:
        ray.shutdown()
    print("3. harness model and simulation", flush=True)
    model = harness_model(evaluations=30)
    cpu_run = runs[1]
    ray_2 = next(c for c in cpu_run["configs"] if c["backend"] == "ray" and c["workers"] == 2)
    dispatch_s = ray_2["median_driver_cpu_ms_per_eval"] / 1e3
    per_test_work = work_per_test(cpu_run["local_1_worker_evaluations"], model)
    # On a busy machine the wall-clock difference can even come out negative: take the most pessimistic
    # of the three estimates of what one evaluation pays for going through Ray.
    overhead_ms = max(cost["ray_overhead_ms"], cost["ray_cpu_overhead_ms"], cost["median_noop_actor_call_ms"])
    assumptions = {"completions": 1024, "tests_per_completion": 20, "cores_per_node": args.cores_per_node,
                   "actors_per_node": args.cores_per_node, "measure": "cpu", "repeats": 1,
                   "ray_overhead_ms": overhead_ms, "driver_dispatch_ms": dispatch_s * 1e3,
                   "harness_fixed_ms": model["fixed_ms"], "harness_per_test_ms": model["per_test_ms"],
                   "builtin_work_per_test_ms": {"median": statistics.median(per_test_work) * 1e3,
                                                "mean": statistics.fmean(per_test_work) * 1e3,
                                                "max": max(per_test_work) * 1e3},
                   "time_limit_evaluation_ms": model["time_limit_evaluation_ms"], "draws": args.draws}
    workloads = {"light": [0.0], "builtin": per_test_work}
    scenarios = {f"{workload}_tests_timeouts_{share:.0%}": simulate(
                     work, model, overhead_ms / 1e3, dispatch_s, args.cores_per_node, 1024, 20, share,
                     args.draws, seed=0)
                 for workload, work in workloads.items() for share in (0.0, 0.05)}

    print()
    for run in runs:
        print(f"measure={run['measure']} (repeats 1), {run['evaluations_per_trial']} evaluations per trial, "
              f"same verdicts local/ray: {run['same_verdicts_local_and_ray']}")
        for c in run["configs"]:
            print(f"  {c['backend']:5} x{c['workers']}: {c['median_evaluations_per_s']:6.1f} evals/s, CPU "
                  f"{c['median_all_cpu_ms_per_eval']:.1f} ms/eval (driver {c['median_driver_cpu_ms_per_eval']:.2f}), "
                  f"load {busy(c['max_load1'])}")
    print(f"overhead: local {cost['median_local_ms']:.2f} ms, ray {cost['median_ray_ms']:.2f} ms per evaluation "
          f"-> {cost['ray_overhead_ms']:.2f} ms; CPU of all processes {cost['median_local_cpu_ms']:.2f} vs "
          f"{cost['median_ray_cpu_ms']:.2f} ms -> {cost['ray_cpu_overhead_ms']:.2f} ms; no-op actor call "
          f"{cost['median_noop_actor_call_ms']:.2f} ms; load {busy(cost['max_load1'])}")
    print(f"harness: a = {model['fixed_ms']:.1f} ms, b = {model['per_test_ms']:.2f} ms/test, "
          f"time-limit evaluation {model['time_limit_evaluation_ms']:.0f} ms; built-in work per test "
          f"{assumptions['builtin_work_per_test_ms']}")
    print_simulation(scenarios)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "benchmark": "ray_backend", "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": info, "throughput": runs, "overhead": cost, "harness_model": model,
            "simulation": {"assumptions": assumptions, "scenarios": scenarios}, "load_avg_at_end": load1(),
        }, indent=2) + "\n")
        print(f"\nraw results: {RESULTS}")
    return 0


def main_batching(args: argparse.Namespace) -> int:
    info = machine()
    print(f"machine: {info['cores']} cores ({info['cpu_model']}), load average {info['load_avg_at_start']}",
          flush=True)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        part4 = batching(blocks=6, per_block=256)
    finally:
        ray.shutdown()
    scenarios = batched_simulation(part4, json.loads(RESULTS.read_text()), args.draws)
    for row in part4["rows"]:
        print(f"{row['evaluations_per_task']:3} per task: driver {row['median_driver_cpu_ms_per_eval']:.3f} ms CPU "
              f"per evaluation, all processes {row['median_all_cpu_ms_per_eval']:.2f} ms, "
              f"{row['median_evaluations_per_s']:.0f} evals/s, load {busy(row['max_load1'])}")
    print_simulation(scenarios)
    if not args.no_write:
        BATCHING.write_text(json.dumps({
            "benchmark": "ray_backend --batching-only", "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": info, "batching": part4, "simulation": scenarios, "load_avg_at_end": load1()},
            indent=2) + "\n")
        print(f"\nraw results: {BATCHING}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
