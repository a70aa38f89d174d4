"""IOF in a few lines: a scripted agent, then the offline model, on two built-in problems.

    .venv/bin/python examples/iof_quickstart.py            # scripted agent only (seconds, no torch)
    .venv/bin/python examples/iof_quickstart.py --model    # plus SmolLM2-135M-Instruct (a few minutes on a CPU)
"""

from __future__ import annotations

import sys

from agents import iof
from burner_env.problems import load_suite

PROBLEMS = ["two_sum", "h_index"]
SUITE = {problem.id: problem for problem in load_suite("builtin") if problem.id in PROBLEMS}
BY_TITLE = {problem.title: problem for problem in SUITE.values()}


def slow_then_fast(observations: list[dict]) -> list[str]:
    """An agent that answers with the slowest reference solution first, then with the fastest."""
    responses = []
    for observation in observations:
        problem = BY_TITLE[observation["problem"].splitlines()[0].removeprefix("# ")]  # the text starts "# <title>"
        ordered = sorted(problem.solutions, key=lambda solution: solution.time_class or 0)
        code = ordered[-1].code if observation["iteration"] == 0 else ordered[0].code
        responses.append(f"<thinking>try it</thinking><solution>```python\n{code}\n```</solution>")
    return responses


def main() -> None:
    report = iof.run(slow_then_fast, {"suite": "builtin", "instruction": "time"}, problems=PROBLEMS, iterations=1)
    print("scripted agent\n" + report.table())
    if "--model" in sys.argv:
        from agents.lm import DEFAULT_MODEL, load_policy

        agent = iof.PolicyAgent(load_policy(DEFAULT_MODEL), max_new_tokens=256)
        report = iof.run(agent, {"suite": "builtin"}, problems=PROBLEMS, iterations=1, initial_code="reference",
                         attempts_path="iof-quickstart.jsonl")
        print("SmolLM2-135M-Instruct, from a reference solution\n" + report.table())


if __name__ == "__main__":
    main()
