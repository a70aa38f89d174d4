"""``UnicodeText``: a text space for programs, problem statements and feedback.

Gymnasium's ``Text`` only contains strings drawn from its character set (letters and digits by
default), so a program — spaces, newlines, quotes, non-ASCII — is not in it. Worse, ``Text``
observations in an ``AsyncVectorEnv`` with shared memory are stored as indices into that character
set, and every other character is silently dropped. ``UnicodeText`` contains any ``str`` up to
``max_length`` code points and stores text in shared memory as code points, read back through a
live view, so async vector environments carry it intact with or without shared memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from gymnasium.spaces import Box, Text
from gymnasium.spaces.utils import flatten, flatten_space, unflatten
from gymnasium.vector.utils import read_from_shared_memory

_MAX_CODE_POINT = 0x10FFFF
_PAD = -1  # code point 0 is a valid character, so padding is -1
_SAMPLE_ALPHABET = np.array(list("abcdefghijklmnopqrstuvwxyz ABC\n\t()<>:=_0123456789é中🙂\"'"))


class UnicodeText(Text):
    """Any Python ``str`` of at most ``max_length`` code points (surrogates included).

    Args:
        max_length: the longest string the space contains.
        min_length: the shortest.
    """

    def __init__(self, max_length: int, *, min_length: int = 0, seed: Any = None) -> None:
        super().__init__(max_length=max_length, min_length=min_length, seed=seed)

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        """A random string from a small mixed alphabet (ASCII, code symbols, non-ASCII)."""
        length = int(self.np_random.integers(self.min_length, min(self.max_length, 200) + 1))
        return "".join(self.np_random.choice(_SAMPLE_ALPHABET, size=length))

    def __repr__(self) -> str:
        return f"UnicodeText({self.min_length}, {self.max_length})"

    def __eq__(self, other: Any) -> bool:
        return (isinstance(other, UnicodeText) and self.min_length == other.min_length
                and self.max_length == other.max_length)

    __hash__ = Text.__hash__


@flatten.register(UnicodeText)
def _flatten_unicode(space: UnicodeText, x: str) -> np.ndarray:
    points = np.full(space.max_length, _PAD, dtype=np.int32)
    # UTF-32 is one code point per 4 bytes: decoding through it avoids a Python loop per character.
    points[: len(x)] = np.frombuffer(x.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return points


@unflatten.register(UnicodeText)
def _unflatten_unicode(space: UnicodeText, x: np.ndarray) -> str:
    points = np.asarray(x)
    padding = np.flatnonzero(points == _PAD)
    used = points[: padding[0]] if len(padding) else points
    return used.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


@flatten_space.register(UnicodeText)
def _flatten_unicode_space(space: UnicodeText) -> Box:
    return Box(low=_PAD, high=_MAX_CODE_POINT, shape=(space.max_length,), dtype=np.int32)


class SharedTexts(Sequence):
    """The n strings in a shared-memory buffer, decoded when read.

    ``AsyncVectorEnv`` reads its shared observation buffer once, when it is built, and relies on
    the result being a live view (as NumPy arrays are); a tuple of ``str`` would be frozen at that
    moment — which is how Gymnasium's own ``Text`` loses every later observation. This view
    decodes on access, and a deep copy (what the vector env returns by default) is a plain tuple.
    """

    def __init__(self, space: UnicodeText, buffer: np.ndarray) -> None:
        self._space, self._buffer = space, buffer

    def __len__(self) -> int:
        return len(self._buffer)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self)[index]
        return _unflatten_unicode(self._space, self._buffer[index])

    def __deepcopy__(self, memo: dict) -> tuple[str, ...]:
        return tuple(self)

    def __eq__(self, other: Any) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"SharedTexts({tuple(self)!r})"


@read_from_shared_memory.register(UnicodeText)
def _read_unicode_from_shared_memory(space: UnicodeText, shared_memory, n: int = 1) -> SharedTexts:
    data = np.frombuffer(shared_memory.get_obj(), dtype=np.int32).reshape((n, space.max_length))
    return SharedTexts(space, data)
