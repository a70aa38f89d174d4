"""The ``burner`` command: arguments and what each subcommand is handed (no measuring here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


# --- nothing heavy before it is needed ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "trl", "agents.cli", "agents.lm")
# Runs a script or the burner command in a fresh interpreter, then reports its exit code and which
# heavy modules it imported (timing would be flaky on a busy machine; sys.modules is not).
PROBE = """
import json, runpy, sys
target, argv = sys.argv[1], sys.argv[2:]
code = 0
try:
    if target == "burner":
        from burner_env.cli import main
        code = main(argv)
    else:
        sys.argv = [target, *argv]
        runpy.run_path(target, run_name="__main__")
except SystemExit as exit_:
    code = exit_.code
heavy = json.loads(HEAVY_JSON)
print(json.dumps({"code": code, "heavy": [m for m in heavy if m in sys.modules]}))
""".replace("HEAVY_JSON", repr(json.dumps(HEAVY)))


def probe(target: str, *argv: str) -> tuple[dict, str, str]:
    result = subprocess.run([sys.executable, "-c", PROBE, target, *argv], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    *printed, last = result.stdout.strip().splitlines()
    return json.loads(last), "\n".join(printed), result.stderr


@pytest.mark.parametrize("argv", [["--help"], ["iof", "--help"], ["calibrate", "--help"], ["train", "--help"]])
def test_burner_help_imports_nothing_heavy(argv):
    outcome, out, _ = probe("burner", *argv)
    assert outcome == {"code": 0, "heavy": []} and "usage: burner" in out


@pytest.mark.parametrize("example", sorted(path.name for path in (ROOT / "examples").glob("*.py")))
def test_every_example_answers_help_without_importing_heavy_modules(example):
    outcome, out, _ = probe(str(ROOT / "examples" / example), "--help")
    assert outcome == {"code": 0, "heavy": []}
    # A script prints its usage; verl_reward.py, a module verl loads, says how to point verl at it.
    assert out.startswith("usage:") or (example == "verl_reward.py" and "custom_reward_function" in out), out[:300]


@pytest.mark.parametrize("argv, message", [
    (["--model", "/nonexistent"], "burner iof: --model /nonexistent: no such folder"),
    (["--model", "."], "burner iof: --model .: "),  # a folder without a model in it
    (["--iterations", "-1"], "argument --iterations: must be 0 or more, got -1"),
    (["--temperature", "-0.5"], "argument --temperature: must be 0 or more"),
    (["--problems", "0"], "a count of problems must be at least 1"),
    (["--dtype", "float8"], "argument --dtype: invalid choice"),
])
def test_iof_arguments_are_refused_before_anything_loads(argv, message):
    outcome, _, err = probe("burner", "iof", *argv)
    assert outcome == {"code": 2, "heavy": []} and message in err


def test_calibrate_finds_its_own_calibration_again_with_other_repeats(tmp_path, capsys):
    # Measured with --repeats 1, it must look for a calibration keyed by 1 repeat (was: 3, not found).
    code = cli.main(["calibrate", "builtin", "--problems", "h_index", "--repeats", "1", "--quiet",
                     "--cache-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "(--problems h_index): 1 problems" in out
