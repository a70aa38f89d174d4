"""What the reward-integrity changes cost: the sandbox at an earlier commit and now, side by side.

    .venv/bin/python benchmarks/sandbox_before_after.py                      # before = 1d8023c
    .venv/bin/python benchmarks/sandbox_before_after.py --before <commit> --trials 5
    .venv/bin/python benchmarks/sandbox_before_after.py --before d879f83 --name fork_before_after

The earlier commit is checked out into a temporary git worktree and imported from there
(``PYTHONPATH``), in a fresh process per trial; trials of the two trees alternate, so a change in
the machine's load falls on both, and the figures are medians over trials with the ratio now/before.

Per tree and trial:

* CPU milliseconds per single-test evaluation of ``def solve(a, b): return a + b``, in ``none`` and
  in ``cpu`` mode (``repeats=1``): the CPU time of this process, its zygote and their children
  over 300 evaluations (so the fork, rlimits, filter, audit hook, handshake and verdict);
* the coefficient of variation of 15 ``cpu``-mode costs of built-in ``two_sum``'s fastest reference;
* the wall time of an ``instructions``-mode evaluation of the same reference (median of 3, after one
  evaluation that starts valgrind and measures the null program).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from _sandbox_common import REPO, load1, machine, machine_line, median, table, write_results

ADD = {"id": "add", "statement": "add", "io": "function", "entry_point": "solve",
       "tests": [{"args": [1, 2], "expected": 3}]}
ADD_CODE = "def solve(a, b):\n    return a + b\n"


def build_extension(tree: Path) -> None:
    """Compile the tree's C extension in place, as ``pip install -e .`` would (commits from issue 9 on
    have one; a worktree holds only the source)."""
    source = tree / "burner_env" / "sandbox" / "_lockdown.c"
    if source.exists():
        target = source.with_name("_lockdown" + sysconfig.get_config_var("EXT_SUFFIX"))
        subprocess.run(["gcc", "-shared", "-fPIC", "-O2", f"-I{sysconfig.get_paths()['include']}", str(source),
                        "-o", str(target)], check=True)


def _tree_cpu_s(zygote_pids: list[int]) -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    for pid in zygote_pids:  # alive, so not in RUSAGE_CHILDREN yet: their children are reaped by them
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


def measure(evaluations: int) -> dict:
    """Run in a fresh process, importing burner_env from whichever tree PYTHONPATH names."""
    import statistics

    from burner_env.problems import Problem, load_suite
    from burner_env.sandbox import Sandbox

    add = Problem.from_dict(ADD)
    two_sum = next(p for p in load_suite("builtin") if p.id == "two_sum")
    fastest = two_sum.solutions[0].code
    figures = {}
    for mode in ("none", "cpu"):
        with Sandbox(measure=mode, repeats=1) as sandbox:
            for _ in range(20):
                sandbox.evaluate(add, ADD_CODE)
            zygotes = [z._process.pid for z in sandbox._zygotes if z._process is not None]
            started = _tree_cpu_s(zygotes)
            for _ in range(evaluations):
                sandbox.evaluate(add, ADD_CODE)
            figures[f"cpu_ms_per_evaluation_{mode}"] = (_tree_cpu_s(zygotes) - started) / evaluations * 1000
    with Sandbox(measure="cpu", repeats=1) as sandbox:
        costs = [sandbox.evaluate(two_sum, fastest).cost.cpu_ms for _ in range(15)]
        figures["two_sum_cpu_cv"] = statistics.pstdev(costs) / statistics.fmean(costs)
    with Sandbox(measure="instructions") as sandbox:
        sandbox.evaluate(two_sum, fastest)
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            sandbox.evaluate(two_sum, fastest)
            walls.append(time.perf_counter() - started)
        figures["two_sum_instructions_wall_s"] = statistics.median(walls)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="1d8023c", help="the earlier commit (default: before issue 9)")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--name", default="sandbox_before_after",
                        help="results file benchmarks/results/<name>.json (default sandbox_before_after)")
    parser.add_argument("--evaluations", type=int, default=300)
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        print(json.dumps(measure(args.evaluations)))
        return
    info = machine()
    print(machine_line(info))
    with tempfile.TemporaryDirectory(prefix="burner-before-") as folder:
        worktree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree), args.before],
                       check=True, capture_output=True)
        try:
            build_extension(worktree)
            trials: dict[str, list[dict]] = {"before": [], "now": []}
            loads = []
            for trial in range(args.trials):
                for name, tree in (("before", worktree), ("now", REPO)):
                    loads.append(load1())
                    environment = dict(os.environ, PYTHONPATH=str(tree))
                    out = subprocess.run([sys.executable, __file__, "--measure-only", "--evaluations",
                                          str(args.evaluations)], env=environment, check=True,
                                         capture_output=True, text=True, cwd=tree)
                    trials[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
                    print(f"trial {trial + 1} {name}: {trials[name][-1]}", flush=True)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(worktree)],
                           capture_output=True)
    rows, summary = [], {}
    for key in trials["now"][0]:
        before = median([t[key] for t in trials["before"]])
        now = median([t[key] for t in trials["now"]])
        summary[key] = {"before": before, "now": now, "ratio": now / before if before else None}
        rows.append([key, f"{before:.4g}", f"{now:.4g}", f"{now / before:.2f}x" if before else "–"])
    print(table(["figure", f"before ({args.before})", "now", "now/before"], rows,
                title=f"median of {args.trials} alternating trials; load average {min(loads)}–{max(loads)}"))
    write_results(args.name, {"machine": info, "before": args.before, "trials": trials,
                                           "summary": summary, "load": loads,
                                           "command": " ".join(sys.argv)})


if __name__ == "__main__":
    main()
