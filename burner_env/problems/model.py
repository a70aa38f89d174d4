"""The problem model: ``Problem``, ``TestCase``, ``Solution`` and the native record format.

A native record is one JSON object (one line of a JSONL file). The fields, with their meaning:

============  ========  ==============================================================================
field         required  meaning
============  ========  ==============================================================================
id            yes       unique name: letters, digits and ``-_.``, in segments joined by ``/``
                        (``HumanEval/0``); each segment starts with a letter or digit
title         no        short human title (defaults to the id)
statement     yes       markdown text shown to the agent
io            yes       ``"function"``: call ``entry_point(*args)``; ``"class"``: LeetCode style,
                        ``entry_point`` is ``"Solution.method"`` and the call is
                        ``Solution().method(*args)``; ``"stdin"``: the program reads stdin and writes
                        stdout
entry_point   function  function name, or ``Class.method`` for ``io="class"``
starter_code  no        code the agent starts from (a signature with an empty body)
tests         yes       correctness tests: ``{"args": [...], "expected": ...}`` or, for stdin,
                        ``{"stdin": "...", "expected": "..."}``; JSON has no tuple or set and only
                        string keys, so a value ``{"$tuple": [...]}`` or ``{"$set": [...]}`` stands
                        for one, and ``{"$dict": [[key, value], ...]}`` for a dict with other keys;
                        ``{"check": true}`` is the check test (see ``check``)
efficiency    no        ``{"generator": CODE, "seed": int, "oracle": LABEL}``: CODE defines
                        ``generate(rng)`` returning a list of test inputs (``{"args": [...]}`` or
                        ``{"stdin": ...}``) from a ``random.Random``; expected outputs are those of the
                        oracle reference solution (default: the first)
checker       no        ``"exact"`` (default), ``"float"``, ``"unordered"``,
                        ``{"kind": "float", "rel_tol": 1e-6, "abs_tol": 1e-9}``, or
                        ``{"kind": "custom", "code": CODE}`` where CODE defines
                        ``check(expected, actual) -> bool``; a custom checker runs in a sandboxed
                        process, never in the trusted parent
runner        no        stdin io only: a program template holding the placeholder
                        ``{{SUBMISSION}}``; the submission's code is put there and the whole program
                        runs on the test's stdin (datasets such as Venus wrap solutions this way)
check         no        function io only: a dataset's own test code defining ``check(candidate)``
                        (HumanEval's ``test``). The check test runs ``check(entry_point)`` in the
                        sandboxed child, beside the submission, and passes when it returns. Only
                        for checks that cannot become data tests: the submission can tamper with
                        a check that runs beside it (see docs/DATASETS.md)
limits        no        ``{"time_s": float, "memory_mb": int}``: per-test limits for this problem
difficulty    no        ``"easy"``, ``"medium"`` or ``"hard"``
tags          no        list of strings
solutions     no        reference solutions: ``{"label", "code", "complexity", "time_class"}``;
                        ``time_class`` 1 is the fastest class, larger is slower
metadata      no        free-form JSON kept as is (e.g. costs a dataset recorded elsewhere)
============  ========  ==============================================================================

``Problem.from_dict`` turns a record into a ``Problem`` or raises ``ProblemFormatError`` (a
``ValueError``) that names the record and the field.
"""

from __future__ import annotations

import functools
import hashlib
import json
import keyword
import math
import re
from dataclasses import dataclass, field
from typing import Any

IO_MODES = ("function", "class", "stdin")
CHECKERS = ("exact", "float", "unordered", "custom")
RUNNER_PLACEHOLDER = "{{SUBMISSION}}"
DIFFICULTIES = ("easy", "medium", "hard")
# Segments joined by "/" (datasets' own ids such as "HumanEval/0"). No segment starts with "." or
# "/" can lead or repeat, so an id can never name a parent folder or an absolute path; ids are
# still not file names (nothing in the package uses them as one).
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*(/[A-Za-z0-9][A-Za-z0-9_.\-]*)*$")
# The function the harness calls for a problem with a check (see Problem.harness_entry).
CHECK_ENTRY = "__burner_test__"
# Tags standing for values JSON cannot hold (see to_json_value).
_TAGS = ("$tuple", "$set", "$dict")


class ProblemFormatError(ValueError):
    """A record does not follow the problem format; the message names the record and the field."""

    def __init__(self, problem_id: str, field_name: str, reason: str, source: str | None = None):
        self.problem_id = problem_id
        self.field = field_name
        self.reason = reason
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}problem {problem_id!r}, field {field_name!r}: {reason}")


@dataclass(frozen=True)
class Checker:
    """How an actual output is compared with the expected one (always in the trusted parent)."""

    kind: str = "exact"
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    code: str = ""


@dataclass(frozen=True)
class Limits:
    """Per-test resource limits. ``time_s`` is CPU seconds; the wall deadline is derived from it."""

    time_s: float = 2.0
    memory_mb: int = 512
    output_kb: int = 8192


@dataclass(frozen=True)
class TestCase:
    """One test: positional ``args`` (function/class io) or ``stdin`` text, and the expected output.

    ``expected`` is ``None`` for efficiency tests whose expected output comes from the oracle.
    ``check`` marks the check test of a problem with a ``check`` (no args, expected ``True``).
    """

    args: tuple | None = None
    stdin: str | None = None
    expected: Any = None
    check: bool = False


@dataclass(frozen=True)
class Solution:
    """A reference solution with the complexity it is labelled with."""

    label: str
    code: str
    complexity: str = ""
    time_class: int | None = None


@dataclass(frozen=True)
class EfficiencySpec:
    """Code of a seeded generator of large inputs, and the reference solution that answers them."""

    generator: str
    seed: int = 0
    oracle: str | None = None


@dataclass(frozen=True)
class Problem:
    id: str
    statement: str
    io: str
    tests: tuple[TestCase, ...]
    entry_point: str = ""
    title: str = ""
    starter_code: str = ""
    checker: Checker = field(default_factory=Checker)
    limits: Limits | None = None
    efficiency: EfficiencySpec | None = None
    solutions: tuple[Solution, ...] = ()
    difficulty: str | None = None
    tags: tuple[str, ...] = ()
    runner: str = ""
    check: str = ""
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @functools.cached_property
    def record_fingerprint(self) -> str:
        """SHA-256 of the whole native record: what the sandbox's caches of prepared tests are keyed by
        (``burner_env.reference.cost_fingerprint`` covers only the fields that change a cost)."""
        # Insertion order is stable for one problem; sort_keys would fail on mixed-type dict keys.
        record = json.dumps(self.to_dict(), default=repr, ensure_ascii=False)
        return hashlib.sha256(record.encode("utf-8", "surrogatepass")).hexdigest()

    def program(self, code: str) -> str:
        """The source that runs for a submission: the code itself, or the runner wrapped around it;
        with a ``check``, followed by the function that runs it (``harness_entry``)."""
        program = self.runner.replace(RUNNER_PLACEHOLDER, code) if self.runner else code
        return program + _check_harness(self.entry_point, self.check) if self.check else program

    @property
    def harness_entry(self) -> str:
        """The function the sandbox's harness calls in ``program(code)``: the entry point, or for a
        problem with a ``check``, the function that calls the entry point on a test's arguments
        and runs the check on the check test (which has none)."""
        return CHECK_ENTRY if self.check else self.entry_point

    @property
    def class_name(self) -> str | None:
        return self.entry_point.split(".", 1)[0] if self.io == "class" else None

    @property
    def method_name(self) -> str:
        return self.entry_point.split(".", 1)[1] if self.io == "class" else self.entry_point

    def solution(self, label: str) -> Solution:
        for solution in self.solutions:
            if solution.label == label:
                return solution
        raise KeyError(f"problem {self.id!r} has no reference solution labelled {label!r}")

    @classmethod
    def from_dict(cls, record: Any, source: str | None = None) -> Problem:
        """Build a problem from a native record; raise ``ProblemFormatError`` naming the bad field."""
        return _parse_problem(record, source)

    def to_dict(self) -> dict:
        """The native record of this problem (inverse of ``from_dict``)."""
        record: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "statement": self.statement,
            "io": self.io,
            "entry_point": self.entry_point,
            "starter_code": self.starter_code,
            "tests": [_test_to_dict(t) for t in self.tests],
            "checker": {"kind": self.checker.kind, "rel_tol": self.checker.rel_tol,
                        "abs_tol": self.checker.abs_tol,
                        **({"code": self.checker.code} if self.checker.code else {})},
            "solutions": [
                {"label": s.label, "code": s.code, "complexity": s.complexity,
                 **({"time_class": s.time_class} if s.time_class is not None else {})}
                for s in self.solutions
            ],
            "tags": list(self.tags),
            "metadata": self.metadata,
        }
        if self.runner:
            record["runner"] = self.runner
        if self.check:
            record["check"] = self.check
        if self.difficulty:
            record["difficulty"] = self.difficulty
        if self.limits:
            record["limits"] = {"time_s": self.limits.time_s, "memory_mb": self.limits.memory_mb,
                                "output_kb": self.limits.output_kb}
        if self.efficiency:
            record["efficiency"] = {"generator": self.efficiency.generator,
                                    "seed": self.efficiency.seed, "oracle": self.efficiency.oracle}
        return record


def _test_to_dict(test: TestCase) -> dict:
    if test.check:
        return {"check": True}
    if test.stdin is not None:
        return {"stdin": test.stdin, "expected": test.expected}
    return {"args": [to_json_value(a) for a in test.args or ()], "expected": to_json_value(test.expected)}


def to_json_value(value: Any) -> Any:
    """Plain data as native-format JSON: tuples and sets become ``{"$tuple"/"$set": [...]}``, and a
    dict with a key that is not a string ``{"$dict": [[key, value], ...]}``."""
    if type(value) is tuple:
        return {"$tuple": [to_json_value(v) for v in value]}
    if type(value) in (set, frozenset):
        return {"$set": [to_json_value(v) for v in value]}
    if type(value) is list:
        return [to_json_value(v) for v in value]
    if type(value) is dict:
        if _needs_dict_tag(value):
            return {"$dict": [[to_json_value(k), to_json_value(v)] for k, v in value.items()]}
        return {k: to_json_value(v) for k, v in value.items()}
    return value


def _needs_dict_tag(value: dict) -> bool:
    # A one-key dict whose key is a tag would read back as the tagged value: tag it too.
    return not all(type(k) is str for k in value) or (len(value) == 1 and next(iter(value)) in _TAGS)


def from_json_value(value: Any) -> Any:
    """Inverse of ``to_json_value``."""
    if type(value) is list:
        return [from_json_value(v) for v in value]
    if type(value) is dict:
        if len(value) == 1 and type(next(iter(value.values()))) is list:
            (key, items), = value.items()
            if key == "$tuple":
                return tuple(from_json_value(v) for v in items)
            if key == "$set":
                return {from_json_value(v) for v in items}
            if key == "$dict":
                return dict(_dict_entry(pair) for pair in items)
        return {k: from_json_value(v) for k, v in value.items()}
    return value


def _dict_entry(pair: Any) -> tuple:
    if type(pair) is not list or len(pair) != 2:
        raise TypeError(f"a '$dict' entry must be a [key, value] pair, got {pair!r}"[:200])
    return from_json_value(pair[0]), from_json_value(pair[1])


_CHECK_HARNESS = '''


def {dispatch}(*args):
    # Added by burner-env for a problem with a dataset check (Problem.check). A data test calls the
    # entry point with its arguments; the check test (none) runs check(candidate) in a copy of this
    # module's names, so that the check's own names (check, METADATA) never replace the submission's.
    candidate = globals().get({entry!r})
    if not callable(candidate):
        raise NameError("function {entry!r} is not defined")
    if args:
        return candidate(*args)
    source = {source!r}
    scope = dict(globals())
    try:
        exec(compile(source, "<check>", "exec"), scope)
        scope["check"](candidate)
    except Exception as error:
        # The answer is data for the parent to judge: True, or which line of the check failed.
        line, trace = "", error.__traceback__
        while trace is not None:
            if trace.tb_frame.f_code.co_filename == "<check>":
                line = source.splitlines()[trace.tb_lineno - 1].strip()
            trace = trace.tb_next
        return f"check failed: {{type(error).__name__}} at {{line[:200]!r}}"
    return True
'''


def _check_harness(entry_point: str, check: str) -> str:
    return _CHECK_HARNESS.format(dispatch=CHECK_ENTRY, entry=entry_point, source=check)


# --- parsing -------------------------------------------------------------------------------------


def _parse_problem(record: Any, source: str | None) -> Problem:
    if not isinstance(record, dict):
        raise ProblemFormatError("?", "<record>", f"expected a JSON object, got {type(record).__name__}",
                                 source)
    raw_id = record.get("id")
    pid = raw_id if isinstance(raw_id, str) else repr(raw_id)

    def fail(field_name: str, reason: str) -> ProblemFormatError:
        return ProblemFormatError(pid, field_name, reason, source)

    def text(name: str, required: bool = False, default: str = "") -> str:
        value = record.get(name, None)
        if value is None:
            if required:
                raise fail(name, "is required")
            return default
        if not isinstance(value, str):
            raise fail(name, f"must be a string, got {type(value).__name__}")
        return value

    if not isinstance(raw_id, str) or not _ID_PATTERN.match(raw_id):
        raise fail("id", "must be a non-empty string of letters, digits, '-', '_' or '.', in segments "
                   "joined by '/' that each start with a letter or digit")
    statement = text("statement", required=True)
    io = text("io", required=True)
    if io not in IO_MODES:
        raise fail("io", f"must be one of {', '.join(IO_MODES)}; got {io!r}")
    entry_point = text("entry_point")
    _check_entry_point(io, entry_point, fail)

    check = _parse_check(record.get("check"), io, fail)
    tests = _parse_tests(record.get("tests"), io, fail, "tests", need_expected=True, check=check)
    if not tests:
        raise fail("tests", "needs at least one test")
    if check and not any(test.check for test in tests):
        raise fail("tests", "a problem with a check needs the check test {\"check\": true}")

    solutions = _parse_solutions(record.get("solutions", []), fail)
    efficiency = _parse_efficiency(record.get("efficiency"), solutions, fail)
    difficulty = record.get("difficulty")
    if difficulty is not None:
        difficulty = str(difficulty).lower()
        if difficulty not in DIFFICULTIES:
            raise fail("difficulty", f"must be one of {', '.join(DIFFICULTIES)}; got {difficulty!r}")
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise fail("tags", "must be a list of strings")
    metadata = record.get("metadata", {})
    if not isinstance(metadata, dict):
        raise fail("metadata", "must be a JSON object")
    runner = text("runner")
    if runner and (io != "stdin" or RUNNER_PLACEHOLDER not in runner):
        raise fail("runner", f"is for io 'stdin' only and must contain {RUNNER_PLACEHOLDER}")

    return Problem(
        id=raw_id,
        title=text("title", default=raw_id),
        statement=statement,
        io=io,
        entry_point=entry_point,
        starter_code=text("starter_code"),
        tests=tests,
        checker=_parse_checker(record.get("checker", "exact"), fail),
        limits=_parse_limits(record.get("limits"), fail),
        efficiency=efficiency,
        solutions=solutions,
        difficulty=difficulty,
        tags=tuple(tags),
        runner=runner,
        check=check,
        metadata=metadata,
    )


def _check_entry_point(io: str, entry_point: str, fail) -> None:
    parts = entry_point.split(".") if entry_point else []
    if io == "function" and not (len(parts) == 1 and _is_identifier(parts[0])):
        raise fail("entry_point", f"io 'function' needs a function name; got {entry_point!r}")
    if io == "class" and not (len(parts) == 2 and all(_is_identifier(p) for p in parts)):
        raise fail("entry_point", f"io 'class' needs 'Class.method'; got {entry_point!r}")


def _is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _parse_check(raw: Any, io: str, fail) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str) or "def check" not in raw:
        raise fail("check", "must be code that defines check(candidate)")
    if io != "function":
        raise fail("check", f"is for io 'function' only; this problem's io is {io!r}")
    try:
        compile(raw, "<check>", "exec")
    except (SyntaxError, ValueError) as error:
        raise fail("check", f"does not compile: {getattr(error, 'msg', error)}") from None
    return raw


def _parse_tests(raw: Any, io: str, fail, name: str, need_expected: bool,
                 check: str = "") -> tuple[TestCase, ...]:
    if not isinstance(raw, list):
        raise fail(name, "must be a list of test objects")
    tests = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if not isinstance(item, dict):
            raise fail(where, f"must be an object, got {type(item).__name__}")
        if "check" in item:
            tests.append(_parse_check_test(item, where, check, fail))
            continue
        if need_expected and "expected" not in item:
            raise fail(f"{where}.expected", "is required")
        expected = item.get("expected")
        if io == "stdin":
            stdin = item.get("stdin")
            if not isinstance(stdin, str):
                raise fail(f"{where}.stdin", "io 'stdin' tests need a 'stdin' string")
            if need_expected and not isinstance(expected, str):
                raise fail(f"{where}.expected", "io 'stdin' tests need the expected stdout as a string")
            tests.append(TestCase(stdin=stdin, expected=expected))
        else:
            args = item.get("args")
            if not isinstance(args, list):
                raise fail(f"{where}.args", "must be a list of positional arguments")
            _check_finite_json(expected, f"{where}.expected", fail)
            if check and not args:
                # The harness runs the check when a test has no arguments (see Problem.harness_entry).
                raise fail(f"{where}.args", "a problem with a check cannot have a data test without "
                           "arguments; put that call in the check")
            try:
                args, expected = from_json_value(args), from_json_value(expected)
            except TypeError as error:  # e.g. a list inside a "$set", a malformed "$dict"
                raise fail(where, f"a '$set', '$dict' or dict key holds an unhashable value or "
                           f"is malformed: {error}") from None
            tests.append(TestCase(args=tuple(args), expected=expected))
    return tuple(tests)


def _parse_check_test(item: dict, where: str, check: str, fail) -> TestCase:
    if item.get("check") is not True or set(item) != {"check"}:
        raise fail(where, 'the check test is exactly {"check": true}: it passes when check(candidate) '
                   "returns, so it has no args or expected value")
    if not check:
        raise fail(where, "is a check test, but the problem has no 'check' code")
    return TestCase(args=(), expected=True, check=True)


def _check_finite_json(value: Any, where: str, fail) -> None:
    """Expected values must be plain JSON data; NaN would never compare equal to anything."""
    if isinstance(value, float) and math.isnan(value):
        raise fail(where, "NaN can never be matched; use a checker or another value")
    if isinstance(value, list):
        for item in value:
            _check_finite_json(item, where, fail)
    elif isinstance(value, dict):
        for item in value.values():
            _check_finite_json(item, where, fail)


def _parse_solutions(raw: Any, fail) -> tuple[Solution, ...]:
    if not isinstance(raw, list):
        raise fail("solutions", "must be a list of solution objects")
    solutions, labels = [], set()
    for index, item in enumerate(raw):
        where = f"solutions[{index}]"
        if not isinstance(item, dict):
            raise fail(where, f"must be an object, got {type(item).__name__}")
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            raise fail(f"{where}.code", "must be non-empty source code")
        label = item.get("label", f"solution-{index}")
        if not isinstance(label, str) or not label:
            raise fail(f"{where}.label", "must be a non-empty string")
        if label in labels:
            raise fail(f"{where}.label", f"duplicate label {label!r}")
        labels.add(label)
        time_class = item.get("time_class")
        if time_class is not None and (not isinstance(time_class, int) or isinstance(time_class, bool)
                                       or time_class < 1):
            raise fail(f"{where}.time_class", "must be a positive integer (1 = fastest class)")
        complexity = item.get("complexity", "")
        if not isinstance(complexity, str):
            raise fail(f"{where}.complexity", "must be a string such as 'O(n log n)'")
        solutions.append(Solution(label=label, code=code, complexity=complexity, time_class=time_class))
    return tuple(solutions)


def _parse_efficiency(raw: Any, solutions: tuple[Solution, ...], fail) -> EfficiencySpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("efficiency", "must be an object with 'generator', 'seed' and optional 'oracle'")
    generator = raw.get("generator")
    if not isinstance(generator, str) or "def generate" not in generator:
        raise fail("efficiency.generator", "must be code that defines generate(rng)")
    try:
        compile(generator, "<generator>", "exec")
    except SyntaxError as error:
        raise fail("efficiency.generator", f"does not compile: {error.msg} (line {error.lineno})") from None
    seed = raw.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise fail("efficiency.seed", "must be an integer")
    oracle = raw.get("oracle")
    if not solutions:
        raise fail("efficiency", "efficiency tests need a reference solution to compute expected outputs")
    if oracle is None:
        oracle = solutions[0].label
    elif oracle not in {s.label for s in solutions}:
        raise fail("efficiency.oracle", f"no reference solution is labelled {oracle!r}")
    return EfficiencySpec(generator=generator, seed=seed, oracle=oracle)


def _parse_checker(raw: Any, fail) -> Checker:
    if isinstance(raw, str):
        raw = {"kind": raw}
    if not isinstance(raw, dict):
        raise fail("checker", f"must be one of {', '.join(CHECKERS)} or an object with 'kind'")
    kind = raw.get("kind", "exact")
    if kind not in CHECKERS:
        raise fail("checker.kind", f"must be one of {', '.join(CHECKERS)}; got {kind!r}")
    tolerances: dict[str, Any] = {}
    if kind == "custom":
        code = raw.get("code")
        if not isinstance(code, str) or "def check" not in code:
            raise fail("checker.code", "a custom checker needs code that defines check(expected, actual)")
        tolerances["code"] = code
    for name in ("rel_tol", "abs_tol"):
        if name in raw:
            value = raw[name]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not value >= 0:
                raise fail(f"checker.{name}", "must be a non-negative number")
            tolerances[name] = float(value)
    return Checker(kind=kind, **tolerances)


def _parse_limits(raw: Any, fail) -> Limits | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("limits", "must be an object like {'time_s': 2.0, 'memory_mb': 512}")
    unknown = set(raw) - {"time_s", "memory_mb", "output_kb"}
    if unknown:
        raise fail("limits", f"unknown keys {sorted(unknown)}")
    values = {}
    for name, value in raw.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not value > 0:
            raise fail(f"limits.{name}", "must be a positive number")
        values[name] = float(value) if name == "time_s" else int(value)
    return Limits(**values)
