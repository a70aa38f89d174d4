"""The procedural suite: families, levels, splits, surface variety, determinism, speed, and every
family's references judged by the real sandbox."""

from __future__ import annotations

import hashlib
import json
import time

import pytest

from burner_env.problems import Problem, load_suite
from burner_env.problems.synthetic import FAMILIES, HELDOUT_FAMILIES, LEVELS, generate_problem, generate_suite
from burner_env.reference import calibrate, suite_hash
from burner_env.sandbox import Sandbox
from burner_env.validate import validate_problems

# sha256 of the native records of load_suite("synthetic", size=50, seed=7): a change here means a
# seed no longer gives the problems it gave (on this machine or any other).
DIGEST_SIZE_50_SEED_7 = "cf0f08f65c46ed4a30edf93a825654935b18db755918031bcc55e01f05815678"


def _digest(problems: list[Problem]) -> str:
    records = json.dumps([p.to_dict() for p in problems], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(records.encode()).hexdigest()


def test_twenty_families_or_more_over_three_levels():
    assert len(FAMILIES) >= 20
    assert set(LEVELS) == {1, 2, 3}
    for level in LEVELS:
        at_level = [f for f in FAMILIES.values() if f.level == level]
        assert len(at_level) >= 5
        assert any(f.name in HELDOUT_FAMILIES for f in at_level)
        assert any(f.name not in HELDOUT_FAMILIES for f in at_level)
    assert all(f.rewrite and "→" in f.rewrite for f in FAMILIES.values())


def test_a_thousand_problems_are_textually_distinct_and_fast_to_draw():
    started = time.perf_counter()
    problems = load_suite("synthetic", size=1000, seed=0)
    rate = len(problems) / (time.perf_counter() - started)

    assert len(problems) == 1000
    assert rate >= 100, f"{rate:.0f} problems/s"
    assert len({p.id for p in problems}) == 1000
    assert len({p.statement for p in problems}) == 1000
    assert len({p.starter_code for p in problems}) == 1000
    # Families take turns: 1000 problems over F families give each of them 1000 // F or one more.
    per_family: dict[str, int] = {}
    for problem in problems:
        per_family[problem.metadata["family"]] = per_family.get(problem.metadata["family"], 0) + 1
    assert set(per_family) == set(FAMILIES)
    assert max(per_family.values()) - min(per_family.values()) <= 1


def test_a_seed_gives_the_same_problems_on_every_machine():
    problems = load_suite("synthetic", size=50, seed=7)

    assert _digest(problems) == _digest(load_suite("synthetic", size=50, seed=7))
    assert _digest(problems) == DIGEST_SIZE_50_SEED_7
    assert _digest(problems) != _digest(load_suite("synthetic", size=50, seed=8))
    assert suite_hash(problems) == suite_hash(generate_suite(50, 7))


def test_a_problem_is_a_function_of_its_family_and_instance_seed():
    problem = load_suite("synthetic", size=30, seed=3)[17]
    family, instance_seed = problem.metadata["family"], problem.metadata["instance_seed"]

    assert problem.id == f"syn-{family}-{instance_seed}"
    assert generate_problem(family, instance_seed) == problem


def test_every_problem_starts_from_its_slow_reference_and_has_two_cost_classes():
    for problem in generate_suite(len(FAMILIES) * 2, seed=11):
        slow = problem.solution(problem.metadata["initial_solution"])
        assert problem.starter_code == slow.code
        assert slow.time_class == max(s.time_class for s in problem.solutions) == 2
        assert {s.time_class for s in problem.solutions} == {1, 2}
        assert problem.efficiency is not None and problem.solution(problem.efficiency.oracle).time_class == 1
        assert problem.efficiency.seed == problem.metadata["instance_seed"]
        assert f"level-{problem.metadata['level']}" in problem.tags
        assert Problem.from_dict(json.loads(json.dumps(problem.to_dict()))) == problem


@pytest.mark.parametrize("level", [1, 2, 3])
def test_level_selects_families_of_that_level(level):
    problems = load_suite("synthetic", size=40, seed=1, level=level)

    assert {p.metadata["level"] for p in problems} == {level}
    assert {p.metadata["family"] for p in problems} == {f.name for f in FAMILIES.values() if f.level == level}
    assert {p.metadata["level"] for p in load_suite("synthetic", size=40, level=[1, 3])} == {1, 3}


def test_splits_are_disjoint_by_family_and_by_seed():
    train = load_suite("synthetic", size=300, seed=0, split="train")
    heldout_seed = load_suite("synthetic", size=300, seed=0, split="heldout_seed")
    heldout_family = load_suite("synthetic", size=300, seed=0, split="heldout_family")
    heldout = load_suite("synthetic", size=300, seed=1, split="heldout")

    assert {p.metadata["split"] for p in train} == {"train"}
    assert {p.metadata["split"] for p in heldout_seed} == {"heldout_seed"}
    assert {p.metadata["split"] for p in heldout_family} == {"heldout_family"}
    assert {p.metadata["split"] for p in heldout} == {"heldout_seed", "heldout_family"}
    assert {p.metadata["family"] for p in train} == set(FAMILIES) - set(HELDOUT_FAMILIES)
    assert {p.metadata["family"] for p in heldout_family} == set(HELDOUT_FAMILIES)
    assert all(p.metadata["instance_seed"] % 5 != 0 for p in train)
    assert all(p.metadata["instance_seed"] % 5 == 0 for p in heldout_seed + heldout_family + heldout)
    # No held-out problem is a training problem; its starting code, a short function drawn from
    # a finite pool of names and phrasings, may occasionally coincide.
    held = heldout_seed + heldout_family + heldout
    assert not {p.statement for p in train} & {p.statement for p in held}
    train_starters = {p.starter_code for p in train}
    assert sum(p.starter_code in train_starters for p in held) <= 0.05 * len(held)
    assert {p.metadata["split"] for p in load_suite("synthetic", size=200)} == {
        "train", "heldout_seed", "heldout_family"}


def test_options_ride_in_the_name_for_command_lines():
    by_name = load_suite("synthetic:size=12,seed=5,level=1+3,split=train")
    by_keyword = load_suite("synthetic", size=12, seed=5, level=[1, 3], split="train")
    assert by_name == by_keyword
    assert load_suite("synthetic:families=sieve+kadane,size=4", seed=2) == generate_suite(
        4, 2, families=["sieve", "kadane"])
    assert len(load_suite("synthetic")) == 100


@pytest.mark.parametrize(("call", "argument"), [
    (lambda: load_suite("synthetic", size=0), "size"),
    (lambda: load_suite("synthetic", size="10"), "size"),
    (lambda: load_suite("synthetic", seed=1.5), "seed"),
    (lambda: load_suite("synthetic", level=4), "level"),
    (lambda: load_suite("synthetic", level="2"), "level"),
    (lambda: load_suite("synthetic", split="test"), "split"),
    (lambda: load_suite("synthetic", families=["nope"]), "families"),
    (lambda: load_suite("synthetic", sizes=3), "sizes"),
    (lambda: load_suite("synthetic:size=ten"), "size"),
    (lambda: load_suite("synthetic:bogus=1"), "bogus"),
    (lambda: load_suite("synthetic:size=3", size=3), "size"),
    (lambda: load_suite("builtin", size=3), "size"),
    (lambda: generate_problem("nope", 1), "family"),
    (lambda: generate_problem("sieve", -1), "instance_seed"),
])
def test_a_bad_argument_is_named(call, argument):
    with pytest.raises(ValueError, match=f"^{argument}"):
        call()


def test_no_family_left_is_an_error():
    with pytest.raises(ValueError, match="no family matches"):
        generate_suite(5, families=["sieve"], split="train")


# --- judged by the real sandbox -------------------------------------------------------------------


@pytest.fixture(scope="module")
def acceptance_sandbox():
    with Sandbox(measure="none") as sandbox:
        yield sandbox


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_reference_of_every_family_passes_its_correctness_tests(acceptance_sandbox, family):
    for problem in generate_suite(2, seed=23, families=[family]):
        for solution in problem.solutions:
            evaluation = acceptance_sandbox.evaluate(problem, solution.code)
            assert evaluation.verdict == "accepted", (problem.id, solution.label, evaluation.message)


@pytest.mark.parametrize("family", ["membership_set", "deque_queue", "monotonic_stack"])
def test_classes_are_ordered_by_measured_cost(family):
    [problem] = generate_suite(1, seed=4, families=[family])

    report = validate_problems([problem], measure="cpu", repeats=1, min_class_ratio=3.0, progress=False)

    assert report.ok, report.table()
    assert report.problems[0].deterministic is True


@pytest.mark.slow
def test_a_sample_of_every_family_validates():
    problems = generate_suite(len(FAMILIES), seed=31)

    report = validate_problems(problems, measure="cpu", repeats=3, progress=False)

    assert report.ok, report.table()


def test_reference_costs_calibrate(tmp_path):
    problems = generate_suite(1, seed=9, families=["binary_search"])

    distribution = calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)

    costs = {entry.label: entry.time for entry in distribution.problems[problems[0].id]}
    slow = problems[0].metadata["initial_solution"]
    assert all(entry.passed for entry in distribution.problems[problems[0].id])
    assert all(costs[slow] > cost for label, cost in costs.items() if label != slow)
