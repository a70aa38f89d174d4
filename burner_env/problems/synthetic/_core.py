"""What every family shares: the ``Family`` and ``Draft`` types, names, and the native record.

A family's ``build(rng)`` draws one problem's surface (names, constants, argument shapes, sizes,
phrasing) from ``rng`` and returns a :class:`Draft`: the task text, the slow reference (the
episode's starting code), one or more fast references, small correctness tests answered by a
plain-Python oracle of ours, and the code of the seeded efficiency generator. :func:`assemble`
turns a draft into a native record.

Only ``random.Random`` methods whose output is fixed across CPython versions and platforms are
used (``randrange``, ``randint``, ``choice``, ``shuffle``, ``sample``, ``getrandbits``), and
nothing depends on ``hash()`` or on set iteration order, so a seed gives the same problem on
every machine.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from string import Template
from typing import Any

LEVELS = {1: "one-line local fix", 2: "change of data structure", 3: "change of algorithm"}
DIFFICULTY = {1: "easy", 2: "medium", 3: "hard"}


@dataclass(frozen=True)
class Reference:
    """A reference solution as a family writes it; ``time_class`` 1 is fast, 2 is the slow start."""

    label: str
    complexity: str
    code: str
    time_class: int


@dataclass(frozen=True)
class Draft:
    """One drawn problem before it becomes a native record.

    ``task`` says what ``function`` computes (markdown); ``constraints`` gives the input sizes;
    ``tests`` are ``(args, expected)`` pairs; ``generator`` is code defining ``generate(rng)``.
    """

    title: str
    task: str
    function: str
    constraints: str
    tests: list[tuple[list, Any]]
    generator: str
    slow: Reference
    fast: tuple[Reference, ...]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    """A family of problems that share one slow-to-fast rewrite."""

    name: str
    level: int
    rewrite: str
    build: Callable[[random.Random], Draft]


class Names:
    """Draws identifiers for one problem, never the same one twice (a parameter must not shadow
    the function or a local)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def pick(self, *options: str) -> str:
        """One of ``options`` not used yet in this problem."""
        free = [name for name in options if name not in self._used]
        if not free:
            raise ValueError(f"every name of {options} is taken")
        name = self._rng.choice(free)
        self._used.add(name)
        return name

    def function(self, verbs: Sequence[str], nouns: Sequence[str]) -> str:
        """A function name ``verb_noun``."""
        return self.pick(*(f"{verb}_{noun}" for verb in verbs for noun in nouns))


def code(template: str, **names: Any) -> str:
    """Fill a code template: ``$name`` placeholders (``string.Template``), so braces need no escaping."""
    return Template(template).substitute({key: str(value) for key, value in names.items()})


def size_between(rng: random.Random, low: int, high: int, step: int = 1) -> int:
    """A size between ``low`` and ``high`` (a multiple of ``step``): sizes vary by seed."""
    return rng.randrange(low // step, high // step + 1) * step


_PREAMBLES = (
    "The starter code below returns the right answers but is too slow on the largest inputs. "
    "Rewrite `{fn}` so that it returns exactly the same results, faster.",
    "`{fn}` already works: the starter code is correct, but it does far more work than needed on large "
    "inputs. Make it faster without changing any result.",
    "The starter implementation of `{fn}` is correct and slow. Keep its behaviour, and make it run "
    "faster on big inputs.",
    "Make `{fn}` efficient. The starter code is a correct reference implementation that is too slow "
    "for the upper limits; the answers must stay the same.",
)


def assemble(family: Family, draft: Draft, instance_seed: int, split: str, rng: random.Random) -> dict:
    """The native record of a drawn problem (see ``burner_env/problems/model.py``)."""
    fn = draft.function
    short = [f"{fn}({', '.join(map(repr, args))})  ->  {expected!r}"
             for args, expected in draft.tests if len(repr(args)) + len(repr(expected)) <= 90]
    # Drawn, not the first ones: the random tests make the statement differ from seed to seed.
    examples = [short[i] for i in sorted(rng.sample(range(len(short)), min(3, len(short))))]
    parts = [draft.task.strip()]
    if examples:
        parts.append("**Examples**\n\n```\n" + "\n".join(examples) + "\n```")
    parts.append(f"**Constraints**: {draft.constraints}")
    parts.append(rng.choice(_PREAMBLES).format(fn=fn))
    fast_labels = [ref.label for ref in draft.fast]
    return {
        "id": f"syn-{family.name}-{instance_seed}",
        "title": draft.title,
        "statement": "\n\n".join(parts) + "\n",
        "io": "function",
        "entry_point": fn,
        "starter_code": draft.slow.code,
        "difficulty": DIFFICULTY[family.level],
        "tags": ["synthetic", f"level-{family.level}", family.name, *draft.tags],
        "checker": "exact",
        "tests": [{"args": list(args), "expected": expected} for args, expected in draft.tests],
        "efficiency": {"generator": draft.generator, "seed": instance_seed, "oracle": fast_labels[0]},
        "solutions": [
            {"label": ref.label, "complexity": ref.complexity, "time_class": ref.time_class, "code": ref.code}
            for ref in (*draft.fast, draft.slow)
        ],
        "metadata": {
            "family": family.name,
            "level": family.level,
            "rewrite": family.rewrite,
            "split": split,
            "instance_seed": instance_seed,
            "initial_solution": draft.slow.label,
        },
    }
