"""The text the agent sees about a piece of code: verdict, first failure, costs, hotspots.

Three styles:

``"paper"``  the paper's one line: whether it passed and its time, memory and integral.
``"rich"``   (default) the verdict and how many tests passed; for a failure, the first failing
             test's input, expected and actual output and the error's last lines; for a pass, each
             cost with its percentile among the reference solutions, and the top functions by
             self time from a profiled run.
``"ranks"``  ``"rich"`` without readings: each cost only as its percentile among the reference
             solutions, and no profile. The same code gets the same text as long as its ranks stay
             the same, so a greedy model's next answer does not drift with measurement noise
             (``burner demo`` uses it with exact counts, ``measure="instructions"``, whose ranks
             repeat).
"""

from __future__ import annotations

from burner_env.problems import Problem
from burner_env.sandbox import Evaluation
from burner_env.sandbox.compare import short_repr

STYLES = ("rich", "paper", "ranks")
NO_CODE_YET = "No code has been submitted yet."
_METRIC_WORDS = {"time": "time", "memory": "peak memory", "integral": "memory-time integral"}


def render_feedback(evaluation: Evaluation | None, problem: Problem, *, style: str = "rich",
                    percentiles: dict[str, float] | None = None, max_chars: int = 4000) -> str:
    """Feedback on one evaluation of code for ``problem`` (``None``: nothing evaluated yet).

    ``percentiles`` maps ``time``/``memory``/``integral`` to the share of reference solutions the
    code is at least as cheap as (the paper's Beyond rank).
    """
    if style not in STYLES:
        raise ValueError(f"feedback style must be one of {', '.join(STYLES)}; got {style!r}")
    if evaluation is None:
        return NO_CODE_YET
    if style == "paper":
        text = _paper_line(evaluation)
    else:
        text = _rich(evaluation, problem, percentiles or {}, readings=style == "rich")
    return text if len(text) <= max_chars else text[: max_chars - 15] + "\n[... truncated]"


def _paper_line(evaluation: Evaluation) -> str:
    cost = evaluation.cost
    if not evaluation.passed or cost is None:
        return f"Passed: False, Verdict: {evaluation.verdict}"
    units = cost.units
    return (f"Passed: True, Time: {cost.metric('time'):.4g} {units['time']}, "
            f"Memory: {cost.metric('memory'):.4g} {units['memory']}, "
            f"Integral: {cost.metric('integral'):.4g} {units['integral']}")


def _rich(evaluation: Evaluation, problem: Problem, percentiles: dict[str, float], readings: bool) -> str:
    correctness = [t for t in evaluation.tests if t.kind == "correctness"]
    passed = sum(t.passed for t in correctness)
    lines = [f"Verdict: {evaluation.verdict.replace('_', ' ')} "
             f"({passed}/{len(problem.tests)} correctness tests passed)"]
    failure = evaluation.first_failure
    if failure is not None:
        lines.append(_describe_failure(failure, problem))
    elif evaluation.verdict != "accepted" and evaluation.message:
        lines.append(evaluation.message.strip())
    if evaluation.passed and evaluation.cost is not None:
        lines.append(_describe_costs(evaluation, percentiles) if readings else _describe_ranks(percentiles))
    if readings and evaluation.passed and evaluation.hotspots:
        lines.append("Hotspots (profiled on the correctness tests, most self time first):")
        total = sum(h.self_s for h in evaluation.hotspots) or 1.0
        for spot in evaluation.hotspots[:5]:
            where = f"line {spot.line}" if spot.line else "built-in"
            lines.append(f"  {spot.function} ({where}): {spot.self_s / total:.0%} of self time, "
                         f"{spot.calls} calls")
    return "\n".join(lines)


def _describe_failure(failure, problem: Problem) -> str:
    if failure.kind == "correctness" and failure.index < len(problem.tests):
        test = problem.tests[failure.index]
        shown = short_repr(test.stdin if test.stdin is not None else list(test.args or ()), 300)
        header = f"First failing test (#{failure.index + 1}), input: {shown}"
        expected = f"\nExpected: {short_repr(test.expected, 300)}"
    else:
        header = f"Failed on a large generated efficiency test (#{failure.index + 1})"
        expected = ""
    actual = f"\nGot: {failure.actual}" if failure.actual else ""
    error = ""
    if failure.message and failure.verdict != "wrong_answer":
        tail = failure.message.strip().splitlines()[-6:]
        error = "\nError:\n" + "\n".join(f"  {line}" for line in tail)
    return f"{header}{expected}{actual}{error}"


def _describe_costs(evaluation: Evaluation, percentiles: dict[str, float]) -> str:
    cost = evaluation.cost
    parts = []
    for metric, word in _METRIC_WORDS.items():
        value = f"{word} {cost.metric(metric):.4g} {cost.units[metric]}"
        if metric in percentiles:
            value += f" (as cheap as or cheaper than {percentiles[metric]:.0%} of reference solutions)"
        parts.append(value)
    return "Cost: " + "; ".join(parts)


def _describe_ranks(percentiles: dict[str, float]) -> str:
    if not percentiles:
        return "Cost: not ranked (no reference solution to compare with)"
    return ("Cost, as the share of reference solutions it is as cheap as or cheaper than: "
            + ", ".join(f"{word} {percentiles[metric]:.0%}" for metric, word in _METRIC_WORDS.items()
                        if metric in percentiles))
