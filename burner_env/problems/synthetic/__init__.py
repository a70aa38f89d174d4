"""The procedural suite: seeded, unbounded efficiency problems built from families of real rewrites.

Every problem starts from **correct but slow** code (its ``starter_code``, also its reference
solution of ``time_class`` 2, named by ``metadata["initial_solution"]``) that one well-known rewrite
makes fast (the references of ``time_class`` 1). A family fixes the rewrite; the seed draws the
surface: function and variable names, constants, argument shapes, input sizes, docstrings and the
statement's wording. Correctness tests are small inputs answered by a plain-Python oracle of ours;
efficiency tests come from a seeded generator (run in the sandbox like any suite's) whose inputs
make the slow reference at least several times costlier than the fast ones.

>>> from burner_env.problems import load_suite
>>> problems = load_suite("synthetic", size=50, seed=1, level=2, split="train")
>>> problems[0].metadata["family"], problems[0].metadata["level"]  # doctest: +SKIP

**Levels** (``level=``): 1, a one-line local fix; 2, a change of data structure; 3, a change of
algorithm (see ``FAMILIES`` for which family is which).

**Splits** (``split=``): a problem is *held out by family* when its family is one of
``HELDOUT_FAMILIES``, and *held out by seed* when its instance seed is a multiple of 5; the two are
tied so that a held-out family never appears with a training seed. ``"train"`` is the training
families on training seeds; ``"heldout_seed"`` the training families on held-out seeds (new
surface, known rewrite); ``"heldout_family"`` the held-out families (new rewrite); ``"heldout"``
both; ``"all"`` everything. No problem of ``"train"`` can be drawn by a held-out split, whatever
the suite seeds. ``metadata["split"]`` says where each problem belongs.

**Determinism**: a problem is a function of its family and instance seed only
(:func:`generate_problem`; the id is ``syn-<family>-<instance seed>``), and a suite of its
arguments only: no ``hash()``, no set iteration order, only ``random.Random`` methods whose output
CPython keeps fixed across versions and platforms.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from burner_env.problems.model import Problem
from burner_env.problems.synthetic import algorithms, data_structures, local_fixes
from burner_env.problems.synthetic._core import LEVELS, Family, assemble

__all__ = ["FAMILIES", "HELDOUT_FAMILIES", "LEVELS", "SPLITS", "Family", "generate_problem", "generate_suite"]

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (*local_fixes.FAMILIES, *data_structures.FAMILIES, *algorithms.FAMILIES)
}
# Two per level, so that every level can be evaluated on rewrites never trained on.
HELDOUT_FAMILIES = ("library_gcd", "cache_pure_calls", "sorted_insert", "anagram_groups", "kadane", "sieve")
SPLITS = ("all", "train", "heldout", "heldout_seed", "heldout_family")
_HELDOUT_SEED_MODULUS = 5
_MAX_REDRAWS = 1000


def generate_problem(family: str, instance_seed: int) -> Problem:
    """The problem that ``family`` draws from ``instance_seed`` (what the id ``syn-<family>-<seed>`` names)."""
    if family not in FAMILIES:
        raise ValueError(f"family: unknown family {family!r}; expected one of {', '.join(FAMILIES)}")
    if not isinstance(instance_seed, int) or isinstance(instance_seed, bool) or instance_seed < 0:
        raise ValueError(f"instance_seed: must be a non-negative integer; got {instance_seed!r}")
    spec = FAMILIES[family]
    rng = random.Random(instance_seed)
    draft = spec.build(rng)
    return Problem.from_dict(assemble(spec, draft, instance_seed, _split_of(family, instance_seed), rng))


def generate_suite(size: int = 100, seed: int = 0, *, level: int | Sequence[int] | None = None,
                   split: str = "all", families: Sequence[str] | None = None) -> list[Problem]:
    """Draw ``size`` textually distinct problems (no two share a statement or a starter code).

    Families take turns in a seeded order, so every selected family gets ``size / F`` problems
    give or take one.

    Args:
        size: how many problems (any positive number: the suite is unbounded).
        seed: the suite's seed; the same arguments give the same problems on every machine.
        level: 1, 2 or 3, or several of them; ``None`` for all.
        split: one of ``SPLITS`` (see the module docstring).
        families: restrict to these family names (``FAMILIES``).

    Raises:
        ValueError: an argument is out of range; the message names it.
    """
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"size: must be a positive integer; got {size!r}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(f"seed: must be an integer; got {seed!r}")
    chosen = _select_families(level, split, families)
    # A digest, not hash(): the suite seed must mean the same on every machine and Python.
    rng = random.Random(int.from_bytes(hashlib.sha256(f"burner-synthetic/{seed}".encode()).digest()[:8], "big"))
    problems: list[Problem] = []
    statements: set[str] = set()
    starters: set[str] = set()
    while len(problems) < size:
        order = list(chosen)
        rng.shuffle(order)
        for name in order[:size - len(problems)]:
            for _ in range(_MAX_REDRAWS):
                problem = generate_problem(name, _draw_instance_seed(rng, name, split))
                if problem.statement not in statements and problem.starter_code not in starters:
                    break
            else:
                raise RuntimeError(f"family {name!r} drew {_MAX_REDRAWS} duplicates in a row: its surface "
                                   "variety is exhausted at this size")
            statements.add(problem.statement)
            starters.add(problem.starter_code)
            problems.append(problem)
    return problems


def _select_families(level: int | Sequence[int] | None, split: str, families: Sequence[str] | None) -> list[str]:
    if split not in SPLITS:
        raise ValueError(f"split: must be one of {', '.join(SPLITS)}; got {split!r}")
    if level is None:
        levels = set(LEVELS)
    else:
        levels = {level} if isinstance(level, int) and not isinstance(level, bool) else set(_as_list(level, "level"))
        if not levels or not levels <= set(LEVELS) or any(isinstance(v, bool) for v in levels):
            raise ValueError(f"level: must be 1, 2 or 3 (or a list of them); got {level!r}")
    if families is not None:
        wanted = _as_list(families, "families")
        unknown = [name for name in wanted if name not in FAMILIES]
        if unknown:
            raise ValueError(f"families: unknown {', '.join(map(repr, unknown))}; expected names from "
                             f"{', '.join(FAMILIES)}")
    else:
        wanted = list(FAMILIES)
    heldout_wanted = {"all": None, "train": False, "heldout_seed": False, "heldout": None,
                      "heldout_family": True}[split]
    chosen = [name for name in FAMILIES if name in wanted and FAMILIES[name].level in levels
              and (heldout_wanted is None or (name in HELDOUT_FAMILIES) == heldout_wanted)]
    if not chosen:
        raise ValueError(f"no family matches level={level!r}, split={split!r}, families={families!r}")
    return chosen


def _as_list(value: object, argument: str) -> list:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(f"{argument}: expected a list; got {value!r}")
    return list(value)


def _draw_instance_seed(rng: random.Random, family: str, split: str) -> int:
    """A seed in the residue class the split allows: multiples of 5 are the held-out seeds."""
    if family in HELDOUT_FAMILIES or split in ("heldout", "heldout_seed"):
        residue = 0
    elif split == "train":
        residue = rng.randrange(1, _HELDOUT_SEED_MODULUS)
    else:
        residue = rng.randrange(_HELDOUT_SEED_MODULUS)
    return _HELDOUT_SEED_MODULUS * rng.getrandbits(40) + residue


def _split_of(family: str, instance_seed: int) -> str:
    if family in HELDOUT_FAMILIES:
        return "heldout_family"
    return "heldout_seed" if instance_seed % _HELDOUT_SEED_MODULUS == 0 else "train"
