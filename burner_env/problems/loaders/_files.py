"""Reading dataset records from local files: JSONL/JSON (optionally gzipped), Parquet and Arrow
files, folders of them (such as a Hugging Face hub-cache snapshot) and folders written by
``datasets.Dataset.save_to_disk``. Nothing is ever downloaded.

Parquet and Arrow need ``pyarrow`` and saved datasets need ``datasets`` (which brings pyarrow);
both are optional and imported only when such a file is read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

DATA_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz", ".parquet", ".arrow")
# Files that mark a folder written by Dataset.save_to_disk / DatasetDict.save_to_disk.
_SAVED_DATASET_MARKERS = ("state.json", "dataset_dict.json")
_PARQUET_BATCH_ROWS = 256


class DatasetFileError(ValueError):
    """A file or folder cannot be read as dataset records (not one record: the whole source)."""


def iter_records(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, record)`` for every record under ``path``, in file order.

    ``location`` says where the record is (``"line 3"``, ``"row 12"``, and the file name when
    ``path`` is a folder) so errors can point at it.
    """
    path = Path(path)
    if path.is_dir():
        if any((path / marker).is_file() for marker in _SAVED_DATASET_MARKERS):
            yield from _iter_saved_dataset(path)
            return
        files = data_files(path)
        if not files:
            raise DatasetFileError(f"{path}: no data files ({', '.join(DATA_SUFFIXES)}) in this folder")
        for file in files:
            name = file.relative_to(path).as_posix()
            for location, record in _iter_file(file):
                yield f"{name} {location}", record
        return
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    yield from _iter_file(path)


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and _suffix(p) in DATA_SUFFIXES)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in DATA_SUFFIXES if name.endswith(s)), "")


def _iter_file(path: Path) -> Iterator[tuple[str, Any]]:
    suffix = _suffix(path)
    if suffix in (".jsonl", ".jsonl.gz"):
        with _open_text(path) as handle:
            yield from _iter_jsonl(handle, path)
    elif suffix in (".json", ".json.gz"):
        with _open_text(path) as handle:
            try:
                data = json.load(handle)
            except ValueError as error:
                raise DatasetFileError(f"{path}: not valid JSON: {error}") from None
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items):
            yield f"item {index}", item
    elif suffix == ".parquet":
        yield from _iter_parquet(path)
    elif suffix == ".arrow":
        yield from _iter_arrow(path)
    else:
        raise DatasetFileError(f"{path}: unknown file type; expected one of {', '.join(DATA_SUFFIXES)}")


def _open_text(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def _iter_jsonl(handle: IO[str], path: Path) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            # A line that is not JSON has no id or fields to name; it is still only this record.
            record = UnreadableRecord(f"not valid JSON: {error}")
        yield f"line {number}", record


class UnreadableRecord:
    """Stands in for a JSONL line that does not parse, so the on-error policy applies to it too."""

    def __init__(self, reason: str):
        self.reason = reason


def _require_pyarrow(path: Path):
    try:
        import pyarrow
    except ImportError:
        raise ImportError(f"reading {path.name} needs pyarrow, which comes with the Hugging Face "
                          "`datasets` package: pip install datasets") from None
    return pyarrow


def _iter_parquet(path: Path) -> Iterator[tuple[str, Any]]:
    _require_pyarrow(path)
    import pyarrow.parquet as parquet

    row = 0
    # Stream in batches: APPS's test split is over a gigabyte of JSON text.
    for batch in parquet.ParquetFile(path).iter_batches(batch_size=_PARQUET_BATCH_ROWS):
        for record in batch.to_pylist():
            yield f"row {row}", record
            row += 1


def _iter_arrow(path: Path) -> Iterator[tuple[str, Any]]:
    pyarrow = _require_pyarrow(path)
    source = pyarrow.memory_map(str(path))
    # The datasets cache writes the Arrow streaming format; plain Arrow files use the file format.
    try:
        reader = pyarrow.ipc.open_stream(source)
    except pyarrow.ArrowInvalid:
        reader = pyarrow.ipc.open_file(source)
    row = 0
    for batch in reader.read_all().to_batches():  # memory-mapped: no copy of the data
        for record in batch.to_pylist():
            yield f"row {row}", record
            row += 1


def _iter_saved_dataset(path: Path) -> Iterator[tuple[str, Any]]:
    try:
        import datasets
    except ImportError:
        raise ImportError(f"{path} was written by datasets' save_to_disk; reading it needs the "
                          "Hugging Face `datasets` package: pip install datasets") from None
    loaded = datasets.load_from_disk(str(path))
    if isinstance(loaded, datasets.DatasetDict):
        if len(loaded) != 1:
            raise DatasetFileError(f"{path} holds the splits {', '.join(loaded)}; pass the folder of "
                                   f"one split, e.g. {path / next(iter(loaded))}")
        loaded = next(iter(loaded.values()))
    for row, record in enumerate(loaded):
        yield f"row {row}", record
