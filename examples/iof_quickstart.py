"""IOF in a few lines: a scripted agent, then the offline model, on two built-in problems.

    .venv/bin/python examples/iof_quickstart.py            # scripted agent only (seconds, no torch)
    .venv/bin/python examples/iof_quickstart.py --model    # plus SmolLM2-135M-Instruct (a few minutes on a CPU)
"""

from __future__ import annotations

import argparse
import functools

from burner_env.problems import Problem, load_suite

PROBLEMS = ["two_sum", "h_index"]


@functools.cache
def problems_by_title() -> dict[str, Problem]:
    return {problem.title: problem for problem in load_suite("builtin") if problem.id in PROBLEMS}


def slow_then_fast(observations: list[dict]) -> list[str]:
    """An agent that answers with the slowest reference solution first, then with the fastest."""
    responses = []
    for observation in observations:
        problem = problems_by_title()[observation["problem"].splitlines()[0].removeprefix("# ")]  # "# <title>"
        ordered = sorted(problem.solutions, key=lambda solution: solution.time_class or 0)
        code = ordered[-1].code if observation["iteration"] == 0 else ordered[0].code
        responses.append(f"<thinking>try it</thinking><solution>```python\n{code}\n```</solution>")
    return responses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="store_true",
                        help="also run SmolLM2-135M-Instruct (needs the agents extra; a few minutes on a CPU)")
    args = parser.parse_args(argv)
    from agents import iof  # after parsing, so that --help answers at once

    report = iof.run(slow_then_fast, {"suite": "builtin", "instruction": "time"}, problems=PROBLEMS, iterations=1)
    print("scripted agent\n" + report.table())
    if args.model:
        from agents.models import DEFAULT_MODEL, load_policy

        agent = iof.PolicyAgent(load_policy(DEFAULT_MODEL), max_new_tokens=256)
        report = iof.run(agent, {"suite": "builtin"}, problems=PROBLEMS, iterations=1, initial_code="reference",
                         attempts_path="iof-quickstart.jsonl")
        print("SmolLM2-135M-Instruct, from a reference solution\n" + report.table())


if __name__ == "__main__":
    main()
