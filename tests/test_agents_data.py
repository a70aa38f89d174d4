"""agents.datasets: the train/held-out split, SFT/DPO/GRPO records built from measured reference solutions,
and the env reward for GRPO. Sandbox runs with repeats=1 on two problems: seconds."""

import hashlib

import pytest

from agents import datasets
from agents.prompts import extract_code, follows_format
from burner_env.parsing import clean_code
from burner_env.problems import load_suite

SUITE = load_suite("builtin")
PROBLEMS = [problem for problem in SUITE if problem.id in ("two_sum", "h_index")]


@pytest.fixture(scope="module")
def measured():
    return datasets.measure_suite(PROBLEMS, repeats=1, progress=False)


def test_split_is_deterministic_disjoint_and_about_a_quarter():
    train, held_out = datasets.split_problems(SUITE)
    assert {p.id for p in train} | {p.id for p in held_out} == {p.id for p in SUITE}
    assert not {p.id for p in train} & {p.id for p in held_out}
    assert 0.15 <= len(held_out) / len(SUITE) <= 0.35
    assert all(hashlib.sha256(p.id.encode()).digest()[0] < 64 for p in held_out)
    assert [p.id for p in datasets.suite_split("builtin", "heldout")] == [p.id for p in held_out]


def test_measured_solutions_are_fastest_first(measured):
    for problem_data in measured:
        costs = [solution.cost for solution in problem_data.solutions]
        assert costs == sorted(costs) and len(costs) == len(problem_data.problem.solutions)
        assert problem_data.empty_observation["code"] == ""


def test_sft_pairs_target_the_fastest_solution(measured):
    records = datasets.sft_records(measured)
    assert {r["problem_id"] for r in records} == {p.id for p in PROBLEMS}
    for record in records:
        problem_data = next(d for d in measured if d.problem.id == record["problem_id"])
        assert "## Problem" in record["prompt"]
        assert follows_format(record["completion"])
        assert extract_code(record["completion"]) == clean_code(problem_data.solutions[0].solution.code)
    # One pair from the problem alone per problem, the others from a slower current solution.
    assert sum("## Current solution" not in r["prompt"] for r in records) == len(PROBLEMS)


def test_dpo_pairs_prefer_the_cheaper_solution(measured):
    records = datasets.dpo_records(measured, min_speedup=1.5)
    assert records
    for record in records:
        assert record["chosen_cost"] * 1.5 < record["rejected_cost"]
        assert record["chosen"] != record["rejected"]
        assert follows_format(record["chosen"]) and follows_format(record["rejected"])


def test_grpo_records_carry_what_the_reward_needs(measured):
    records = datasets.grpo_records(measured)
    assert all(set(record) == {"prompt", "problem_id", "code"} for record in records)
    assert any(record["code"] for record in records) and any(not record["code"] for record in records)


def test_round_robin_alternates_problems():
    records = [{"problem_id": "a", "n": 1}, {"problem_id": "a", "n": 2}, {"problem_id": "b", "n": 3}]
    assert [r["n"] for r in datasets.round_robin(records)] == [1, 3, 2]


def test_env_reward_ranks_fast_above_slow_above_broken(measured):
    reward = datasets.EnvReward(PROBLEMS, repeats=1)
    try:
        problem_data = measured[0]
        fastest, slowest = problem_data.solutions[0].solution, problem_data.solutions[-1].solution
        completions = [f"<thinking>x</thinking><solution>```python\n{code}\n```</solution>"
                       for code in (fastest.code, slowest.code)] + ["no code"]
        pid = problem_data.problem.id
        fast, slow, broken = reward(["p"] * 3, completions, problem_id=[pid] * 3, code=[""] * 3)
    finally:
        reward.close()
    assert fast > slow >= 0.5 > broken == 0.0
    assert reward.evaluations == 3


def test_env_reward_continues_an_episode_from_the_records_code(measured):
    problem_data = measured[0]
    fastest, slowest = problem_data.solutions[0].solution, problem_data.solutions[-1].solution
    record = {"prompt": "p", "problem_id": problem_data.problem.id, "code": slowest.code}
    reward = datasets.EnvReward(PROBLEMS, repeats=1)
    try:
        kept = reward.continue_episode(record, f"<solution>```python\n{fastest.code}\n```</solution>")
        rejected = reward.continue_episode(record, "no code")
    finally:
        reward.close()
    assert kept["episode_step"] == rejected["episode_step"] == 1
    assert clean_code(kept["code"]) == clean_code(fastest.code) and "## Current solution" in kept["prompt"]
    assert rejected["code"] == slowest.code and "not kept" in rejected["prompt"]


def test_first_attempt_records_need_no_measurement():
    problems = load_suite("synthetic", size=3, seed=0, split="heldout")
    records = datasets.first_attempt_records(problems)
    assert [r["problem_id"] for r in records] == [p.id for p in problems]
    for record, problem in zip(records, problems):
        fast = {clean_code(s.code) for s in problem.solutions if s.time_class == 1}
        assert extract_code(record["completion"]) in fast
        assert problem.starter_code.strip() in record["prompt"] and "## Current solution" not in record["prompt"]


def test_the_procedural_suite_keeps_its_own_split():
    train = datasets.suite_split("synthetic:size=12,seed=1", "train")
    held_out = datasets.suite_split("synthetic:size=12,seed=1", "heldout")
    assert {p.metadata["split"] for p in train} == {"train"}
    assert held_out and all(p.metadata["split"] != "train" for p in held_out)
    assert len(datasets.suite_split("synthetic:size=12,seed=1", "all")) == 12
