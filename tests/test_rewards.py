"""Tests of burner_env.rewards: worked examples, edge cases, and Hypothesis properties."""

from __future__ import annotations

import doctest
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from burner_env import rewards
from burner_env.rewards import (
    AFTERBURNER_WEIGHTS,
    RewardInput,
    afterburner_reward,
    correctness,
    correctness_transition,
    format_reward,
    get_reward,
    midrank_percentile,
    percentile_rank,
    percentile_reward,
    relative_efficiency,
)
from burner_env.testing import costs, reference_costs, response_texts

WELL_FORMED = (
    "<thinking>sort, then two pointers</thinking>\n<solution>\n```python\ndef f(): pass\n```\n</solution>"
)
REFERENCES = [10.0, 20.0, 30.0, 40.0]

ranks = st.floats(min_value=0.0, max_value=1.0)
weights = st.floats(min_value=0.0, max_value=10.0)
scale_factors = st.integers(min_value=-8, max_value=8).map(lambda exponent: 2.0**exponent)


def test_doctests_pass():
    assert doctest.testmod(rewards).failed == 0


def test_the_examples_in_docs_rewards_md_run():
    docs = Path(__file__).resolve().parents[1] / "docs" / "REWARDS.md"
    assert doctest.testfile(str(docs), module_relative=False).failed == 0


def test_importing_rewards_and_metrics_needs_no_optional_dependency():
    code = (
        "import sys, burner_env.rewards, burner_env.metrics; "
        "print(sorted(m for m in ('hypothesis', 'torch', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- percentile rank ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cost", "expected_rank", "expected_midrank"),
    [
        (5.0, 1.0, 1.0),  # cheaper than every reference
        (10.0, 1.0, 0.875),  # ties the cheapest: full credit, or half of it with midranks
        (20.0, 0.75, 0.625),
        (25.0, 0.5, 0.5),
        (40.0, 0.25, 0.125),
        (50.0, 0.0, 0.0),  # costlier than every reference
    ],
)
def test_percentile_rank_examples(cost, expected_rank, expected_midrank):
    assert percentile_rank(cost, REFERENCES) == expected_rank
    assert midrank_percentile(cost, REFERENCES) == expected_midrank


@pytest.mark.parametrize("rank_fn", [percentile_rank, midrank_percentile])
def test_rank_rejects_empty_references_and_nan(rank_fn):
    with pytest.raises(ValueError, match="reference_costs is empty"):
        rank_fn(1.0, [])
    with pytest.raises(ValueError, match="cost is NaN"):
        rank_fn(math.nan, [1.0])
    with pytest.raises(ValueError, match="contains NaN"):
        rank_fn(1.0, [1.0, math.nan])


@given(costs(), reference_costs())
def test_rank_is_a_share_of_the_references(cost, references):
    rank = percentile_rank(cost, references)
    assert 0.0 <= rank <= 1.0
    # a share of |D| items: an integer count over |D|
    count = rank * len(references)
    assert math.isclose(count, round(count))


@given(costs(), costs(), reference_costs())
def test_rank_is_non_increasing_in_cost(cost_a, cost_b, references):
    cheaper, costlier = sorted([cost_a, cost_b])
    assert percentile_rank(cheaper, references) >= percentile_rank(costlier, references)
    assert midrank_percentile(cheaper, references) >= midrank_percentile(costlier, references)


@given(st.data(), costs(), reference_costs())
def test_rank_ignores_reference_order(data, cost, references):
    shuffled = data.draw(st.permutations(references))
    assert percentile_rank(cost, shuffled) == percentile_rank(cost, references)
    assert midrank_percentile(cost, shuffled) == midrank_percentile(cost, references)


@given(costs(), reference_costs(), scale_factors)
def test_rank_is_invariant_to_the_unit(cost, references, factor):
    scaled = [reference * factor for reference in references]
    assert percentile_rank(cost * factor, scaled) == percentile_rank(cost, references)
    assert midrank_percentile(cost * factor, scaled) == midrank_percentile(cost, references)


@given(st.integers(0, 1000), st.lists(st.integers(0, 1000), min_size=1), st.integers(1, 10**6))
def test_rank_is_invariant_to_any_positive_factor_on_integer_costs(cost, references, factor):
    scaled = [float(reference * factor) for reference in references]
    assert percentile_rank(float(cost * factor), scaled) == percentile_rank(float(cost), references)


@given(costs(), reference_costs())
def test_rank_counts_the_references_at_least_as_costly(cost, references):
    at_least_as_costly = [reference for reference in references if reference >= cost]
    assert percentile_rank(cost, references) == len(at_least_as_costly) / len(references)


@given(reference_costs())
def test_rank_extremes(references):
    assert percentile_rank(min(references), references) == 1.0
    assert percentile_rank(max(references) + 1.0, references) == 0.0


@given(costs(), reference_costs(), costs())
def test_adding_a_costlier_reference_never_lowers_the_rank(cost, references, extra):
    before = percentile_rank(cost, references)
    after = percentile_rank(cost, [*references, extra])
    if extra >= cost:
        assert after >= before
    else:
        assert after <= before


@given(costs(), reference_costs())
def test_midrank_splits_ties_in_half(cost, references):
    ties = sum(reference == cost for reference in references)
    gap = percentile_rank(cost, references) - midrank_percentile(cost, references)
    assert math.isclose(gap, 0.5 * ties / len(references), abs_tol=1e-12)


@given(costs(), reference_costs())
def test_midranks_of_a_cost_and_of_its_mirror_sum_to_one(cost, references):
    # Negating every cost reverses the order: costlier refs become cheaper ones, ties stay ties.
    mirrored = midrank_percentile(-cost, [-reference for reference in references])
    assert math.isclose(midrank_percentile(cost, references) + mirrored, 1.0)


@given(reference_costs())
def test_mean_midrank_of_the_references_among_themselves_is_one_half(references):
    midranks = [midrank_percentile(reference, references) for reference in references]
    assert math.isclose(math.fsum(midranks) / len(midranks), 0.5)


# --- correctness and format -----------------------------------------------------------------------


def test_correctness():
    assert correctness(True) == 1.0
    assert correctness(False) == 0.0


@pytest.mark.parametrize(
    "response",
    [
        WELL_FORMED,
        "<thinking></thinking><solution></solution>",
        "  \n<thinking>a < b and b > c</thinking>   <solution>x = 1</solution>\n",
    ],
)
def test_format_reward_accepts_the_paper_format(response):
    assert format_reward(response) == 1.0


@pytest.mark.parametrize(
    "response",
    [
        "",
        "def f(): pass",
        "<solution>x</solution>",  # no thinking
        "<thinking>t</thinking>",  # no solution
        "<solution>x</solution><thinking>t</thinking>",  # wrong order
        "<thinking>t</thinking><solution>x</solution><solution>y</solution>",  # two solutions
        "<thinking>t</thinking><thinking>u</thinking><solution>x</solution>",  # two thinkings
        "<thinking>t<solution>x</solution></thinking><solution>y</solution>",  # nested
        "<thinking>t</thinking><solution>x</solution> trailing prose",
        "preamble <thinking>t</thinking><solution>x</solution>",
        "<thinking>t</thinking><solution>x",  # unclosed
    ],
)
def test_format_reward_rejects_anything_else(response):
    assert format_reward(response) == -1.0


@given(
    st.text(alphabet=st.characters(exclude_characters="<>")),
    st.text(alphabet=st.characters(exclude_characters="<>")),
)
def test_format_reward_accepts_any_tag_free_blocks(thinking, solution):
    assert format_reward(f"<thinking>{thinking}</thinking><solution>{solution}</solution>") == 1.0


@given(response_texts())
def test_format_reward_is_plus_or_minus_one(response):
    assert format_reward(response) in (-1.0, 1.0)


@given(st.text())
def test_format_reward_needs_a_solution_block(response):
    if "</solution>" not in response:
        assert format_reward(response) == -1.0


# --- default env reward ---------------------------------------------------------------------------


def test_percentile_reward_examples():
    assert percentile_reward(True, 0.75) == 0.875
    assert percentile_reward(True, 0.0) == 0.5
    assert percentile_reward(True, 1.0) == 1.0
    assert percentile_reward(False, None) == 0.0
    assert percentile_reward(False, 1.0) == 0.0  # a failing rank earns nothing
    assert percentile_reward(True, 0.5, w_correct=0.25, w_efficiency=0.75) == 0.625


@pytest.mark.parametrize("rank", [None, -0.1, 1.5, math.nan])
def test_percentile_reward_rejects_a_bad_rank_for_passing_code(rank):
    with pytest.raises(ValueError, match="rank in"):
        percentile_reward(True, rank)


@pytest.mark.parametrize("weight", [-1.0, math.inf, math.nan])
def test_percentile_reward_rejects_bad_weights(weight):
    with pytest.raises(ValueError, match="w_correct"):
        percentile_reward(True, 0.5, w_correct=weight)
    with pytest.raises(ValueError, match="w_efficiency"):
        percentile_reward(True, 0.5, w_efficiency=weight)


@given(st.booleans(), ranks, weights, weights)
def test_percentile_reward_is_bounded(passed, rank, w_correct, w_efficiency):
    reward = percentile_reward(passed, rank, w_correct=w_correct, w_efficiency=w_efficiency)
    assert 0.0 <= reward <= w_correct + w_efficiency


@given(ranks, ranks, weights, weights)
def test_percentile_reward_fail_never_beats_pass_and_rises_with_rank(rank_a, rank_b, w_correct, w_efficiency):
    low, high = sorted([rank_a, rank_b])

    def score(passed, rank):
        return percentile_reward(passed, rank, w_correct=w_correct, w_efficiency=w_efficiency)

    assert score(False, high) <= score(True, low) <= score(True, high)


# --- the paper's GRPO reward ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(False, True, 1.0), (True, True, 0.5), (False, False, -0.5), (True, False, -1.0)],
)
def test_correctness_transition_table(before, after, expected):
    assert correctness_transition(before, after) == expected


def test_relative_efficiency_examples():
    assert relative_efficiency(200.0, 100.0) == pytest.approx(math.tanh(0.5))
    assert relative_efficiency(100.0, 200.0) == pytest.approx(math.tanh(-1.0))
    assert relative_efficiency(100.0, 100.0) == 0.0
    assert relative_efficiency(100.0, -1.0) == pytest.approx(math.tanh(1.0))  # noise below 0 clips to 0


def test_relative_efficiency_fixes_the_anchor_units_bug():
    # Anchor: times in ms, clipped at 90 -> two runs of 200 ms and 100 ms both become 90: no signal.
    assert relative_efficiency(200.0, 100.0, cost_cap=90.0) == 0.0
    # Here the cap is the problem's limit in the costs' own unit, so the halving is rewarded...
    in_ms = relative_efficiency(200.0, 100.0, cost_cap=2000.0, eps=1e-6)
    # ...and the same runs measured in seconds (cap and eps converted too) score the same.
    in_s = relative_efficiency(0.2, 0.1, cost_cap=2.0, eps=1e-9)
    assert in_ms == pytest.approx(math.tanh(0.5))
    assert in_s == pytest.approx(in_ms)


def test_relative_efficiency_validates():
    with pytest.raises(ValueError, match="cost_cap"):
        relative_efficiency(1.0, 1.0, cost_cap=0.0)
    with pytest.raises(ValueError, match="eps"):
        relative_efficiency(1.0, 1.0, eps=0.0)
    with pytest.raises(ValueError, match="cost_after is NaN"):
        relative_efficiency(1.0, math.nan)
    with pytest.raises(ValueError, match="infinite"):
        relative_efficiency(1.0, math.inf)
    assert relative_efficiency(1.0, math.inf, cost_cap=3.0) == pytest.approx(math.tanh(-2.0), rel=1e-6)


caps = st.one_of(st.none(), st.floats(min_value=1e-6, max_value=1e6))


@given(costs(), costs(), caps)
def test_relative_efficiency_is_bounded_and_signed(cost_before, cost_after, cap):
    value = relative_efficiency(cost_before, cost_after, cost_cap=cap)
    assert -1.0 <= value <= 1.0
    upper = math.inf if cap is None else cap
    clipped_before, clipped_after = min(cost_before, upper), min(cost_after, upper)
    if clipped_after > clipped_before:
        assert value < 0
    elif clipped_after == clipped_before:
        assert value == 0
    else:
        assert value >= 0  # > 0 unless tanh of a tiny ratio rounds to 0


@given(costs(), costs(), costs(), caps)
def test_relative_efficiency_is_monotone(cost_before, cost_a, cost_b, cap):
    cheaper, costlier = sorted([cost_a, cost_b])
    # non-increasing in the new cost, non-decreasing in the input cost
    assert relative_efficiency(cost_before, cheaper, cost_cap=cap) >= relative_efficiency(
        cost_before, costlier, cost_cap=cap
    )
    assert relative_efficiency(cheaper, cost_before, cost_cap=cap) <= relative_efficiency(
        costlier, cost_before, cost_cap=cap
    )


@given(costs(), costs(), caps, scale_factors)
def test_relative_efficiency_is_invariant_to_a_consistent_change_of_unit(
    cost_before, cost_after, cap, factor
):
    eps = 1e-9
    original = relative_efficiency(cost_before, cost_after, cost_cap=cap, eps=eps)
    scaled = relative_efficiency(
        cost_before * factor,
        cost_after * factor,
        cost_cap=None if cap is None else cap * factor,
        eps=eps * factor,
    )
    assert math.isclose(original, scaled, rel_tol=1e-12, abs_tol=1e-15)


def test_afterburner_reward_examples():
    w_format, w_correct, w_efficiency = AFTERBURNER_WEIGHTS
    assert (w_format, w_correct, w_efficiency) == (0.2, 0.5, 0.3)
    assert afterburner_reward(WELL_FORMED, True, True, 200.0, 100.0) == pytest.approx(
        0.2 + 0.25 + 0.3 * math.tanh(0.5)
    )
    # new code fails: no efficiency term, whatever the costs
    assert afterburner_reward("no tags", True, False, 100.0, 1.0) == pytest.approx(-0.2 - 0.5)
    # no input cost (first attempt): correctness and format only
    assert afterburner_reward(WELL_FORMED, False, True, None, 5.0) == pytest.approx(0.2 + 0.5)
    with pytest.raises(ValueError, match="cost_after"):
        afterburner_reward(WELL_FORMED, False, True, 1.0, None)


passed_flags = st.booleans()
optional_costs = st.one_of(st.none(), costs())


@given(response_texts(), passed_flags, passed_flags, optional_costs, costs(), caps)
def test_afterburner_reward_is_bounded_and_decomposes(text, before, after, cost_before, cost_after, cap):
    total = afterburner_reward(text, before, after, cost_before, cost_after, cost_cap=cap)
    assert -1.0 <= total <= 1.0
    # whatever is left after format and correctness is 0.3 x an efficiency in [-1, 1], and 0 on a fail
    efficiency_part = total - 0.2 * format_reward(text) - 0.5 * correctness_transition(before, after)
    assert -0.3 - 1e-12 <= efficiency_part <= 0.3 + 1e-12
    if not after or cost_before is None:
        assert efficiency_part == pytest.approx(0.0, abs=1e-12)


@given(response_texts(), passed_flags, optional_costs, costs(), optional_costs, caps)
def test_afterburner_reward_fail_never_beats_pass(text, before, cost_before, cost_pass, cost_fail, cap):
    passing = afterburner_reward(text, before, True, cost_before, cost_pass, cost_cap=cap)
    failing = afterburner_reward(text, before, False, cost_before, cost_fail, cost_cap=cap)
    assert failing < passing


@given(response_texts(), passed_flags, optional_costs, costs(), costs(), caps)
def test_afterburner_reward_is_non_increasing_in_the_new_cost(text, before, cost_before, cost_a, cost_b, cap):
    cheaper, costlier = sorted([cost_a, cost_b])
    assert afterburner_reward(text, before, True, cost_before, cheaper, cost_cap=cap) >= afterburner_reward(
        text, before, True, cost_before, costlier, cost_cap=cap
    )


# --- named rewards --------------------------------------------------------------------------------


def test_reward_input_rank():
    passing = RewardInput("", passed=True, cost=20.0, reference_costs=tuple(REFERENCES))
    assert passing.rank == 0.75
    assert RewardInput("", passed=False, cost=20.0, reference_costs=(1.0,)).rank is None
    with pytest.raises(ValueError, match="needs its cost"):
        _ = RewardInput("", passed=True, cost=None, reference_costs=(1.0,)).rank


def test_named_percentile_reward_matches_the_building_blocks():
    reward = get_reward("percentile")
    inp = RewardInput(WELL_FORMED, passed=True, cost=20.0, reference_costs=tuple(REFERENCES))
    assert reward(inp) == percentile_reward(True, 0.75)
    assert get_reward("percentile", w_correct=1.0, w_efficiency=0.0)(inp) == 1.0


def test_named_afterburner_reward_uses_the_previous_code_and_the_limit():
    reward = get_reward("afterburner")
    common = dict(response_text=WELL_FORMED, passed=True, reference_costs=(1.0,))
    refined = RewardInput(**common, cost=100.0, previous_passed=True, previous_cost=200.0, cost_limit=1000.0)
    assert reward(refined) == afterburner_reward(WELL_FORMED, True, True, 200.0, 100.0, cost_cap=1000.0)
    # both runs above the limit are clipped to it: equal costs, no efficiency term
    over_limit = RewardInput(
        **common, cost=300.0, previous_passed=True, previous_cost=200.0, cost_limit=150.0
    )
    assert reward(over_limit) == pytest.approx(0.2 + 0.25)
    first_attempt = RewardInput(**common, cost=100.0)
    assert reward(first_attempt) == pytest.approx(0.2 + 0.5)  # no previous code counts as failing


def test_get_reward_errors_are_clear():
    with pytest.raises(ValueError, match="unknown reward 'fastest'; known rewards: afterburner, percentile"):
        get_reward("fastest")
    with pytest.raises(TypeError, match="'percentile' does not accept"):
        get_reward("percentile", cost_cap=1.0)


# --- no reference to rank against (issue 10, item 4) ----------------------------------------------


def test_a_pass_without_references_earns_correctness_only_and_never_raises():
    unranked = RewardInput(WELL_FORMED, passed=True, cost=3.0, reference_costs=())
    assert unranked.rank is None
    assert get_reward("percentile")(unranked) == 0.5  # w_c; the efficiency term is 0
    assert get_reward("percentile", w_correct=0.2, w_efficiency=0.8)(unranked) == pytest.approx(0.2)
    # still no better than the worst ranked pass, and better than any fail
    worst_ranked = RewardInput(WELL_FORMED, passed=True, cost=9.0, reference_costs=(1.0,))
    assert get_reward("percentile")(unranked) == get_reward("percentile")(worst_ranked)
    failed = RewardInput(WELL_FORMED, passed=False, cost=None, reference_costs=())
    assert get_reward("percentile")(failed) == 0.0
    assert get_reward("afterburner")(unranked) == pytest.approx(0.2 + 0.5)


# --- the relative term's floor (issue 10, item 5) -------------------------------------------------

PAGE_MIB = 4096 / 2**20


def test_every_cost_unit_has_a_floor():
    from burner_env.sandbox import MEASURES, Cost

    for mode in (m for m in MEASURES if m != "none"):
        for unit in Cost(mode=mode).units.values():
            assert rewards.cost_floor(unit) > 0, unit
    with pytest.raises(ValueError, match="unit 'furlongs' has no cost floor; known units: ms"):
        rewards.cost_floor("furlongs")


def test_the_floor_keeps_near_zero_memory_away_from_minus_one():
    floor = rewards.cost_floor("MiB")
    # Without a floor: growth from 0 is exactly -1, and one page growing to 17 is -1 to 13 digits.
    assert relative_efficiency(0.0, PAGE_MIB) == -1.0
    assert relative_efficiency(PAGE_MIB, 17 * PAGE_MIB) < -0.999999999
    # With it: a few pages against what running the program costs at least.
    assert relative_efficiency(0.0, PAGE_MIB, cost_floor=floor) == pytest.approx(-math.tanh(PAGE_MIB / floor))
    assert -0.01 < relative_efficiency(PAGE_MIB, 17 * PAGE_MIB, cost_floor=floor) < 0
    # A real gain is still rewarded: halving 64 MiB of growth.
    assert relative_efficiency(64.0, 32.0, cost_floor=floor) == pytest.approx(math.tanh(32 / 72))
    inp = RewardInput(WELL_FORMED, passed=True, cost=17 * PAGE_MIB, reference_costs=(), previous_passed=True,
                      previous_cost=PAGE_MIB, cost_floor=floor)
    assert get_reward("afterburner")(inp) > 0.2 + 0.25 - 0.3 * 0.01


@pytest.mark.parametrize("floor", [-1.0, math.inf, math.nan])
def test_relative_efficiency_rejects_a_bad_floor(floor):
    with pytest.raises(ValueError, match="cost_floor"):
        relative_efficiency(1.0, 2.0, cost_floor=floor)


floors = st.floats(min_value=1e-6, max_value=1e9)  # every property holds for any positive floor


@given(costs(), costs(), caps, floors)
def test_floored_relative_efficiency_is_bounded_and_signed(cost_before, cost_after, cap, floor):
    value = relative_efficiency(cost_before, cost_after, cost_cap=cap, cost_floor=floor)
    assert -1.0 <= value <= 1.0
    upper = math.inf if cap is None else cap
    before, after = min(max(cost_before, 0.0), upper), min(max(cost_after, 0.0), upper)
    assert (value < 0) == (after > before) or value == 0.0  # tanh of a tiny ratio may round to 0
    if after == before:
        assert value == 0.0


@given(costs(), costs(), caps, floors)
def test_floored_relative_efficiency_is_antisymmetric_ish(cost_a, cost_b, cap, floor):
    there = relative_efficiency(cost_a, cost_b, cost_cap=cap, cost_floor=floor)
    back = relative_efficiency(cost_b, cost_a, cost_cap=cap, cost_floor=floor)
    assert there * back <= 0  # opposite signs (or a zero)
    # The way up weighs at least as much as the way down: a round trip never gains.
    assert there + back <= 1e-12


@given(st.floats(min_value=0.0, max_value=1e5), st.sampled_from([-1, 1]))
def test_a_one_page_change_of_memory_is_never_plus_or_minus_one(memory_mib, direction):
    floor = rewards.cost_floor("MiB")
    after = max(memory_mib + direction * PAGE_MIB, 0.0)
    value = relative_efficiency(memory_mib, after, cost_floor=floor)
    assert abs(value) <= math.tanh(PAGE_MIB / floor) + 1e-15 < 0.001


@given(costs(), costs(), costs(), caps, floors)
def test_floored_relative_efficiency_is_monotone(cost_before, cost_a, cost_b, cap, floor):
    cheaper, costlier = sorted([cost_a, cost_b])

    def term(before: float, after: float) -> float:
        return relative_efficiency(before, after, cost_cap=cap, cost_floor=floor)

    assert term(cost_before, cheaper) >= term(cost_before, costlier)  # non-increasing in the new cost
    assert term(cheaper, cost_before) <= term(costlier, cost_before)  # non-decreasing in the input cost


@given(costs(), costs(), st.floats(min_value=0.0, max_value=1e4), st.floats(min_value=0.0, max_value=1e4))
def test_a_larger_floor_never_makes_the_term_larger(cost_before, cost_after, floor_a, floor_b):
    small, large = sorted([floor_a, floor_b])
    assert abs(relative_efficiency(cost_before, cost_after, cost_floor=large)) <= abs(
        relative_efficiency(cost_before, cost_after, cost_floor=small)) + 1e-15


@given(costs(), costs(), caps, floors, scale_factors)
def test_floored_relative_efficiency_is_invariant_to_a_consistent_change_of_unit(
    cost_before, cost_after, cap, floor, factor
):
    original = relative_efficiency(cost_before, cost_after, cost_cap=cap, cost_floor=floor, eps=1e-9)
    scaled = relative_efficiency(cost_before * factor, cost_after * factor,
                                 cost_cap=None if cap is None else cap * factor,
                                 cost_floor=floor * factor, eps=1e-9 * factor)
    assert math.isclose(original, scaled, rel_tol=1e-12, abs_tol=1e-15)
