"""Pure reward functions: correctness, efficiency percentile, format, and the paper's relative reward.

Nothing here does I/O or measures anything; every function maps numbers (and, for the format reward,
the response text) to a float, so each one can be property-tested (see ``burner_env.testing``).

Costs are "lower is better" numbers in one unit chosen by the caller (CPU seconds, instructions,
bytes, byte-seconds); functions that compare costs require every cost they receive to be in the same
unit. The formulas, with worked examples, are in ``docs/REWARDS.md``.

Two levels:

* building blocks with explicit arguments: :func:`percentile_rank`, :func:`midrank_percentile`,
  :func:`correctness`, :func:`format_reward`, :func:`percentile_reward`,
  :func:`correctness_transition`, :func:`relative_efficiency`, :func:`afterburner_reward`;
* *named rewards* the environment calls with one :class:`RewardInput` per evaluated response:
  ``"percentile"`` (the default) and ``"afterburner"``, looked up with :func:`get_reward`. A custom
  reward is any callable ``reward(inp: RewardInput) -> float``.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from burner_env.parsing import follows_format

__all__ = [
    "AFTERBURNER_WEIGHTS",
    "COST_FLOORS",
    "DEFAULT_EFFICIENCY_EPS",
    "DEFAULT_W_CORRECT",
    "DEFAULT_W_EFFICIENCY",
    "REWARDS",
    "RewardFn",
    "RewardInput",
    "afterburner_reward",
    "afterburner_step_reward",
    "correctness",
    "correctness_transition",
    "cost_floor",
    "format_reward",
    "get_reward",
    "midrank_percentile",
    "percentile_rank",
    "percentile_reward",
    "percentile_step_reward",
    "relative_efficiency",
]

DEFAULT_W_CORRECT = 0.5
"""Default weight of correctness in :func:`percentile_reward`."""

DEFAULT_W_EFFICIENCY = 0.5
"""Default weight of the efficiency percentile in :func:`percentile_reward`."""

AFTERBURNER_WEIGHTS = (0.2, 0.5, 0.3)
"""The paper's weights of (format, correctness transition, efficiency) in :func:`afterburner_reward`."""

DEFAULT_EFFICIENCY_EPS = 1e-9
"""Guard against a zero input cost in :func:`relative_efficiency`, in the unit of the costs."""

COST_FLOORS: dict[str, float] = {
    "ms": 10.0,
    "instructions": 25e6,
    "MiB": 8.0,
    "MiB·ms": 8.0 * 10.0,
    "MiB·Minstr": 8.0 * 25.0,
}
"""Per unit of cost, the floor :func:`relative_efficiency` adds to both costs before comparing them.

Our costs are measured *above* a null submission's, so they are often 0 or a few 4 KiB pages; the
paper's costs are absolute and include the interpreter. The floors are a bare CPython start-up
(``python -S -c pass`` on the development VM: about 8 MiB resident, 10–16 ms of CPU, 28 M
instructions), rounded down, and their product for the integrals. They are constants rather than a
reading of this machine, so a reward never depends on where it was computed. See docs/REWARDS.md.
"""


# --------------------------------------------------------------------------------------------------
# Efficiency percentile (the paper's "Beyond" rank)
# --------------------------------------------------------------------------------------------------


def _checked_cost(cost: float, name: str = "cost") -> float:
    value = float(cost)
    if math.isnan(value):
        raise ValueError(f"{name} is NaN; a cost must be a number (lower is better)")
    return value


def _checked_reference_costs(reference_costs: Sequence[float]) -> np.ndarray:
    references = np.asarray(reference_costs, dtype=float)
    if references.ndim != 1:
        raise ValueError(f"reference_costs must be a flat sequence of numbers, got shape {references.shape}")
    if references.size == 0:
        raise ValueError(
            "reference_costs is empty: a percentile rank needs the costs of at least one passing "
            "reference solution, measured in the same unit and mode as the candidate"
        )
    if np.isnan(references).any():
        raise ValueError("reference_costs contains NaN; every reference cost must be a number")
    return references


def percentile_rank(cost: float, reference_costs: Sequence[float], *, tie_gap: float = 0.0) -> float:
    """Share of reference costs that are at least ``cost``: the paper's "Beyond" rank.

    ``rank(x, D) = |{d in D : d >= x - tie_gap}| / |D|``

    Lower cost is better, so 1.0 means the candidate is at least as cheap as every reference and 0.0
    means every reference is strictly cheaper. Ties count for the candidate; ``tie_gap`` (in the costs'
    unit) widens a tie to references that far below ``cost``: an exact count's jitter
    (``Cost.tie_gap``), so that a copy of a reference ties it on every reading. With ``tie_gap=0`` the
    rank depends only on the order of the costs, so it is invariant to the order of ``reference_costs``
    and to any change of unit (multiplying every cost, and ``tie_gap``, by the same positive constant).

    >>> percentile_rank(20.0, [10.0, 20.0, 30.0, 40.0])
    0.75
    >>> percentile_rank(10_300.0, [10_000.0, 20_000.0], tie_gap=2_000.0)
    1.0

    Raises:
        ValueError: ``reference_costs`` is empty, or ``cost`` or a reference cost is NaN.
    """
    if not (math.isfinite(tie_gap) and tie_gap >= 0):
        raise ValueError(f"tie_gap must be a finite number >= 0, got {tie_gap!r}")
    candidate = _checked_cost(cost)
    references = _checked_reference_costs(reference_costs)
    return int(np.count_nonzero(references >= candidate - tie_gap)) / references.size


def midrank_percentile(cost: float, reference_costs: Sequence[float]) -> float:
    """Like :func:`percentile_rank`, but a tie counts half.

    ``midrank(x, D) = (|{d in D : d > x}| + 0.5 * |{d in D : d = x}|) / |D|``

    Use it when a candidate that merely equals a reference should not get that reference's full
    credit (e.g. when many references share one cost, as in instruction-count mode).

    >>> midrank_percentile(20.0, [10.0, 20.0, 30.0, 40.0])
    0.625

    Raises:
        ValueError: ``reference_costs`` is empty, or ``cost`` or a reference cost is NaN.
    """
    candidate = _checked_cost(cost)
    references = _checked_reference_costs(reference_costs)
    costlier = int(np.count_nonzero(references > candidate))
    tied = int(np.count_nonzero(references == candidate))
    return (costlier + 0.5 * tied) / references.size


# --------------------------------------------------------------------------------------------------
# Correctness and format
# --------------------------------------------------------------------------------------------------


def correctness(passed: bool) -> float:
    """1.0 if the code passed every test, else 0.0."""
    return 1.0 if passed else 0.0


def format_reward(response_text: str) -> float:
    """+1.0 if ``response_text`` follows the paper's format, else -1.0 (the paper's format term).

    The format (:func:`burner_env.parsing.follows_format`): one ``<thinking>`` block, then one
    ``<solution>`` block, neither containing another tag, nothing else but surrounding whitespace.

    >>> format_reward("<thinking>use a heap</thinking>\\n<solution>def f(): pass</solution>")
    1.0
    >>> format_reward("def f(): pass")
    -1.0
    """
    return 1.0 if follows_format(response_text) else -1.0


# --------------------------------------------------------------------------------------------------
# Default env reward
# --------------------------------------------------------------------------------------------------


def _check_weight(name: str, weight: float) -> None:
    if not (math.isfinite(weight) and weight >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {weight!r}")


def percentile_reward(
    passed: bool,
    rank: float | None,
    *,
    w_correct: float = DEFAULT_W_CORRECT,
    w_efficiency: float = DEFAULT_W_EFFICIENCY,
) -> float:
    """The default env reward: ``w_correct * correct + w_efficiency * correct * rank``.

    ``correct`` is 1 if the code passed, else 0, so a failing response scores 0 whatever its rank
    (pass ``rank=None`` for it) and a passing one scores between ``w_correct`` and
    ``w_correct + w_efficiency``. With the defaults (0.5, 0.5) the reward lies in [0, 1]: half for
    being correct, half for beating the reference solutions.

    >>> percentile_reward(True, 0.75)
    0.875
    >>> percentile_reward(False, None)
    0.0

    Raises:
        ValueError: ``passed`` is true and ``rank`` is None or outside [0, 1]; a weight is negative.
    """
    _check_weight("w_correct", w_correct)
    _check_weight("w_efficiency", w_efficiency)
    if not passed:
        return 0.0
    if rank is None or not 0.0 <= rank <= 1.0:
        raise ValueError(f"a passing response needs a rank in [0, 1], got {rank!r}")
    return w_correct + w_efficiency * rank


# --------------------------------------------------------------------------------------------------
# The paper's GRPO reward
# --------------------------------------------------------------------------------------------------


def correctness_transition(passed_before: bool, passed_after: bool) -> float:
    """The paper's correctness term, by transition from the input code to the new code.

    ============  ===========  =====
    before        after        value
    ============  ===========  =====
    fail          pass         +1.0
    pass          pass         +0.5
    fail          fail         -0.5
    pass          fail         -1.0
    ============  ===========  =====
    """
    if passed_after:
        return 0.5 if passed_before else 1.0
    return -1.0 if passed_before else -0.5


def cost_floor(unit: str) -> float:
    """The floor of :data:`COST_FLOORS` for costs in ``unit`` (a ``Cost.units`` value, e.g. ``"MiB"``).

    Raises:
        ValueError: ``unit`` has no floor; the message lists the units that have one.
    """
    try:
        return COST_FLOORS[unit]
    except KeyError:
        raise ValueError(f"unit {unit!r} has no cost floor; known units: {', '.join(COST_FLOORS)}") from None


def relative_efficiency(
    cost_before: float,
    cost_after: float,
    *,
    cost_cap: float | None = None,
    cost_floor: float = 0.0,
    eps: float = DEFAULT_EFFICIENCY_EPS,
) -> float:
    """``tanh((E_in - E_out) / (E_in + floor + eps))`` on costs clipped to ``[0, cost_cap]``.

    That is the paper's ``tanh((E_in - E_out) / E_in)`` on the floored costs ``E + floor``. Positive
    when the new code is cheaper than the input code, negative when it is costlier, in [-1, 1].
    ``cost_cap``, ``cost_floor`` and ``eps`` are in **the same unit as the costs**. The cap bounds
    the cost of a run that hit a resource limit; pass the problem's limit (e.g. its time limit)
    converted to that unit. ``None`` clips only below, at 0 (a baseline-corrected cost can dip under
    0 by noise).

    Why the floor: costs measured above a baseline are often 0 or a few pages, and without a floor
    any growth from 0 scores -1 and one page growing to 17 scores ``tanh(-16) = -1.0``. With the
    floor of the costs' unit (:func:`cost_floor`; the env passes it) a change is measured against
    what running the program costs at least, as in the paper's absolute costs.

    Why the unit matters: the anchor implementation clipped time at 90 while measuring
    milliseconds, so any two runs slower than 90 ms were both clipped to 90 and scored
    ``tanh(0) = 0``: no efficiency signal at all for most real programs. Here the cap is an explicit
    argument in the costs' own unit, and with ``cost_cap=None`` nothing but negative noise is clipped
    (``tanh`` already bounds the result). Converting costs, cap and ``eps`` to another unit together
    leaves the value unchanged, when the floor is converted with them.

    >>> round(relative_efficiency(200.0, 100.0), 4)  # twice as fast: tanh(0.5)
    0.4621
    >>> relative_efficiency(0.0, 1 / 256)  # memory in MiB, no floor: any growth from 0 is -1
    -1.0
    >>> round(relative_efficiency(1 / 256, 17 / 256), 9)  # one page grows to 17: tanh(-16)
    -1.0
    >>> round(relative_efficiency(1 / 256, 17 / 256, cost_floor=cost_floor("MiB")), 4)
    -0.0078

    Raises:
        ValueError: a cost is NaN, or infinite with no cap; ``cost_cap`` or ``eps`` is not > 0;
            ``cost_floor`` is not a finite number >= 0.
    """
    if cost_cap is not None and not cost_cap > 0:
        raise ValueError(f"cost_cap must be > 0 (in the unit of the costs) or None, got {cost_cap!r}")
    if not (math.isfinite(cost_floor) and cost_floor >= 0):
        raise ValueError(f"cost_floor must be a finite number >= 0 (in the unit of the costs), got {cost_floor!r}")
    if not eps > 0:
        raise ValueError(f"eps must be > 0, got {eps!r}")
    upper = math.inf if cost_cap is None else cost_cap
    e_in = min(max(_checked_cost(cost_before, "cost_before"), 0.0), upper)
    e_out = min(max(_checked_cost(cost_after, "cost_after"), 0.0), upper)
    if math.isinf(e_in) or math.isinf(e_out):
        raise ValueError("an infinite cost has no ratio; pass cost_cap to clip it")
    return math.tanh((e_in - e_out) / (e_in + cost_floor + eps))


def afterburner_reward(
    response_text: str,
    passed_before: bool,
    passed_after: bool,
    cost_before: float | None,
    cost_after: float | None,
    *,
    cost_cap: float | None = None,
    cost_floor: float = 0.0,
    eps: float = DEFAULT_EFFICIENCY_EPS,
) -> float:
    """The paper's GRPO reward: ``0.2 * format + 0.5 * correctness + 0.3 * efficiency``.

    * format: :func:`format_reward` of ``response_text`` (+1 / -1);
    * correctness: :func:`correctness_transition` from the input code to the new code;
    * efficiency: :func:`relative_efficiency` of ``cost_before`` (E_in) and ``cost_after`` (E_out)
      when the new code passes and the input code has a cost; 0 otherwise.

    The total lies in [-1, 1]. Other things equal, a passing response always scores more than a
    failing one (the worst pass, -0.05 before the format term, beats the best fail, -0.25), and
    a cheaper ``cost_after`` never scores less. All costs, ``cost_cap`` and ``cost_floor`` share one
    unit; see :func:`relative_efficiency` for the floor and for the anchor's unit bug this fixes.

    >>> response = "<thinking>halve the work</thinking><solution>...</solution>"
    >>> round(afterburner_reward(response, True, True, cost_before=200.0, cost_after=100.0), 4)
    0.5886

    Raises:
        ValueError: ``passed_after`` is true but ``cost_after`` is None; a cost is NaN.
    """
    w_format, w_correct, w_efficiency = AFTERBURNER_WEIGHTS
    efficiency = 0.0
    if passed_after:
        if cost_after is None:
            raise ValueError("a passing response needs cost_after (its measured cost)")
        if cost_before is not None:
            efficiency = relative_efficiency(cost_before, cost_after, cost_cap=cost_cap,
                                             cost_floor=cost_floor, eps=eps)
    return (
        w_format * format_reward(response_text)
        + w_correct * correctness_transition(passed_before, passed_after)
        + w_efficiency * efficiency
    )


# --------------------------------------------------------------------------------------------------
# Named rewards: one RewardInput per evaluated response
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RewardInput:
    """What the environment knows about one evaluated response; the argument of every named reward.

    All costs share one unit (that of the env's measurement mode).

    Attributes:
        response_text: the agent's raw response (what :func:`format_reward` looks at).
        passed: whether the extracted code passed every test.
        cost: the measured cost of this code; may be None when it failed.
        reference_costs: costs of the problem's passing reference solutions (the percentile's D);
            empty when no reference passed (or the problem has none): then there is no rank.
        previous_passed: whether the code this response refines passed; None when there is no
            previous code (first attempt), which counts as failing.
        previous_cost: cost of that previous code; None when unknown or when it failed.
        cost_limit: the problem's resource limit in the unit of the costs (e.g. its time limit);
            rewards that clip costs clip here. None when unknown.
        cost_floor: the floor relative terms add to the costs (:func:`cost_floor` of their unit;
            the env sets it); 0 adds none.
        tie_gap: how far below ``cost`` a reference cost still ties it in the rank (``Cost.tie_gap``:
            an exact count's jitter; the env sets it); 0: only equal costs tie.
    """

    response_text: str
    passed: bool
    cost: float | None
    reference_costs: tuple[float, ...]
    previous_passed: bool | None = None
    previous_cost: float | None = None
    cost_limit: float | None = None
    cost_floor: float = 0.0
    tie_gap: float = 0.0

    @property
    def rank(self) -> float | None:
        """:func:`percentile_rank` of ``cost`` among ``reference_costs``; None when the code failed
        or there is no reference cost to rank it against."""
        if not self.passed:
            return None
        if self.cost is None:
            raise ValueError("a passing RewardInput needs its cost")
        if not self.reference_costs:
            return None
        return percentile_rank(self.cost, self.reference_costs, tie_gap=self.tie_gap)


RewardFn = Callable[[RewardInput], float]
"""The signature of a named or custom reward: ``reward(inp: RewardInput) -> float``."""


def percentile_step_reward(
    inp: RewardInput,
    *,
    w_correct: float = DEFAULT_W_CORRECT,
    w_efficiency: float = DEFAULT_W_EFFICIENCY,
) -> float:
    """Named reward ``"percentile"`` (the env's default): :func:`percentile_reward` of ``inp.rank``.

    Bounded in ``[0, w_correct + w_efficiency]``, scale-invariant, invariant to reference order.
    Without a reference cost (no reference solution passed, or the problem has none) a passing
    response earns the correctness term only: its efficiency term is 0, as for the worst rank.

    >>> percentile_step_reward(RewardInput("", passed=True, cost=3.0, reference_costs=()))
    0.5
    """
    if inp.passed and not inp.reference_costs:
        return percentile_reward(True, 0.0, w_correct=w_correct, w_efficiency=w_efficiency)
    return percentile_reward(inp.passed, inp.rank, w_correct=w_correct, w_efficiency=w_efficiency)


def afterburner_step_reward(inp: RewardInput, *, eps: float = DEFAULT_EFFICIENCY_EPS) -> float:
    """Named reward ``"afterburner"``: :func:`afterburner_reward` with the previous code as the input code.

    Costs are clipped at ``inp.cost_limit`` (the problem's own limit, in the costs' unit) and
    floored by ``inp.cost_floor``. Bounded in [-1, 1]; it ignores ``reference_costs``, so it is the
    same with or without references.
    """
    return afterburner_reward(
        inp.response_text,
        bool(inp.previous_passed),
        inp.passed,
        inp.previous_cost,
        inp.cost,
        cost_cap=inp.cost_limit,
        cost_floor=inp.cost_floor,
        eps=eps,
    )


REWARDS: dict[str, Callable[..., float]] = {
    "percentile": percentile_step_reward,
    "afterburner": afterburner_step_reward,
}
"""Named rewards by name; each takes a :class:`RewardInput` and keyword parameters."""


def get_reward(name: str, **params: float) -> RewardFn:
    """The named reward ``name`` with keyword ``params`` bound, as a ``RewardInput -> float`` callable.

    >>> reward = get_reward("percentile", w_correct=0.25, w_efficiency=0.75)
    >>> reward(RewardInput("", passed=True, cost=2.0, reference_costs=(1.0, 3.0)))
    0.625

    Raises:
        ValueError: unknown ``name``; the message lists the known names.
        TypeError: a parameter the reward does not take.
    """
    try:
        reward = REWARDS[name]
    except KeyError:
        raise ValueError(f"unknown reward {name!r}; known rewards: {', '.join(sorted(REWARDS))}") from None
    if not params:
        return reward
    try:
        inspect.signature(reward).bind(None, **params)
    except TypeError as error:
        raise TypeError(f"reward {name!r} does not accept {sorted(params)}: {error}") from None
    return functools.partial(reward, **params)
