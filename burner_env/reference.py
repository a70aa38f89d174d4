"""Reference distributions: what a suite's reference solutions cost on this machine, measured once.

The efficiency reward places a candidate's cost among the costs of a problem's reference
solutions (the paper's "Beyond" rank). Those costs are *measured here*, in the same mode as the
candidate, never copied from elsewhere: :func:`calibrate` runs every reference solution of a suite
through the :class:`~burner_env.sandbox.Sandbox` and caches the result on disk;
:func:`load_reference` finds it again.

>>> reference = load_reference("builtin", "cpu")                     # doctest: +SKIP
>>> evaluation = sandbox.evaluate(problem, code)                     # doctest: +SKIP
>>> reference.percentile(problem.id, evaluation.cost, "time")        # doctest: +SKIP
0.83

**Cache key.** A calibration is only valid for the setup it was measured with, so its file is
named by a digest of everything that changes a cost (see :func:`calibration_key`):

* the suite's content hash (every field that can change a cost: tests, generator, seed, the
  problem's own limits, checker, reference code — not the statement or tags);
* the Python build (``sys.implementation.name`` and ``sys.version``, which holds the build date
  and compiler);
* a machine fingerprint (CPU model, core count, kernel release, architecture — not the hostname);
  left out in ``instructions`` mode, whose counts do not depend on the machine's speed or load;
* the measurement mode, the repeats per measured test, the sandbox's default limits and its
  memory sampling period;
* the version of the measurement code: a SHA-256 of the bytes of every ``burner_env/sandbox/*.py``,
  so that no calibration survives a change to how costs are measured.

A distribution measured with another setup is never used silently: :func:`load_reference` does
not find it (and says why when a file of the same suite exists), and
:meth:`ReferenceDistribution.setup_differences` lists what differs for a distribution passed by hand.

**Where.** ``cache_dir`` argument, else ``$BURNER_CACHE_DIR/calibration``, else
``$XDG_CACHE_HOME/burner-env/calibration``, else ``~/.cache/burner-env/calibration``. For
``instructions`` mode, files shipped in ``burner_env/data/`` are searched first.

**Resuming.** Each finished (problem, solution) measurement is appended to a JSONL log
(``<name>.partial.jsonl``: one ``write`` per line, then ``fsync``) before the next is reported, so
an interrupted calibration restarts where it stopped. When every pair is measured the log is
finalised into one JSON file carrying a SHA-256 checksum of its content, and removed. A final file
that does not parse, fails its checksum or holds another key is reported with a
:class:`CorruptCalibrationWarning` and rebuilt by :func:`calibrate`, never used.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import burner_env.sandbox
from burner_env.machine import cpu_model
from burner_env.problems.model import Limits, Problem
from burner_env.problems.suite import load_suite
from burner_env.rewards import percentile_rank
from burner_env.sandbox import METRICS, Cost, Evaluation, Sandbox

__all__ = [
    "CACHE_DIR_ENV",
    "CalibrationIncomplete",
    "CalibrationNotFound",
    "CorruptCalibrationWarning",
    "ReferenceCost",
    "ReferenceDistribution",
    "StaleCalibrationWarning",
    "calibrate",
    "calibration_key",
    "default_cache_dir",
    "load_reference",
    "measurement_code_digest",
    "measurement_setup",
    "cost_fingerprint",
    "suite_hash",
]

CACHE_DIR_ENV = "BURNER_CACHE_DIR"
SHIPPED_DIR = Path(__file__).resolve().parent / "data"
CALIBRATED_MODES = ("cpu", "instructions")
FORMAT_VERSION = 1
DEFAULT_REPEATS = 3
SANDBOX_SOURCES = Path(burner_env.sandbox.__file__).resolve().parent
"""The measurement code: a change to any ``*.py`` file here changes every calibration key."""
# The sandbox's own default, read from its signature so that the two can never disagree.
_DEFAULT_SAMPLE_PERIOD_S = inspect.signature(Sandbox).parameters["sample_period_s"].default

# The fields of a problem that can change what a reference solution costs (or whether it passes).
_COST_FIELDS = ("io", "entry_point", "tests", "checker", "limits", "efficiency", "solutions", "runner", "check")


class CalibrationNotFound(LookupError):
    """No usable calibration exists for this suite and measurement setup.

    ``stale`` lists calibrations of the same suite and mode that exist but were measured with
    another setup (one line each: the file and what differs); they were refused.
    """

    def __init__(self, message: str, stale: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.stale = tuple(stale)


class CalibrationIncomplete(RuntimeError):
    """Some reference runs hit internal sandbox errors; finished results are kept for a rerun."""


class CorruptCalibrationWarning(UserWarning):
    """A calibration file was unreadable, failed its checksum or held another key; it was ignored."""


class StaleCalibrationWarning(UserWarning):
    """A calibration of this suite exists but was measured with another setup; it was not used."""


# --- keys -----------------------------------------------------------------------------------------


def cost_fingerprint(problem: Problem) -> str:
    """SHA-256 of the parts of ``problem`` that can change a reference solution's cost (the whole record's
    is ``Problem.record_fingerprint``): a calibration stays valid when only, say, the statement changes."""
    record = problem.to_dict()
    relevant = {name: record.get(name) for name in _COST_FIELDS}
    return hashlib.sha256(json.dumps(relevant, default=repr).encode("utf-8", "surrogatepass")).hexdigest()


def suite_hash(problems: Iterable[Problem]) -> str:
    """SHA-256 over the (id, fingerprint) of every problem, independent of their order."""
    lines = sorted(f"{p.id}\t{cost_fingerprint(p)}" for p in problems)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _python_build() -> str:
    return f"{sys.implementation.name} {sys.version}"


def _machine_fingerprint() -> dict[str, Any]:
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "kernel": platform.release(),
            "arch": platform.machine()}


def measurement_code_digest(folder: str | os.PathLike = SANDBOX_SOURCES) -> str:
    """SHA-256 over the name and bytes of every source file (``*.py``, ``*.c``) in ``folder``
    (default: the sandbox).

    Any edit to the measurement code — however small, a comment included — gives another digest,
    so no calibration outlives the code that measured it.
    """
    digest = hashlib.sha256()
    for path in sorted([*Path(folder).glob("*.py"), *Path(folder).glob("*.c")]):
        content = path.read_bytes()
        # Length-prefixed, so that moving bytes from one file to the next changes the digest too.
        digest.update(f"{path.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


@functools.cache
def _this_measurement_code() -> str:
    return measurement_code_digest()


def measurement_setup(measure: str, *, repeats: int = DEFAULT_REPEATS, limits: Limits | None = None,
                      sample_period_s: float | None = None) -> dict[str, Any]:
    """Everything but the suite that changes what a reference solution costs: the key's other fields.

    Args:
        measure: ``"cpu"`` or ``"instructions"``.
        repeats: runs of each measured test (``instructions`` mode always makes one).
        limits: the sandbox's default limits (``None``: ``Limits()``, the sandbox's default); a
            problem's own limits are part of the suite hash.
        sample_period_s: the sandbox's memory sampling period (``None``: the sandbox's default).
    """
    _check_measure(measure)
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a positive integer; got {repeats!r}")
    if limits is not None and not isinstance(limits, Limits):
        raise TypeError(f"limits must be a burner_env.problems.Limits or None, got {type(limits).__name__}")
    period = _DEFAULT_SAMPLE_PERIOD_S if sample_period_s is None else sample_period_s
    if isinstance(period, bool) or not isinstance(period, (int, float)) or not period > 0:
        raise ValueError(f"sample_period_s must be a number of seconds > 0 or None; got {sample_period_s!r}")
    return {
        "python": _python_build(),
        # Instruction counts depend on the interpreter's code, not on the machine's speed or load.
        "machine": _machine_fingerprint() if measure == "cpu" else None,
        "mode": measure,
        "repeats": 1 if measure == "instructions" else repeats,
        "limits": dataclasses.asdict(limits or Limits()),
        "sample_period_s": float(period),
        "measurement": _this_measurement_code(),
    }


def calibration_key(problems: Sequence[Problem], measure: str, *, repeats: int = DEFAULT_REPEATS,
                    limits: Limits | None = None, sample_period_s: float | None = None) -> dict[str, Any]:
    """The identity of a calibration: the suite hash and the :func:`measurement_setup`."""
    return {"suite": suite_hash(problems), **measurement_setup(measure, repeats=repeats, limits=limits,
                                                               sample_period_s=sample_period_s)}


def setup_differences(theirs: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    """``"field: X there, Y here"`` for every field of two keys that differs, the suite left out."""
    differences = []
    for name in sorted((set(theirs) | set(ours)) - {"suite"}):
        there, here = theirs.get(name, _ABSENT), ours.get(name, _ABSENT)
        if there == here:
            continue
        if isinstance(there, dict) and isinstance(here, dict):
            differences.extend(f"{name}.{line}" for line in setup_differences(there, here))
        else:
            differences.append(f"{name}: {_show(there)} there, {_show(here)} here")
    return differences


_ABSENT = "(absent)"


def _show(value: Any) -> str:
    if value is _ABSENT:
        return value
    if isinstance(value, str) and len(value) == 64:  # a SHA-256: its first digits tell them apart
        return repr(value[:12])
    return repr(value)


def _key_digest(key: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()


def _check_measure(measure: str) -> None:
    if measure not in CALIBRATED_MODES:
        raise ValueError(f"measure must be one of {', '.join(CALIBRATED_MODES)}; got {measure!r}")


def default_cache_dir() -> Path:
    """``$BURNER_CACHE_DIR/calibration``, else ``$XDG_CACHE_HOME`` or ``~/.cache`` + ``burner-env/calibration``."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV]).expanduser() / "calibration"
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "burner-env" / "calibration"


def _file_stem(key: dict[str, Any]) -> str:
    return f"{key['mode']}-{_key_digest(key)[:24]}"


# --- the distribution -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceCost:
    """One reference solution's measured cost (``None`` for metrics of a failed run)."""

    label: str
    time_class: int | None
    passed: bool
    verdict: str
    time: float | None = None
    memory: float | None = None
    integral: float | None = None
    message: str = ""

    def metric(self, name: str) -> float | None:
        """The cost in ``name`` (``time``, ``memory`` or ``integral``), in the distribution's unit."""
        if name not in METRICS:
            raise ValueError(f"unknown metric {name!r}; expected one of {', '.join(METRICS)}")
        return getattr(self, name)

    @classmethod
    def from_evaluation(cls, label: str, time_class: int | None, evaluation: Evaluation) -> ReferenceCost:
        """The cost of ``evaluation``, or a failed entry that keeps its verdict and first message line."""
        if not evaluation.passed or evaluation.cost is None:
            message = (evaluation.message or "").strip().splitlines()
            return cls(label, time_class, False, evaluation.verdict, message=message[-1][:300] if message else "")
        cost = evaluation.cost
        return cls(label, time_class, True, evaluation.verdict, time=cost.metric("time"),
                   memory=cost.metric("memory"), integral=cost.metric("integral"))


@dataclass(frozen=True)
class ReferenceDistribution:
    """Per problem, the measured costs of its reference solutions, in one measurement mode.

    Attributes:
        mode: ``"cpu"`` or ``"instructions"``; only costs measured in this mode may be compared.
        key: the calibration key (see :func:`calibration_key`).
        problems: problem id → the reference solutions' costs, in the suite's order.
        fingerprints: problem id → :func:`cost_fingerprint` of the problem that was measured.
        repeats: runs of each measured test (the median was kept).
    """

    mode: str
    key: dict[str, Any]
    problems: dict[str, tuple[ReferenceCost, ...]]
    fingerprints: dict[str, str] = field(default_factory=dict)
    repeats: int = 1

    def costs(self, problem_id: str, metric: str = "time") -> list[float]:
        """The costs of the *passed* reference solutions of ``problem_id`` in ``metric``."""
        if problem_id not in self.problems:
            raise KeyError(f"problem {problem_id!r} is not in this {self.mode} reference distribution "
                           f"({len(self.problems)} problems); calibrate the suite that holds it")
        return [entry.metric(metric) for entry in self.problems[problem_id] if entry.passed]

    def percentile(self, problem_id: str, cost: Cost, metric: str = "time") -> float:
        """The paper's rank of ``cost`` among the passed references: ``|{d ∈ D : d ≥ x}| / |D|``.

        Lower cost is better; ties (within ``cost.tie_gap``: an exact count's jitter) count for
        the candidate (1.0: at least as cheap as every reference; 0.0: every reference is strictly cheaper).

        Raises:
            ValueError: ``cost`` was measured in another mode, or no reference of the problem passed.
            KeyError: the problem is not in the distribution.
        """
        if not isinstance(cost, Cost):
            raise TypeError(f"cost must be a burner_env.sandbox.Cost, got {type(cost).__name__}")
        if cost.mode != self.mode:
            raise ValueError(f"cannot rank a {cost.mode!r} cost of problem {problem_id!r} against an "
                             f"{self.mode!r} reference distribution: measure the candidate with "
                             f"measure={self.mode!r} or calibrate with --measure {cost.mode}")
        references = self.costs(problem_id, metric)
        if not references:
            raise ValueError(f"problem {problem_id!r}: no reference solution passed during calibration, "
                             "so there is nothing to rank against (run `burner validate`)")
        return percentile_rank(cost.metric(metric), references, tie_gap=cost.tie_gap(metric))

    def setup_differences(self, setup: dict[str, Any]) -> list[str]:
        """What differs between the setup this distribution was measured with and ``setup`` (a
        :func:`measurement_setup`), one ``"field: X there, Y here"`` line each; empty if nothing."""
        return setup_differences(self.key, setup)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of this distribution, with its checksum."""
        body = {
            "format": FORMAT_VERSION,
            "key": self.key,
            "repeats": self.repeats,
            "fingerprints": self.fingerprints,
            "problems": {pid: [asdict(entry) for entry in entries] for pid, entries in self.problems.items()},
        }
        return {**body, "checksum": _checksum(body)}

    @classmethod
    def from_dict(cls, document: Any, expected_key: dict[str, Any] | None = None) -> ReferenceDistribution:
        """Parse and verify a document; ``ValueError`` says what is wrong (checksum, key, field)."""
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
        body = {name: value for name, value in document.items() if name != "checksum"}
        if document.get("checksum") != _checksum(body):
            raise ValueError("checksum mismatch (the file was modified or truncated)")
        if body.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {body.get('format')!r} is not {FORMAT_VERSION}")
        key = body.get("key")
        if not isinstance(key, dict) or key.get("mode") not in CALIBRATED_MODES:
            raise ValueError("field 'key' is missing or names no measurement mode")
        if expected_key is not None and key != expected_key:
            differing = sorted(name for name in set(key) | set(expected_key)
                               if key.get(name) != expected_key.get(name))
            raise ValueError(f"it holds another calibration key (differs in {', '.join(differing)})")
        try:
            problems = {pid: tuple(ReferenceCost(**entry) for entry in entries)
                        for pid, entries in body["problems"].items()}
            return cls(mode=key["mode"], key=key, problems=problems,
                       fingerprints=dict(body["fingerprints"]), repeats=int(body["repeats"]))
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed content: {error}") from None


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


# --- files ----------------------------------------------------------------------------------------


def _write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(descriptor, 0o644)  # mkstemp makes it private; a calibration is not a secret
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_distribution(path: Path, key: dict[str, Any]) -> ReferenceDistribution | None:
    """The distribution in ``path`` if it exists and is sound; a warning and ``None`` if corrupt."""
    if not path.exists():
        return None
    try:
        return ReferenceDistribution.from_dict(json.loads(path.read_text(encoding="utf-8")), key)
    except (ValueError, OSError) as error:  # json.JSONDecodeError is a ValueError
        warnings.warn(f"ignoring corrupt calibration file {path}: {error}; it will be rebuilt by "
                      "`burner calibrate`", CorruptCalibrationWarning, stacklevel=3)
        return None


class _MeasurementLog:
    """The append-only JSONL log of finished (problem, solution) measurements of one calibration.

    Line 1 is a header (key and repeats); each further line one measurement. Every line is written
    with a single ``write`` on an ``O_APPEND`` descriptor and fsync'ed, so a crash loses at most
    the line being written, which the next reader skips with a warning.
    """

    def __init__(self, path: Path, key: dict[str, Any], repeats: int) -> None:
        self.path = path
        self.header = {"key": key, "repeats": repeats}
        self._descriptor: int | None = None

    def read(self) -> dict[tuple[str, str, str], ReferenceCost]:
        """Finished measurements by (problem id, problem fingerprint, label); empty if none apply."""
        if not self.path.exists():
            return {}
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        try:
            header = json.loads(lines[0]) if lines else None
        except ValueError:
            header = None
        if header != {"header": self.header}:
            warnings.warn(f"discarding calibration log {self.path}: its header does not match this "
                          "calibration (another key or number of repeats)", CorruptCalibrationWarning,
                          stacklevel=3)
            self.path.unlink()
            return {}
        done: dict[tuple[str, str, str], ReferenceCost] = {}
        for number, line in enumerate(lines[1:], start=2):
            try:
                record = json.loads(line)
                entry = ReferenceCost(**record["entry"])
                done[(record["problem"], record["fingerprint"], entry.label)] = entry
            except (ValueError, KeyError, TypeError):
                warnings.warn(f"{self.path}, line {number}: unreadable measurement (interrupted while "
                              "writing?); it will be measured again", CorruptCalibrationWarning,
                              stacklevel=3)
        return done

    def append(self, problem: Problem, fingerprint: str, entry: ReferenceCost) -> None:
        if self._descriptor is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not self.path.exists()
            self._descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            if fresh:
                self._write_line({"header": self.header})
        self._write_line({"problem": problem.id, "fingerprint": fingerprint, "entry": asdict(entry)})

    def _write_line(self, record: dict[str, Any]) -> None:
        os.write(self._descriptor, (json.dumps(record) + "\n").encode("utf-8"))
        os.fsync(self._descriptor)

    def close(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


# --- loading and calibrating ----------------------------------------------------------------------


def _resolve_suite(suite: str | os.PathLike | Sequence[Problem]) -> tuple[list[Problem], str]:
    """The problems, and how to name the suite on a ``burner calibrate`` command line."""
    if isinstance(suite, (str, os.PathLike)):
        return load_suite(suite), str(suite)
    problems = list(suite)
    if not all(isinstance(p, Problem) for p in problems):
        raise TypeError("suite must be a suite name, a path, or a sequence of Problem objects")
    return problems, "SUITE"


def load_reference(suite: str | os.PathLike | Sequence[Problem], measure: str = "cpu", *,
                   repeats: int = DEFAULT_REPEATS, limits: Limits | None = None,
                   sample_period_s: float | None = None,
                   cache_dir: str | os.PathLike | None = None) -> ReferenceDistribution:
    """The calibrated reference distribution of ``suite`` for this measurement setup.

    Only a calibration with exactly this key (:func:`calibration_key`) is used: same suite, Python
    build, machine (``cpu`` mode), mode, repeats, default limits, sampling period and measurement
    code.

    Args:
        suite: a suite name (``"builtin"``), a path :func:`~burner_env.problems.load_suite` reads,
            or the problems themselves.
        measure: ``"cpu"`` or ``"instructions"``.
        repeats, limits, sample_period_s: the settings of the sandbox whose costs will be ranked
            (see :func:`measurement_setup`).
        cache_dir: where calibrations live (see the module docstring for the default).

    Raises:
        CalibrationNotFound: nothing usable is cached (or the cached file is corrupt: a
            :class:`CorruptCalibrationWarning` says why); the message gives the exact
            ``burner calibrate`` command to run and, for a calibration of this suite measured
            with another setup (e.g. a shipped file older than the measurement code), what differs.
    """
    problems, suite_name = _resolve_suite(suite)
    key = calibration_key(problems, measure, repeats=repeats, limits=limits, sample_period_s=sample_period_s)
    stem = _file_stem(key)
    folders = [SHIPPED_DIR] if measure == "instructions" else []
    folders.append(Path(cache_dir) if cache_dir is not None else default_cache_dir())
    for folder in folders:
        distribution = _read_distribution(folder / f"{stem}.json", key)
        if distribution is not None:
            return distribution
    stale = [f"{path} ({'; '.join(differences)})" for folder in folders
             for path, differences in _other_setups(folder, key)]
    log = folders[-1] / f"{stem}.partial.jsonl"
    state = "was interrupted; resume it" if log.exists() else "is missing; build it"
    # instructions mode always runs once: its key's 1 is not a choice to repeat on the command line
    options = f" --repeats {key['repeats']}" if measure == "cpu" and key["repeats"] != DEFAULT_REPEATS else ""
    options += f" --cache-dir {cache_dir}" if cache_dir is not None else ""
    defaults = measurement_setup(measure)
    custom = [name for name in ("limits", "sample_period_s") if key[name] != defaults[name]]
    also = (f" (from Python, since the command line has no option for them: calibrate(..., "
            f"{', '.join(f'{name}=...' for name in custom)}))" if custom else "")
    refused = ("; refused, measured with another setup: " + "; ".join(stale)) if stale else ""
    raise CalibrationNotFound(
        f"the {measure} calibration of suite {suite_name!r} ({len(problems)} problems, suite hash "
        f"{key['suite'][:12]}) for this setup {state} with: burner calibrate {suite_name} "
        f"--measure {measure}{options}{also}{refused}", stale)


def _other_setups(folder: Path, key: dict[str, Any]) -> list[tuple[Path, list[str]]]:
    """Sound calibrations of ``key``'s suite and mode in ``folder`` measured with another setup."""
    found = []
    for path in sorted(folder.glob(f"{key['mode']}-*.json")):
        try:
            other = ReferenceDistribution.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, OSError):
            continue  # not this suite's to report: a file that is corrupt *and* ours was warned about
        if other.key.get("suite") == key["suite"] and other.key != key:
            found.append((path, other.setup_differences(key)))
    return found


def calibrate(suite: str | os.PathLike | Sequence[Problem], measure: str = "cpu", *, workers: int = 1,
              repeats: int = DEFAULT_REPEATS, limits: Limits | None = None,
              sample_period_s: float | None = None, cache_dir: str | os.PathLike | None = None,
              progress: bool = True, force: bool = False) -> ReferenceDistribution:
    """Measure every reference solution of ``suite`` and cache the distribution on disk.

    A sound cached calibration with the same key (:func:`calibration_key`) is returned as is unless
    ``force``. Measurements already in the resume log are not run again. In ``instructions``
    mode, exact counts of unchanged problems are also taken from any other calibration with the
    same setup (shipped or cached), so adding a problem to a suite measures only that problem.

    Args:
        suite: a suite name, a path, or the problems themselves.
        measure: ``"cpu"`` or ``"instructions"`` (about 65× slower, exact).
        workers: evaluations run at once (each has its own sandbox zygote). In ``cpu`` mode more
            workers than idle cores make the readings noisier.
        repeats: runs of each measured test in ``cpu`` mode, median kept (``instructions``: 1).
        limits: the sandbox's default per-test limits (``None``: ``Limits()``); a problem's own
            limits win. The env's sandbox must use the same for the calibration to apply.
        sample_period_s: the sandbox's memory sampling period (``None``: its default).
        cache_dir: where to write (default: see the module docstring).
        progress: show a progress bar on stderr.
        force: measure everything again, ignoring the cache and the log.

    Raises:
        CalibrationIncomplete: some runs hit internal sandbox errors; the other results are kept
            and a rerun measures only what is missing.
    """
    _check_measure(measure)
    problems, _ = _resolve_suite(suite)
    ids = [p.id for p in problems]
    duplicates = sorted({pid for pid in ids if ids.count(pid) > 1})
    if duplicates:
        raise ValueError(f"problem ids must be unique within a suite; repeated: {', '.join(duplicates)}")
    key = calibration_key(problems, measure, repeats=repeats, limits=limits, sample_period_s=sample_period_s)
    repeats = key["repeats"]
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    final_path = folder / f"{_file_stem(key)}.json"
    log = _MeasurementLog(folder / f"{_file_stem(key)}.partial.jsonl", key, repeats)
    if force:
        log.path.unlink(missing_ok=True)
    else:
        cached = _read_distribution(final_path, key)
        if cached is not None:
            return cached

    fingerprints = {p.id: cost_fingerprint(p) for p in problems}
    done = log.read()
    if measure == "instructions" and not force:
        _carry_over_exact_counts(problems, fingerprints, key, folder, done, log)
    pending = [(problem, solution) for problem in problems for solution in problem.solutions
               if (problem.id, fingerprints[problem.id], solution.label) not in done
               or done[(problem.id, fingerprints[problem.id], solution.label)].verdict == "internal_error"]
    try:
        _measure_pending(pending, fingerprints, key, limits, workers, progress, done, log)
    finally:
        log.close()

    internal = [(p.id, s.label, done[(p.id, fingerprints[p.id], s.label)].message)
                for p in problems for s in p.solutions
                if done[(p.id, fingerprints[p.id], s.label)].verdict == "internal_error"]
    if internal:
        listed = "; ".join(f"{pid} / {label!r}: {message}" for pid, label, message in internal[:5])
        raise CalibrationIncomplete(f"{len(internal)} reference runs hit internal sandbox errors ({listed}); "
                                    f"the other results are kept in {log.path}: run the calibration "
                                    "again to retry only these")
    distribution = ReferenceDistribution(
        mode=measure, key=key, repeats=repeats, fingerprints=fingerprints,
        problems={p.id: tuple(done[(p.id, fingerprints[p.id], s.label)] for s in p.solutions)
                  for p in problems})
    _write_atomically(final_path, json.dumps(distribution.to_dict(), indent=1) + "\n")
    log.path.unlink(missing_ok=True)
    failed = [(pid, e.label, e.verdict) for pid, entries in distribution.problems.items()
              for e in entries if not e.passed]
    if failed:
        listed = "; ".join(f"{pid} / {label!r}: {verdict}" for pid, label, verdict in failed[:5])
        warnings.warn(f"{len(failed)} reference solutions failed and are left out of the distribution "
                      f"({listed}); run `burner validate` on the suite", stacklevel=2)
    return distribution


def _measure_pending(pending: list, fingerprints: dict[str, str], key: dict[str, Any], limits: Limits | None,
                     workers: int, progress: bool, done: dict, log: _MeasurementLog) -> None:
    """Evaluate the pending (problem, solution) pairs, logging each result as soon as it is known."""
    from tqdm import tqdm

    if not pending:
        return
    measure = key["mode"]
    started = time.perf_counter()
    with Sandbox(limits=limits, measure=measure, repeats=key["repeats"], workers=workers,
                 sample_period_s=key["sample_period_s"]) as sandbox, \
            tqdm(total=len(pending), desc=f"calibrating ({measure})", unit="run", disable=not progress,
                 file=sys.stderr) as bar, ThreadPoolExecutor(workers) as pool:
        futures: dict[Future, tuple] = {}
        queue = iter(pending)

        def submit_next() -> None:
            item = next(queue, None)
            if item is not None:
                futures[pool.submit(sandbox.evaluate, item[0], item[1].code)] = item

        # Submitting lazily (one per free worker) lets an interruption lose at most `workers` runs.
        for _ in range(workers):
            submit_next()
        try:
            while futures:
                finished, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in finished:
                    problem, solution = futures.pop(future)
                    entry = ReferenceCost.from_evaluation(solution.label, solution.time_class, future.result())
                    log.append(problem, fingerprints[problem.id], entry)
                    done[(problem.id, fingerprints[problem.id], solution.label)] = entry
                    bar.set_postfix_str(problem.id, refresh=False)
                    bar.update()
                    submit_next()
        finally:
            for future in futures:
                future.cancel()
    if progress:
        print(f"calibrated {len(pending)} reference runs in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)


def _carry_over_exact_counts(problems: Sequence[Problem], fingerprints: dict[str, str], key: dict[str, Any],
                             folder: Path, done: dict, log: _MeasurementLog) -> None:
    """Reuse instruction counts of unchanged problems from other calibrations with this setup.

    Counts are exact (the same code on the same input executes the same instructions), so a
    problem whose fingerprint is unchanged need not be measured again when other problems of the
    suite change — but only from a calibration whose every other key field (Python build, limits,
    measurement code, ...) is ours. Reused entries go into the log like fresh ones.
    """
    wanted = {p.id: p for p in problems}
    for path in sorted(SHIPPED_DIR.glob("instructions-*.json")) + sorted(folder.glob("instructions-*.json")):
        try:
            other = ReferenceDistribution.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, OSError):
            continue  # a corrupt file of another suite is not ours to report or use
        if other.setup_differences(key):
            continue
        for pid, entries in other.problems.items():
            problem = wanted.get(pid)
            if problem is None or other.fingerprints.get(pid) != fingerprints[pid]:
                continue
            for entry in entries:
                slot = (pid, fingerprints[pid], entry.label)
                if slot not in done and entry.verdict != "internal_error":
                    done[slot] = entry
                    log.append(problem, fingerprints[pid], entry)
