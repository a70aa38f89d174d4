"""Tests of burner_env.testing: the strategies draw what they promise, and the property checker passes
our rewards and catches broken ones."""

from __future__ import annotations

import doctest
import math
import random

import pytest
from hypothesis import find, given

from burner_env import testing
from burner_env.rewards import RewardInput, get_reward, percentile_reward
from burner_env.testing import (
    MAX_COST,
    MIN_POSITIVE_COST,
    check_reward_properties,
    costs,
    evaluation_outcomes,
    reference_costs,
    reward_inputs,
)


def test_doctests_pass():
    assert doctest.testmod(testing).failed == 0


@given(costs())
def test_costs_are_zero_or_in_range(cost):
    assert cost == 0.0 or MIN_POSITIVE_COST <= cost <= MAX_COST


@given(reference_costs())
def test_reference_costs_are_non_empty_tuples_of_costs(references):
    assert isinstance(references, tuple) and len(references) >= 1
    assert all(cost == 0.0 or MIN_POSITIVE_COST <= cost <= MAX_COST for cost in references)


def test_reference_costs_produce_ties():
    find(reference_costs(), lambda references: len(set(references)) < len(references))


@given(evaluation_outcomes())
def test_evaluation_outcomes_are_passed_cost_pairs(outcome):
    passed, cost = outcome
    assert isinstance(passed, bool) and math.isfinite(cost)


@given(reward_inputs())
def test_reward_inputs_are_consistent(inp):
    if inp.passed:
        assert inp.cost is not None and 0.0 <= inp.rank <= 1.0
    if not inp.previous_passed:
        assert inp.previous_cost is None
    assert inp.cost_limit is None or inp.cost_limit > 0


# --- the checker on our rewards -------------------------------------------------------------------


def test_checker_passes_the_named_rewards():
    check_reward_properties(get_reward("percentile"), bounds=(0.0, 1.0), scale_invariant=True)
    check_reward_properties(get_reward("afterburner"), bounds=(-1.0, 1.0))


# --- the checker on broken rewards: each breaks one property ---------------------------------------


def rank_or_zero(inp: RewardInput) -> float:
    return inp.rank if inp.passed else 0.0


_noise = random.SystemRandom()


def nondeterministic(inp: RewardInput) -> float:
    return percentile_reward(inp.passed, inp.rank) + 1e-3 * _noise.random()


def rewards_failure(inp: RewardInput) -> float:
    return 0.0 if inp.passed else 1.0


def rewards_cost(inp: RewardInput) -> float:
    # ranks reversed: the costliest passing code gets the most
    return percentile_reward(inp.passed, None if inp.rank is None else 1.0 - inp.rank)


def order_dependent(inp: RewardInput) -> float:
    # beats "the first" reference rather than all of them
    return 0.5 + 0.5 * (inp.reference_costs[0] >= inp.cost) if inp.passed else 0.0


def out_of_bounds(inp: RewardInput) -> float:
    return 1.0 + rank_or_zero(inp) if inp.passed else 0.0


def anchor_clip_at_90(inp: RewardInput) -> float:
    # the anchor's clip: a fixed 90 whatever the unit of the costs
    if not inp.passed or inp.previous_cost is None:
        return 0.0
    before, after = min(inp.previous_cost, 90.0), min(inp.cost, 90.0)
    return 0.5 + 0.5 * math.tanh((before - after) / (before + 1e-9))


@pytest.mark.parametrize(
    ("reward", "kwargs", "message"),
    [
        (nondeterministic, {}, "not deterministic"),
        (rewards_failure, {}, "failing response out-scored a passing one"),
        (rewards_cost, {}, "increases with cost"),
        (order_dependent, {}, "order of reference_costs"),
        (out_of_bounds, {"bounds": (0.0, 1.0)}, "outside bounds"),
        (anchor_clip_at_90, {"scale_invariant": True, "max_examples": 300}, "unit of cost"),
        (lambda inp: math.nan, {}, "not a finite number"),
        (lambda inp: "1.0", {}, "not a finite number"),
    ],
)
def test_checker_catches_broken_rewards(reward, kwargs, message):
    with pytest.raises(AssertionError, match=message):
        check_reward_properties(reward, **kwargs)


def test_checker_only_checks_units_when_asked():
    check_reward_properties(anchor_clip_at_90, bounds=(0.0, 1.0))
