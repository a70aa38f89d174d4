"""The scoring core's contract: every door gives the same reward for the same (problem, previous code, response).

The doors are ``CodeEfficiencyEnv.step`` (the previous code is the episode's initial code), the TRL reward
function (``code`` column), verl's ``compute_score`` (``extra_info["code"]``) and the GRPO trainer's reward
(``agents.datasets.EnvReward``, ``code`` column). Each builds its own sandbox or takes one, so the sandbox is
swapped for the test's: a stand-in whose readings are fixed per program makes ``cpu`` and ``instructions``
readings deterministic, so rewards must match exactly; the real sandbox then checks the same on readings
whose rewards do not depend on the noise (costs far apart: the rank and the relative term saturate).
"""

from __future__ import annotations

import json
import logging
import shutil
import threading

import pytest

from agents import datasets
from burner_env.demo import SAMPLE_PROBLEM
from burner_env.env import CodeEfficiencyEnv
from burner_env.integrations import verl as verl_adapter
from burner_env.integrations.trl import reward_function
from burner_env.parsing import clean_code
from burner_env.problems import Limits, Problem, load_suite
from burner_env.reference import calibrate
from burner_env.rewards import REWARDS
from burner_env.sandbox import Cost, Evaluation, Sandbox
from burner_env.scoring import Attempt, ReferenceCosts, Scorer

pytestmark = pytest.mark.filterwarnings("ignore:.*calibration of suite.*:UserWarning")  # verl says it measures

FAST, MEDIUM, SLOW = (s.code for s in Problem.from_dict(SAMPLE_PROBLEM).solutions)
SLOWER = ("def count_pairs(xs, target):\n    n = len(xs)\n    pairs = 0\n    for _ in range(2):\n"
          "        pairs = sum(1 for i in range(n) for j in range(i + 1, n) if xs[i] + xs[j] == target)\n"
          "    return pairs\n")  # brute force, twice over: dearer than every reference
WRONG = "def count_pairs(xs, target):\n    return 0\n"
NOT_CODE = "I would rather not."


def respond(code: str) -> str:
    return f"<thinking>try</thinking>\n<solution>\n```python\n{code}```\n</solution>"


RESPONSES = [respond(FAST), respond(MEDIUM), respond(SLOWER), respond(WRONG), NOT_CODE]
PREVIOUS = [None, FAST, SLOW, WRONG]

# Fixed readings per program: (time, memory) in the measure's units; failing programs have none.
READINGS = {FAST: (2.0, 1.0), MEDIUM: (6.0, 3.0), SLOW: (90.0, 2.0), SLOWER: (180.0, 2.0)}


class FixedSandbox:
    """A sandbox stand-in that judges by lookup: the same program always gets the same Evaluation."""

    def __init__(self, measure: str) -> None:
        self.measure, self.repeats, self.workers = measure, 1, 2
        self.limits, self.sample_period_s = Limits(), 0.001

    def evaluate(self, problem: Problem, code: str, profile: bool = False) -> Evaluation:
        reading = next((r for program, r in READINGS.items() if clean_code(program) == clean_code(code)), None)
        if reading is None:
            return Evaluation(problem.id, "wrong_answer", message="expected 2, got 0")
        time, memory = reading
        if self.measure == "instructions":
            cost = Cost(mode="instructions", instructions=int(time * 1e6), memory_mb=memory,
                        integral_mb_minstr=time * (memory + 10))
        else:
            cost = Cost(mode="cpu", cpu_ms=time, memory_mb=memory, integral_mb_ms=time * (memory + 10))
        return Evaluation(problem.id, "accepted", cost=cost)

    def evaluate_many(self, items: list[tuple[Problem, str]]) -> list[Evaluation]:
        return [self.evaluate(problem, code) for problem, code in items]

    def close(self) -> None:
        pass


class Shared:
    """A real sandbox lent to a door that would close it: closing it is the test's business."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox

    def __getattr__(self, name: str):
        return getattr(self._sandbox, name)

    def close(self) -> None:
        pass


@pytest.fixture
def suite_path(tmp_path, monkeypatch):
    """The problem as a suite file (verl loads suites by path), and an empty calibration cache."""
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(SAMPLE_PROBLEM) + "\n", encoding="utf-8")
    yield str(path)
    verl_adapter.close()


def rewards_through_every_door(suite_path: str, sandbox, reward: str, instruction: str,
                               cases: list[tuple[str | None, str]], monkeypatch) -> dict[str, list[float]]:
    """Each door's rewards for the (previous code, response) cases, every door on ``sandbox``."""
    problem = load_suite(suite_path)[0]
    monkeypatch.setattr(verl_adapter, "Sandbox", lambda **kwargs: sandbox)
    monkeypatch.setattr(datasets, "Sandbox", lambda **kwargs: sandbox)
    doors: dict[str, list[float]] = {"env.step": [], "trl": [], "verl": [], "grpo": []}

    env = CodeEfficiencyEnv(suite=[problem], instruction=instruction, reward=reward, sandbox=sandbox)
    for previous, response in cases:
        env.reset(options={"problem_id": problem.id, "initial_code": previous or "empty"})
        doors["env.step"].append(env.step(response)[1])

    previous_codes = [previous for previous, _ in cases]
    responses = [response for _, response in cases]
    trl = reward_function([problem], instruction, reward=reward, sandbox=sandbox)
    doors["trl"] = trl(prompts=[None] * len(cases), completions=responses, problem_id=[problem.id] * len(cases),
                       code=previous_codes)

    doors["verl"] = [
        verl_adapter.compute_score("burner/pairs", response, problem.id,
                                   {"suite": suite_path, "instruction": instruction, "code": previous},
                                   reward=reward, measure=sandbox.measure, repeats=sandbox.repeats)["score"]
        for previous, response in cases]

    grpo = datasets.EnvReward([problem], instruction, reward=reward, workers=1, repeats=sandbox.repeats,
                              measure=sandbox.measure)
    doors["grpo"] = grpo(["prompt"] * len(cases), responses, problem_id=[problem.id] * len(cases),
                         code=previous_codes)
    return doors


@pytest.mark.parametrize("measure", ["cpu", "instructions"])
@pytest.mark.parametrize("instruction", ["time", "memory", "integral"])
@pytest.mark.parametrize("reward", sorted(REWARDS))
def test_every_door_gives_the_same_reward_on_fixed_readings(suite_path, monkeypatch, reward, instruction, measure):
    cases = [(previous, response) for previous in PREVIOUS for response in RESPONSES]
    doors = rewards_through_every_door(suite_path, FixedSandbox(measure), reward, instruction, cases, monkeypatch)
    for door, rewards in doors.items():
        assert rewards == doors["env.step"], f"{door} disagrees with env.step"
    if reward == "afterburner":
        # The relative term is there through every door: the same response scores differently after
        # a cheap and after a dear previous code.
        after_fast = doors["trl"][PREVIOUS.index(FAST) * len(RESPONSES) + 1]
        after_slow = doors["trl"][PREVIOUS.index(SLOW) * len(RESPONSES) + 1]
        assert after_slow > after_fast


def _assert_doors_agree(doors: dict[str, list[float]], tolerance: float) -> None:
    for door, rewards in doors.items():
        assert rewards == pytest.approx(doors["env.step"], abs=tolerance), f"{door} disagrees with env.step"


@pytest.mark.parametrize("reward", sorted(REWARDS))
def test_every_door_agrees_on_the_real_sandbox_in_cpu_mode(suite_path, monkeypatch, reward):
    # Far-apart costs only: SLOWER is dearer than every reference by ~2x and than FAST by ~100x, so
    # neither the rank nor the saturated relative term moves with CPU-time noise.
    calibrate(suite_path, "cpu", repeats=1, progress=False)
    cases = [(None, respond(SLOWER)), (FAST, respond(SLOWER)), (None, respond(WRONG)), (FAST, NOT_CODE)]
    with Sandbox(measure="cpu", repeats=1, workers=2) as sandbox:
        doors = rewards_through_every_door(suite_path, Shared(sandbox), reward, "time", cases, monkeypatch)
    _assert_doors_agree(doors, tolerance=1e-6)


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="instructions mode needs valgrind")
def test_every_door_agrees_on_the_real_sandbox_in_instructions_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path / "cache"))
    small = dict(SAMPLE_PROBLEM, efficiency={  # counted under callgrind: keep the input small
        "generator": "def generate(rng):\n    return [{'args': [[rng.randint(-30, 30) for _ in range(60)], 7]}]\n",
        "seed": 1})
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(small) + "\n", encoding="utf-8")
    cases = [(FAST, respond(SLOWER)), (None, respond(WRONG))]
    try:  # one counted zygote (its start-up is most of the time); each door measures the references on it
        with Sandbox(measure="instructions") as sandbox:
            for reward in sorted(REWARDS):
                doors = rewards_through_every_door(str(path), Shared(sandbox), reward, "time", cases, monkeypatch)
                # Counts of one program repeat to within ~3e-4 (scoring.COUNT_MARGIN): the relative term
                # moves by less than that times its weight, the rank not at all (costs far apart).
                _assert_doors_agree(doors, tolerance=1e-4)
    finally:
        verl_adapter.close()


def test_score_many_evaluates_a_previous_code_once_and_only_when_the_reward_reads_it():
    problem = Problem.from_dict(SAMPLE_PROBLEM)
    sandbox = FixedSandbox("cpu")
    seen: list[str] = []
    evaluate = sandbox.evaluate
    sandbox.evaluate = lambda problem, code, profile=False: seen.append(code) or evaluate(problem, code)
    references = ReferenceCosts(sandbox, [problem], reference="measure")
    references.warm_up([problem])
    seen.clear()
    afterburner = Scorer(sandbox, references, reward="afterburner")
    scores = afterburner.score_many([(problem, respond(MEDIUM), SLOW)] * 3)
    assert seen.count(SLOW) == 1 and len({score.reward for score in scores}) == 1
    afterburner.score(problem, respond(MEDIUM), SLOW)
    assert seen.count(SLOW) == 1  # remembered
    seen.clear()
    Scorer(sandbox, references, reward="percentile").score_many([(problem, respond(MEDIUM), SLOW)] * 2)
    assert SLOW not in seen
    measured = Attempt(SLOW, evaluate(problem, SLOW))
    assert afterburner.score(problem, respond(MEDIUM), measured).reward == scores[0].reward


def test_measuring_references_is_said_once_per_process_loudly_then_quietly(monkeypatch, caplog):
    from burner_env import scoring

    monkeypatch.setattr(scoring, "_MEASURING_SAID", threading.Event())
    problems = [Problem.from_dict(dict(SAMPLE_PROBLEM, id=f"p{i}")) for i in range(3)]
    with caplog.at_level(logging.INFO, logger="burner_env.scoring"):
        for problem in problems:  # one ReferenceCosts each, as measure_suite's envs have
            ReferenceCosts(FixedSandbox("cpu"), [problem], reference="measure").get(problem, "time")
    said = [(record.levelno, record.getMessage()) for record in caplog.records
            if "reference solutions" in record.getMessage()]
    assert [level for level, _ in said] == [logging.WARNING, logging.INFO, logging.INFO]
    assert "p0" in said[0][1] and "burner calibrate" in said[0][1]
