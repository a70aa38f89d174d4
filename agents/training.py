"""The plumbing the three trainers (sft.py, dpo.py, grpo.py) share: parse a config dataclass from the
command line, print it, seed everything, read JSON-lines data, batch it."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
import json
import os
import random
import textwrap
import types
import typing
from collections.abc import Iterator, Sequence

import numpy as np
import torch

ConfigT = typing.TypeVar("ConfigT")


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (all devices)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def parse_config(config_cls: type[ConfigT], argv: Sequence[str] | None = None) -> ConfigT:
    """Build an argparse CLI from a config dataclass and parse ``argv``.

    Every field becomes ``--field-name`` with its default, its type (``Literal`` → choices, ``bool`` →
    ``--flag/--no-flag``) and, as help, the docstring written under the field.
    """
    parser = argparse.ArgumentParser(
        description=(inspect.getdoc(config_cls) or "").splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    helps = _field_docstrings(config_cls)
    hints = typing.get_type_hints(config_cls)
    for field in dataclasses.fields(config_cls):
        options: dict[str, typing.Any] = {
            "default": field.default,
            "help": helps.get(field.name, "").replace("%", "%%"),
        }
        hint = hints[field.name]
        arguments = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if hint is bool:
            options["action"] = argparse.BooleanOptionalAction
        elif typing.get_origin(hint) is typing.Literal:
            options.update(choices=arguments, type=type(arguments[0]))
        elif typing.get_origin(hint) in (typing.Union, types.UnionType):  # X | None
            options["type"] = arguments[0]
        else:
            options["type"] = hint
        parser.add_argument("--" + field.name.replace("_", "-"), **options)
    return config_cls(**vars(parser.parse_args(argv)))


def _field_docstrings(config_cls: type) -> dict[str, str]:
    """The string literal under each annotated field of a class, read from its source."""
    class_node = ast.parse(textwrap.dedent(inspect.getsource(config_cls))).body[0]
    docs = {}
    for node, following in zip(class_node.body, class_node.body[1:]):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def config_markdown(config: typing.Any) -> str:
    """A two-column markdown table of a config, for TensorBoard's text tab."""
    rows = "\n".join(f"|{key}|{value}|" for key, value in dataclasses.asdict(config).items())
    return f"|param|value|\n|-|-|\n{rows}"


def read_jsonl(path: str | os.PathLike, required_keys: Sequence[str]) -> list[dict]:
    """Records of a JSON-lines file; raises naming the line and key when a record lacks a required key."""
    records = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            missing = [key for key in required_keys if not isinstance(record.get(key), str)]
            if missing:
                raise ValueError(f"{path}:{number}: missing or non-string key(s) {missing}")
            records.append(record)
    if not records:
        raise ValueError(f"{path}: no records")
    return records


def shuffled_batches(records: Sequence[dict], batch_size: int, rng: random.Random) -> Iterator[list[dict]]:
    """One epoch over ``records`` in a random order, in batches (the last one may be smaller)."""
    order = list(range(len(records)))
    rng.shuffle(order)
    for start in range(0, len(order), batch_size):
        yield [records[i] for i in order[start : start + batch_size]]
