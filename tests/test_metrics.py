"""Tests of burner_env.metrics: worked examples, brute-force cross-checks, and Hypothesis properties."""

from __future__ import annotations

import doctest
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from burner_env import metrics
from burner_env.metrics import RankShares, beyond, bootstrap_ci, pass_at_k, rank_categories
from burner_env.rewards import percentile_rank
from burner_env.testing import evaluation_outcomes, reference_costs


def test_doctests_pass():
    assert doctest.testmod(metrics).failed == 0


# --- pass@k ---------------------------------------------------------------------------------------


@st.composite
def sample_counts(draw, max_n=200):
    """(n, c, k) with 1 <= k <= n and 0 <= c <= n."""
    n = draw(st.integers(1, max_n))
    return n, draw(st.integers(0, n)), draw(st.integers(1, n))


def brute_force_pass_at_k(n: int, c: int, k: int) -> float:
    """Share of the k-subsets of n samples (the first c passing) that hold a passing sample."""
    subsets = list(itertools.combinations(range(n), k))
    return sum(any(sample < c for sample in subset) for subset in subsets) / len(subsets)


@given(sample_counts(max_n=9))
def test_pass_at_k_matches_brute_force_enumeration(counts):
    n, c, k = counts
    assert math.isclose(pass_at_k(n, c, k), brute_force_pass_at_k(n, c, k), rel_tol=1e-12, abs_tol=1e-12)


@given(sample_counts())
def test_pass_at_k_matches_exact_binomials(counts):
    n, c, k = counts
    exact = 1 - Fraction(math.comb(n - c, k), math.comb(n, k))
    assert math.isclose(pass_at_k(n, c, k), float(exact), rel_tol=1e-9, abs_tol=1e-12)


def test_pass_at_k_is_stable_where_the_binomials_overflow_floats():
    # C(2000, 1000) is about 1e600: the direct float formula would give inf / inf.
    assert math.isclose(pass_at_k(2000, 1, 1000), 0.5, rel_tol=1e-12)
    assert pass_at_k(2000, 1000, 1) == pytest.approx(0.5)


@given(sample_counts())
def test_pass_at_k_bounds_and_special_cases(counts):
    n, c, k = counts
    value = pass_at_k(n, c, k)
    assert 0.0 <= value <= 1.0
    assert pass_at_k(n, c, 1) == pytest.approx(c / n)
    assert pass_at_k(n, 0, k) == 0.0
    assert pass_at_k(n, n, k) == 1.0


@given(sample_counts())
def test_pass_at_k_rises_with_c_and_with_k(counts):
    n, c, k = counts
    if c < n:
        assert pass_at_k(n, c + 1, k) >= pass_at_k(n, c, k)
    if k < n:
        assert pass_at_k(n, c, k + 1) >= pass_at_k(n, c, k)


@pytest.mark.parametrize(
    ("n", "c", "k", "error"),
    [
        (0, 0, 1, ValueError),
        (5, 6, 1, ValueError),
        (5, -1, 1, ValueError),
        (5, 2, 0, ValueError),
        (5, 2, 6, ValueError),
        (5.0, 2, 1, TypeError),
        (5, True, 1, TypeError),
    ],
)
def test_pass_at_k_validates(n, c, k, error):
    with pytest.raises(error):
        pass_at_k(n, c, k)


# --- Beyond and B/M/W/F ---------------------------------------------------------------------------


@st.composite
def generation_ranks(draw):
    """Ranks of 1..20 generations against one reference set: a rank if passed, None if failed."""
    references = draw(reference_costs())
    outcomes = draw(st.lists(evaluation_outcomes(), min_size=1, max_size=20))
    return [percentile_rank(cost, references) if passed else None for passed, cost in outcomes]


def test_beyond_and_categories_examples():
    ranks = [1.0, 0.5, None, 0.0]
    assert beyond(ranks) == 0.375
    assert rank_categories(ranks) == RankShares(better=0.25, middle=0.25, worse=0.25, failed=0.25)
    assert beyond([None, None]) == 0.0
    assert rank_categories([0.3]) == RankShares(0.0, 1.0, 0.0, 0.0)


@pytest.mark.parametrize("fn", [beyond, rank_categories])
@pytest.mark.parametrize(
    ("ranks", "message"), [([], "empty"), ([0.5, 1.5], r"ranks\[1\]"), ([math.nan], "ranks")]
)
def test_beyond_and_categories_validate(fn, ranks, message):
    with pytest.raises(ValueError, match=message):
        fn(ranks)


@given(generation_ranks())
def test_beyond_is_at_most_pass_at_1(ranks):
    n, c = len(ranks), sum(rank is not None for rank in ranks)
    score = beyond(ranks)
    assert 0.0 <= score <= pass_at_k(n, c, 1) + 1e-12
    if all(rank == 1.0 for rank in ranks if rank is not None):
        assert score == pytest.approx(pass_at_k(n, c, 1))


@given(generation_ranks(), st.randoms(use_true_random=False))
def test_beyond_and_categories_ignore_generation_order(ranks, random):
    shuffled = list(ranks)
    random.shuffle(shuffled)
    assert beyond(shuffled) == pytest.approx(beyond(ranks))
    assert rank_categories(shuffled) == rank_categories(ranks)


@given(reference_costs(), st.lists(evaluation_outcomes(), min_size=1, max_size=20), st.data())
def test_beyond_never_drops_when_a_generation_gets_cheaper_or_starts_passing(references, outcomes, data):
    index = data.draw(st.integers(0, len(outcomes) - 1))
    _, cost = outcomes[index]
    cheaper = data.draw(st.floats(min_value=0.0, max_value=cost))
    improved = list(outcomes)
    improved[index] = (True, cheaper)

    def score(generations):
        return beyond([percentile_rank(cost, references) if passed else None for passed, cost in generations])

    assert score(improved) >= score(outcomes) - 1e-12


@given(generation_ranks())
def test_categories_are_shares_consistent_with_beyond_and_pass_at_1(ranks):
    shares = rank_categories(ranks)
    assert all(0.0 <= share <= 1.0 for share in shares)
    assert math.isclose(sum(shares), 1.0)
    n, c = len(ranks), sum(rank is not None for rank in ranks)
    assert shares.failed == pytest.approx(1.0 - pass_at_k(n, c, 1))
    # B counts fully toward Beyond, W not at all, M partly
    assert shares.better - 1e-12 <= beyond(ranks) <= shares.better + shares.middle + 1e-12


# --- bootstrap confidence intervals ---------------------------------------------------------------

sample_values = st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=30)
confidences = st.floats(min_value=0.5, max_value=0.99)
few_resamples = settings(max_examples=50, deadline=None)


@few_resamples
@given(st.floats(min_value=-1e6, max_value=1e6), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_bootstrap_ci_of_constant_data_is_that_constant(value, size, seed):
    values = [value] * size
    for statistic in (np.mean, np.median):
        expected = float(statistic(np.array(values)))
        assert bootstrap_ci(values, statistic, n_resamples=100, seed=seed) == (expected, expected)


@few_resamples
@given(sample_values, confidences, st.integers(0, 2**32 - 1))
def test_bootstrap_ci_is_deterministic_ordered_and_within_the_data(values, confidence, seed):
    interval = bootstrap_ci(values, confidence=confidence, n_resamples=200, seed=seed)
    assert interval == bootstrap_ci(values, confidence=confidence, n_resamples=200, seed=seed)
    low, high = interval
    assert min(values) - 1e-6 <= low <= high <= max(values) + 1e-6


@few_resamples
@given(sample_values, confidences, confidences, st.integers(0, 2**32 - 1))
def test_bootstrap_ci_widens_with_confidence(values, confidence_a, confidence_b, seed):
    lower, higher = sorted([confidence_a, confidence_b])
    narrow = bootstrap_ci(values, confidence=lower, n_resamples=200, seed=seed)
    wide = bootstrap_ci(values, confidence=higher, n_resamples=200, seed=seed)
    assert wide[0] <= narrow[0] <= narrow[1] <= wide[1]


def test_bootstrap_ci_depends_on_the_seed_and_covers_the_true_mean_about_95_percent():
    rng = np.random.default_rng(12345)
    trials = 200
    covered = 0
    for trial in range(trials):
        sample = rng.normal(loc=1.0, scale=1.0, size=40)
        low, high = bootstrap_ci(sample, n_resamples=400, seed=trial)
        covered += low <= 1.0 <= high
    # a 95 % interval: about 190 of 200; a broken quantile (e.g. the 2.5 % and 5 % points) would miss
    assert 0.88 <= covered / trials <= 0.99
    sample = rng.normal(size=30)
    assert bootstrap_ci(sample, seed=1) != bootstrap_ci(sample, seed=2)


@pytest.mark.parametrize("confidence", [0.5, 0.8, 0.95])
def test_bootstrap_ci_cuts_equal_tails_of_a_known_bootstrap_distribution(confidence):
    # The first element of a resample is a uniform draw from the values, so with values 0..99 the
    # bootstrap distribution of this statistic is uniform on 0..99 and its quantiles are known.
    values = np.arange(100.0)
    low, high = bootstrap_ci(values, lambda resample: resample[0], confidence, n_resamples=20000, seed=3)
    tail = (1 - confidence) / 2
    assert low == pytest.approx(100 * tail, abs=3)
    assert high == pytest.approx(100 * (1 - tail), abs=3)


def test_bootstrap_ci_shrinks_with_more_data():
    rng = np.random.default_rng(7)
    small = rng.normal(size=20)
    large = rng.normal(size=2000)
    small_low, small_high = bootstrap_ci(small, n_resamples=500)
    large_low, large_high = bootstrap_ci(large, n_resamples=500)
    assert large_high - large_low < (small_high - small_low) / 4  # width ~ 1/sqrt(n): ratio 10


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": []}, "non-empty"),
        ({"values": [1.0, math.nan]}, "NaN"),
        ({"values": [1.0], "confidence": 1.0}, "confidence"),
        ({"values": [1.0], "confidence": 0.0}, "confidence"),
        ({"values": [1.0], "n_resamples": 0}, "n_resamples"),
    ],
)
def test_bootstrap_ci_validates(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bootstrap_ci(**kwargs)
