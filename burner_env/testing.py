"""Hypothesis strategies and a property checker for reward functions (yours or ours).

This module needs Hypothesis, which comes with the ``dev`` extra (``pip install "burner-env[dev]"``);
``import burner_env`` never imports it.

Check a custom reward (any callable ``reward(inp: RewardInput) -> float``) from a plain test:

>>> from burner_env.rewards import RewardInput
>>> from burner_env.testing import check_reward_properties
>>> def my_reward(inp: RewardInput) -> float:
...     return 1.0 / (1.0 + inp.cost) if inp.passed else 0.0
>>> check_reward_properties(my_reward, bounds=(0.0, 1.0), max_examples=50)  # passes silently
>>> check_reward_properties(lambda inp: -my_reward(inp), max_examples=50)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AssertionError: a failing response out-scored a passing one: ...

The strategies are building blocks for your own properties:

>>> from hypothesis import given
>>> from burner_env.rewards import percentile_rank
>>> from burner_env.testing import costs, reference_costs
>>> @given(costs(), reference_costs())
... def test_rank_is_a_share(cost, references):
...     assert 0.0 <= percentile_rank(cost, references) <= 1.0
>>> test_rank_is_a_share()
"""

from __future__ import annotations

import dataclasses
import math

try:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "burner_env.testing needs Hypothesis; install it with: pip install 'burner-env[dev]'"
    ) from error

from burner_env.rewards import RewardFn, RewardInput

__all__ = [
    "MAX_COST",
    "MIN_POSITIVE_COST",
    "check_reward_properties",
    "costs",
    "evaluation_outcomes",
    "reference_costs",
    "response_texts",
    "reward_inputs",
]

MIN_POSITIVE_COST = 1e-6
"""Smallest non-zero cost drawn by :func:`costs`."""

MAX_COST = 1e6
"""Largest cost drawn by :func:`costs`."""

# Scaling by 2**k is exact in binary floating point for costs in the drawn range, so a scale
# property fails only when the reward really depends on the unit.
_SCALE_EXPONENTS = st.integers(min_value=-20, max_value=20)
# Rewards may sum or average; reordering the references may then move the last few bits.
_REL_TOL = 1e-9
_ABS_TOL = 1e-12


def costs() -> st.SearchStrategy[float]:
    """Costs: 0.0 or a float in ``[MIN_POSITIVE_COST, MAX_COST]`` (never NaN or infinite).

    About half of the non-zero costs are spread evenly over the orders of magnitude, so bugs tied to one
    unit (such as a fixed clip at 90) are met whatever unit the costs stand for.
    """
    spread = st.builds(
        lambda mantissa, exponent: mantissa * 10.0**exponent,
        st.floats(min_value=1.0, max_value=10.0, exclude_max=True),
        st.integers(min_value=-6, max_value=5),
    )
    anywhere = st.floats(min_value=MIN_POSITIVE_COST, max_value=MAX_COST)
    return st.one_of(st.just(0.0), spread, anywhere)


def reference_costs(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[tuple[float, ...]]:
    """Tuples of reference costs drawn from a pool of at most six values, so ties are common."""
    return _reference_costs(min_size, max_size)


@st.composite
def _reference_costs(draw: st.DrawFn, min_size: int, max_size: int) -> tuple[float, ...]:
    # Picking pool indices (rather than flat-mapping over the pool) keeps counterexamples shrinkable.
    pool = draw(st.lists(costs(), min_size=1, max_size=6, unique=True))
    picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=min_size, max_size=max_size))
    return tuple(pool[pick] for pick in picks)


def evaluation_outcomes() -> st.SearchStrategy[tuple[bool, float]]:
    """``(passed, cost)`` pairs: the outcome of evaluating one generation."""
    return st.tuples(st.booleans(), costs())


def response_texts() -> st.SearchStrategy[str]:
    """Responses in the paper's ``<thinking>…</thinking><solution>…</solution>`` format, or not."""
    plain = st.text(alphabet=st.characters(exclude_characters="<>"), max_size=40)
    well_formed = st.builds("<thinking>{}</thinking>\n<solution>{}</solution>".format, plain, plain)
    return st.one_of(well_formed, plain, st.text(max_size=80))


@st.composite
def reward_inputs(draw: st.DrawFn, passed: bool | None = None) -> RewardInput:
    """:class:`~burner_env.rewards.RewardInput` values; ``passed`` fixes the outcome if given.

    A passing input always has a cost; a failing one has a cost or None. The cost is often one of
    the reference costs, so ties are exercised.
    """
    references = draw(reference_costs())
    is_passed = draw(st.booleans()) if passed is None else passed
    cost = draw(st.one_of(st.sampled_from(references), costs()))
    if not is_passed:
        cost = draw(st.sampled_from([cost, None]))
    previous_passed = draw(st.sampled_from([None, False, True]))
    previous_cost = draw(st.one_of(st.sampled_from(references), costs())) if previous_passed else None
    cost_limit = draw(st.one_of(st.none(), st.floats(min_value=MIN_POSITIVE_COST, max_value=MAX_COST)))
    return RewardInput(
        response_text=draw(response_texts()),
        passed=is_passed,
        cost=cost,
        reference_costs=references,
        previous_passed=previous_passed,
        previous_cost=previous_cost,
        cost_limit=cost_limit,
    )


def _scaled(inp: RewardInput, factor: float) -> RewardInput:
    def scale(cost: float | None) -> float | None:
        return None if cost is None else cost * factor

    return dataclasses.replace(
        inp,
        cost=scale(inp.cost),
        reference_costs=tuple(cost * factor for cost in inp.reference_costs),
        previous_cost=scale(inp.previous_cost),
        cost_limit=scale(inp.cost_limit),
        tie_gap=inp.tie_gap * factor,
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=_ABS_TOL)


@dataclasses.dataclass(frozen=True)
class _Case:
    """A passing input and the variants of it that the standard properties compare it with."""

    passing: RewardInput
    failing: RewardInput  # ``passing`` that failed instead (its cost None or any)
    costlier: RewardInput  # ``passing`` at a cost at least as high
    permuted_references: tuple[float, ...]  # the same references in another order
    unit_factor: float  # a power of two: multiplying costs by it is exact


@st.composite
def _cases(draw: st.DrawFn) -> _Case:
    passing = draw(reward_inputs(passed=True))
    failing_cost = draw(st.one_of(st.none(), costs()))
    higher_cost = max(passing.cost, draw(costs()))
    return _Case(
        passing=passing,
        failing=dataclasses.replace(passing, passed=False, cost=failing_cost),
        costlier=dataclasses.replace(passing, cost=higher_cost),
        permuted_references=tuple(draw(st.permutations(passing.reference_costs))),
        unit_factor=2.0 ** draw(_SCALE_EXPONENTS),
    )


def check_reward_properties(
    reward_fn: RewardFn,
    *,
    bounds: tuple[float, float] | None = None,
    scale_invariant: bool = False,
    max_examples: int = 100,
) -> None:
    """Check the standard reward properties of ``reward_fn``; raise AssertionError on a counterexample.

    On each of ``max_examples`` generated :class:`~burner_env.rewards.RewardInput` values (and
    variants of it), in this order:

    1. finite: the reward is a finite ``int`` or ``float``, within ``bounds`` if given;
    2. deterministic: equal inputs give equal rewards;
    3. a failing response never out-scores a passing one, all else (text, references, previous
       code, limit) equal;
    4. monotone: among passing responses, a higher cost never scores more;
    5. invariant to the order of ``reference_costs``;
    6. with ``scale_invariant=True``: unchanged when every cost (and the limit) is multiplied by the
       same power of two, i.e. by a change of unit.

    Hypothesis shrinks a failure to a small counterexample, which the AssertionError shows. Call
    this from a plain test function, not from inside another ``@given`` test.
    """

    def score(inp: RewardInput) -> float:
        value = reward_fn(inp)
        assert isinstance(value, (int, float)) and math.isfinite(value), (
            f"reward is not a finite number: reward_fn({inp!r}) = {value!r}"
        )
        if bounds is not None:
            low, high = bounds
            assert low <= value <= high, f"reward {value!r} is outside bounds {bounds} for {inp!r}"
        return float(value)

    # Hypothesis' "explain" phase costs seconds per failure and adds nothing to the counterexample;
    # a slow generator is ours to fix, not the caller's, so its health check would only get in the way.
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        phases=[phase for phase in Phase if phase is not Phase.explain],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(_cases())
    def standard_properties(case: _Case) -> None:
        passing, failing = score(case.passing), score(case.failing)
        for inp, reward in ((case.passing, passing), (case.failing, failing)):
            again = score(dataclasses.replace(inp))
            assert reward == again, f"reward is not deterministic: {reward!r} then {again!r} for {inp!r}"

        assert failing <= passing, (
            f"a failing response out-scored a passing one: reward_fn({case.failing!r}) = {failing!r}"
            f" > reward_fn({case.passing!r}) = {passing!r}"
        )

        costlier = score(case.costlier)
        assert costlier <= passing, (
            f"reward increases with cost: reward_fn({case.passing!r}) = {passing!r}"
            f" < reward_fn({case.costlier!r}) = {costlier!r}"
        )

        for inp, reward in ((case.passing, passing), (case.failing, failing)):
            shuffled = dataclasses.replace(inp, reference_costs=case.permuted_references)
            shuffled_reward = score(shuffled)
            assert _close(reward, shuffled_reward), (
                f"reward depends on the order of reference_costs: reward_fn({inp!r}) = {reward!r}"
                f" but reward_fn({shuffled!r}) = {shuffled_reward!r}"
            )
            if scale_invariant:
                rescaled = _scaled(inp, case.unit_factor)
                rescaled_reward = score(rescaled)
                assert _close(reward, rescaled_reward), (
                    f"reward depends on the unit of cost: reward_fn({inp!r}) = {reward!r}"
                    f" but reward_fn({rescaled!r}) = {rescaled_reward!r}"
                )

    standard_properties()
