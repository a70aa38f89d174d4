"""Typed data encoding for values that cross the sandbox boundary.

Standalone (standard library only): the zygote imports this file by path, the parent imports it
as ``burner_env.sandbox._codec``.

Only plain data crosses: ``None``, ``bool``, ``int``, ``float``, ``str``, ``list``, ``tuple``,
``dict`` and ``set``/``frozenset``, checked with ``type(x) is T`` so that a subclass (an ``int``
whose ``__eq__`` always answers True, say) is refused instead of encoded. Lists are JSON arrays;
every other container is tagged, so the parent can tell a tuple from a list and a dict from a
tag::

    (1, 2)        -> {"t": [1, 2]}
    {"a": 1}      -> {"d": [["a", 1]]}
    {1, 2}        -> {"s": [1, 2]}
    float("inf")  -> Infinity   (JSON extension understood by Python's json)

``collections.Counter``, ``defaultdict`` and ``OrderedDict`` (those exact types, nothing derived
from them) cross as plain dicts: Python, and every dataset's own harness, compares them equal to a
dict, so a solution returning one is right. Their entries are read with ``dict``'s own methods,
not through the class, whose attributes the code may have replaced; a class of the code's own
stays refused, whatever it derives from.
"""

from __future__ import annotations

import json
from collections import Counter, OrderedDict, defaultdict

MAX_DEPTH = 200


class EncodingRefused(TypeError):
    """The value holds something that is not plain data (or nests too deeply)."""


class OutputTooLarge(ValueError):
    """The value has more items than its encoding could fit in the output limit."""


def to_tagged(value, max_items: int | None = None):
    """Turn plain data into JSON-ready tagged form, refusing anything else.

    ``max_items`` bounds the number of values: every value takes at least two bytes encoded, so a
    list longer than the budget is refused from its length, before it is walked.
    """
    budget = [max_items if max_items is not None else float("inf")]
    return _tagged(value, 0, budget)


def _tagged(value, depth: int, budget: list):
    if depth > MAX_DEPTH:
        raise EncodingRefused(f"data nested deeper than {MAX_DEPTH} levels")
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    mapping = kind is dict or any(kind is plain for plain in _DICT_TYPES)
    if kind in _CONTAINERS or mapping:
        budget[0] -= dict.__len__(value) if mapping else len(value)
        if budget[0] < 0:
            raise OutputTooLarge("the returned value is larger than the output limit")
    depth += 1
    if kind is list:
        return [_tagged(item, depth, budget) for item in value]
    if kind is tuple:
        return {"t": [_tagged(item, depth, budget) for item in value]}
    if mapping:
        return {"d": [[_tagged(k, depth, budget), _tagged(v, depth, budget)] for k, v in dict.items(value)]}
    if kind is set or kind is frozenset:
        return {"s": [_tagged(item, depth, budget) for item in value]}
    raise EncodingRefused(f"values of type {kind.__qualname__} cannot leave the sandbox; "
                          "return plain data (int, float, str, bool, None, list, tuple, dict, set)")


_CONTAINERS = (list, tuple, dict, set, frozenset)
# Dict types of the standard library that cross as plain dicts (see the module docstring).
_DICT_TYPES = (Counter, defaultdict, OrderedDict)


def _from_tag(obj: dict):
    if len(obj) == 1:
        ((tag, items),) = obj.items()
        if tag == "t":
            return tuple(items)
        if tag == "d":
            return {_hashable(k): v for k, v in items}
        if tag == "s":
            return {_hashable(item) for item in items}
    raise ValueError(f"unknown tagged object with keys {sorted(obj)[:5]}")


def _hashable(value):
    """Dict keys and set items arrive as decoded values; lists are not hashable, so refuse them."""
    if type(value) is list:
        raise ValueError("a list cannot be a dict key or set item")
    return value


def encode(value) -> bytes:
    return json.dumps(to_tagged(value), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")


def decode(data: bytes):
    """Inverse of ``encode``; raises ``ValueError`` on anything malformed."""
    return json.loads(data.decode("utf-8", "surrogatepass"), object_hook=_from_tag)
