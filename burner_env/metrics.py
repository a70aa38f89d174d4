"""Evaluation metrics over many generations: pass@k, Beyond, B/M/W/F shares, bootstrap intervals.

Pure functions over plain numbers. A set of generations for one problem is described by their
**ranks**: a sequence with one entry per generation, the generation's
:func:`~burner_env.rewards.percentile_rank` (a float in [0, 1]) if it passed and ``None`` if it
failed. Beyond-T, Beyond-M and Beyond-I are :func:`beyond` of the ranks computed from time, memory
and integral costs respectively.

The formulas, with worked examples, are in ``docs/REWARDS.md``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import numpy as np

__all__ = ["RankShares", "beyond", "bootstrap_ci", "pass_at_k", "rank_categories"]


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of pass@k from ``n`` samples of which ``c`` passed.

    ``pass@k = 1 - C(n - c, k) / C(n, k)``: the probability that at least one of ``k`` samples drawn
    without replacement from the ``n`` passes. Computed as the product
    ``1 - prod_{i = n - c + 1}^{n} (1 - k / i)``, which never forms the (huge) binomials.

    >>> round(pass_at_k(10, 3, 2), 4)  # 1 - C(7, 2) / C(10, 2) = 1 - 21/45
    0.5333
    >>> pass_at_k(4, 1, 2)
    0.5

    Raises:
        TypeError: an argument is not an int.
        ValueError: unless ``n >= 1``, ``0 <= c <= n`` and ``1 <= k <= n``.
    """
    for name, value in (("n", n), ("c", c), ("k", k)):
        _check_count(name, value)
    if n < 1:
        raise ValueError(f"n (samples) must be >= 1, got {n}")
    if not 0 <= c <= n:
        raise ValueError(f"c (passing samples) must be in [0, n={n}], got {c}")
    if not 1 <= k <= n:
        raise ValueError(f"k must be in [1, n={n}], got {k}")
    if n - c < k:
        return 1.0  # every k-subset contains a passing sample
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def _checked_ranks(ranks: Iterable[float | None]) -> list[float | None]:
    checked = list(ranks)
    if not checked:
        raise ValueError("ranks is empty: give one entry per generation (its rank, or None if it failed)")
    for index, rank in enumerate(checked):
        if rank is not None and not 0.0 <= rank <= 1.0:
            raise ValueError(f"ranks[{index}] = {rank!r}; a rank must be in [0, 1], or None for a failure")
    return checked


def beyond(ranks: Iterable[float | None]) -> float:
    """The paper's Beyond score: mean over generations of (passed ? rank : 0).

    ``ranks`` has one entry per generation: its percentile rank if it passed, ``None`` if it failed.
    Each failure contributes 0, so ``beyond(ranks) <= pass@1 = (number passed) / (number of
    generations)``.

    >>> beyond([1.0, 0.5, None, 0.0])
    0.375

    Raises:
        ValueError: ``ranks`` is empty, or a rank is outside [0, 1] or NaN.
    """
    checked = _checked_ranks(ranks)
    return math.fsum(rank for rank in checked if rank is not None) / len(checked)


class RankShares(NamedTuple):
    """Shares of generations by outcome; the four sum to 1.

    Attributes:
        better: B, passed with rank 1 (at least as cheap as every reference).
        middle: M, passed with 0 < rank < 1 (within the references' range).
        worse: W, passed with rank 0 (costlier than every reference).
        failed: F, did not pass.
    """

    better: float
    middle: float
    worse: float
    failed: float


def rank_categories(ranks: Iterable[float | None]) -> RankShares:
    """B/M/W/F shares of ``ranks`` (one entry per generation; ``None`` for a failure).

    >>> rank_categories([1.0, 0.5, None, 0.0])
    RankShares(better=0.25, middle=0.25, worse=0.25, failed=0.25)

    Raises:
        ValueError: ``ranks`` is empty, or a rank is outside [0, 1] or NaN.
    """
    checked = _checked_ranks(ranks)
    failed = sum(rank is None for rank in checked)
    better = sum(rank == 1.0 for rank in checked if rank is not None)
    worse = sum(rank == 0.0 for rank in checked if rank is not None)
    middle = len(checked) - failed - better - worse
    total = len(checked)
    return RankShares(better / total, middle / total, worse / total, failed / total)


def bootstrap_ci(
    values: Sequence[float],
    statistic: Callable[[np.ndarray], float] = np.mean,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile-bootstrap confidence interval ``(low, high)`` of ``statistic(values)``.

    Draws ``n_resamples`` resamples of ``values`` with replacement (same size), applies
    ``statistic`` to each, and returns the ``(1 - confidence) / 2`` and ``(1 + confidence) / 2``
    quantiles of those statistics. The same ``seed`` gives the same interval; for one seed, a higher
    ``confidence`` gives an interval that contains the lower one's.

    >>> bootstrap_ci([0.5, 0.5, 0.5])
    (0.5, 0.5)
    >>> low, high = bootstrap_ci([0.0, 1.0, 0.5, 0.25], seed=7)
    >>> 0.0 <= low <= high <= 1.0
    True

    Raises:
        ValueError: ``values`` is empty or has NaN; ``confidence`` is not in (0, 1);
            ``n_resamples`` < 1.
    """
    data = np.asarray(values, dtype=float)
    if data.ndim != 1 or data.size == 0:
        raise ValueError(f"values must be a non-empty flat sequence of numbers, got shape {data.shape}")
    if np.isnan(data).any():
        raise ValueError("values contains NaN")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    _check_count("n_resamples", n_resamples)
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1, got {n_resamples}")
    rng = np.random.default_rng(seed)
    resamples = data[rng.integers(0, data.size, size=(n_resamples, data.size))]
    statistics = np.array([statistic(resample) for resample in resamples], dtype=float)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(statistics, [tail, 1.0 - tail])
    return float(low), float(high)
