"""select_problems: a suite and, optionally, the ids to keep (issue 11: a string was split into letters)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from burner_env.problems import load_suite, select_problems

BUILTIN = load_suite("builtin")
ENV_SOURCE = Path(__file__).parent.parent / "burner_env" / "env.py"


def test_a_string_is_one_id():
    [problem] = select_problems(BUILTIN, "jump_game_ii")
    assert problem.id == "jump_game_ii"


def test_a_list_keeps_suite_order():
    chosen = select_problems(BUILTIN, ["tree_diameter", "jump_game_ii"])
    assert [p.id for p in chosen] == ["jump_game_ii", "tree_diameter"]
    assert select_problems(BUILTIN, None) == BUILTIN


def test_unknown_ids_are_named_with_the_closest_ids():
    with pytest.raises(ValueError, match=r"no such problems in the suite: \['jump-game-ii'\]; "
                                         r"did you mean 'jump_game_ii'"):
        select_problems(BUILTIN, ["jump-game-ii"])


@pytest.mark.parametrize("problem_ids, error, message", [
    ([], ValueError, "problem_ids is empty"),
    ([3], TypeError, "must hold strings"),
    (7, TypeError, "must be an id or a list of ids, got int"),
])
def test_bad_problem_ids_are_refused_clearly(problem_ids, error, message):
    with pytest.raises(error, match=message):
        select_problems(BUILTIN, problem_ids)


def test_the_env_uses_the_problems_package_selection():
    # select_problems lives in burner_env.problems; env.py only imports it.
    tree = ast.parse(ENV_SOURCE.read_text())
    assert not any(isinstance(node, ast.FunctionDef) and node.name == "select_problems" for node in tree.body)
    from burner_env import env

    assert env.select_problems is select_problems
