"""``burner_env.feedback``: the ``ranks`` style (the demo's) gives the same text for the same code however
its readings fall, so greedy decoding of the next answer cannot drift with measurement noise."""

from __future__ import annotations

import pytest

from burner_env.feedback import STYLES, render_feedback
from burner_env.problems import load_suite
from burner_env.prompts import observation_prompt
from burner_env.sandbox.results import Cost, Evaluation, Hotspot
from burner_env.sandbox.results import TestResult as Result  # not collected as a test class

PROBLEM = next(problem for problem in load_suite("builtin") if problem.id == "two_sum")
PERCENTILES = {"time": 5 / 6, "memory": 0.5, "integral": 2 / 3}


def evaluation(cpu_ms: float, memory_mb: float, self_s: tuple[float, float]) -> Evaluation:
    """An accepted evaluation of one piece of code, with these readings."""
    tests = tuple(Result(index, "correctness", "accepted") for index in range(len(PROBLEM.tests)))
    cost = Cost(mode="cpu", cpu_ms=cpu_ms, memory_mb=memory_mb, integral_mb_ms=(10 + memory_mb) * cpu_ms,
                time_cv=0.02, repeats=3)
    hotspots = (Hotspot("two_sum", 2, 11, self_s[0], self_s[0]), Hotspot("dict.get", 0, 90, self_s[1], self_s[1]))
    return Evaluation(PROBLEM.id, "accepted", tests, cost, hotspots=hotspots)


def prompt(feedback: str) -> str:
    return observation_prompt({"problem": PROBLEM.statement, "instruction": "time",
                               "code": PROBLEM.solutions[0].code, "feedback": feedback})


def test_ranks_give_the_same_prompt_for_two_readings_of_the_same_code():
    first, second = evaluation(3.71, 0.52, (0.004, 0.001)), evaluation(4.02, 0.55, (0.003, 0.002))
    rich = [render_feedback(e, PROBLEM, style="rich", percentiles=PERCENTILES) for e in (first, second)]
    assert rich[0] != rich[1]  # the readings (and the profile's shares) are in the rich text
    ranks = [render_feedback(e, PROBLEM, style="ranks", percentiles=PERCENTILES) for e in (first, second)]
    assert prompt(ranks[0]).encode() == prompt(ranks[1]).encode()
    assert ranks[0] == (f"Verdict: accepted ({len(PROBLEM.tests)}/{len(PROBLEM.tests)} correctness tests passed)\n"
                        "Cost, as the share of reference solutions it is as cheap as or cheaper than: "
                        "time 83%, peak memory 50%, memory-time integral 67%")
    for reading in ("3.71", "4.02", "0.52", "Hotspots"):
        assert reading not in ranks[0]


def test_ranks_keep_what_failed_and_say_when_there_is_no_rank():
    failed = Evaluation(PROBLEM.id, "wrong_answer", (Result(0, "correctness", "wrong_answer", actual="[0, 0]"),))
    text = render_feedback(failed, PROBLEM, style="ranks")
    assert text == render_feedback(failed, PROBLEM, style="rich")  # a failure has no readings to leave out
    assert "First failing test (#1)" in text and "Got: [0, 0]" in text
    assert render_feedback(evaluation(1.0, 0.0, (0.1, 0.1)), PROBLEM, style="ranks").endswith(
        "Cost: not ranked (no reference solution to compare with)")


def test_unknown_style_is_refused():
    assert "ranks" in STYLES
    with pytest.raises(ValueError, match="ranks"):
        render_feedback(None, PROBLEM, style="terse")


def test_burner_iof_offers_every_style(capsys):
    from burner_env.cli import build_parser

    for style in STYLES:
        assert build_parser().parse_args(["iof", "--feedback", style]).feedback == style
    with pytest.raises(SystemExit):
        build_parser().parse_args(["iof", "--feedback", "terse"])
    assert "invalid choice" in capsys.readouterr().err
