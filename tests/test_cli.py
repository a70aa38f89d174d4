"""The ``burner`` command: arguments and what each subcommand is handed (no measuring here)."""

from __future__ import annotations

import pytest

from burner_env import cli, reference
from burner_env.reference import ReferenceDistribution


@pytest.fixture
def calibrations(monkeypatch) -> list:
    """Stand-ins for calibrate/load_reference that record the suite they were given."""
    seen: list = []

    def fake_calibrate(suite, measure, **options) -> ReferenceDistribution:
        seen.append(suite)
        ids = [p.id for p in suite] if isinstance(suite, list) else ["(all)"]
        return ReferenceDistribution(mode=measure, key={"suite": "0" * 64}, problems={pid: () for pid in ids},
                                     fingerprints={}, repeats=1)

    monkeypatch.setattr(reference, "calibrate", fake_calibrate)
    monkeypatch.setattr(reference, "load_reference", lambda suite, measure, **options: None)
    return seen


def test_calibrate_problems_chooses_the_problems(calibrations, capsys):
    assert cli.main(["calibrate", "builtin", "--problems", "jump_game_ii, tree_diameter", "--quiet"]) == 0
    [suite] = calibrations
    assert [p.id for p in suite] == ["jump_game_ii", "tree_diameter"]
    assert "calibration of 'builtin' (--problems jump_game_ii,tree_diameter): 2 problems" in capsys.readouterr().out


def test_calibrate_without_problems_takes_the_suite(calibrations):
    assert cli.main(["calibrate", "builtin", "--quiet"]) == 0
    assert calibrations == ["builtin"]


def test_calibrate_names_an_unknown_problem(calibrations, capsys):
    assert cli.main(["calibrate", "builtin", "--problems", "jump-game-ii"]) == 2
    assert "burner calibrate: problem_ids: no such problems in the suite: ['jump-game-ii']" in capsys.readouterr().err
    assert not calibrations
