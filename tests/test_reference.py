"""Reference distributions: percentile math, keys, the on-disk cache, corruption and resuming."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from burner_env import reference
from burner_env.machine import cpu_model
from burner_env.problems import Limits, Problem
from burner_env.reference import (
    CalibrationNotFound,
    CorruptCalibrationWarning,
    ReferenceCost,
    ReferenceDistribution,
    calibrate,
    calibration_key,
    load_reference,
)
from burner_env.sandbox import Cost, Sandbox

RECORD = {
    "id": "pair-sum-tiny",
    "statement": "Return how many index pairs i < j have xs[i] + xs[j] == target.",
    "io": "function",
    "entry_point": "count_pairs",
    "tests": [{"args": [[1, 2, 3, 4], 5], "expected": 2}, {"args": [[2, 2, 2], 4], "expected": 3}],
    "efficiency": {"generator": "def generate(rng):\n    return [{'args': [[rng.randint(-9, 9) "
                                "for _ in range(200)], 3]}]\n", "seed": 5},
    "solutions": [
        {"label": "hash map", "time_class": 1, "code": (
            "def count_pairs(xs, target):\n"
            "    seen, pairs = {}, 0\n"
            "    for x in xs:\n"
            "        pairs += seen.get(target - x, 0)\n"
            "        seen[x] = seen.get(x, 0) + 1\n"
            "    return pairs\n")},
        {"label": "brute force", "time_class": 2, "code": (
            "def count_pairs(xs, target):\n"
            "    n = len(xs)\n"
            "    return sum(1 for i in range(n) for j in range(i + 1, n) if xs[i] + xs[j] == target)\n")},
        {"label": "wrong", "code": "def count_pairs(xs, target):\n    return -1\n"},
    ],
}


def make_problems(count: int = 2) -> list[Problem]:
    return [Problem.from_dict(dict(copy.deepcopy(RECORD), id=f"pair-sum-{index}")) for index in range(count)]


def distribution_of(costs: dict[str, list[float | None]], mode: str = "cpu") -> ReferenceDistribution:
    """A distribution with the given time costs per problem; ``None`` stands for a failed reference."""
    problems = {
        pid: tuple(ReferenceCost(f"s{i}", None, cost is not None, "accepted" if cost is not None else "wrong_answer",
                                 time=cost, memory=cost, integral=cost)
                   for i, cost in enumerate(values))
        for pid, values in costs.items()}
    return ReferenceDistribution(mode=mode, key={"mode": mode}, problems=problems)


class CountingSandbox(Sandbox):
    """A real Sandbox that counts evaluations and can simulate a crash after ``crash_after`` of them."""

    evaluations = 0
    crash_after: int | None = None

    def evaluate(self, problem, code):
        if CountingSandbox.crash_after is not None and CountingSandbox.evaluations >= CountingSandbox.crash_after:
            raise KeyboardInterrupt("simulated interruption")
        CountingSandbox.evaluations += 1
        return super().evaluate(problem, code)


@pytest.fixture
def counting_sandbox(monkeypatch):
    CountingSandbox.evaluations, CountingSandbox.crash_after = 0, None
    monkeypatch.setattr(reference, "Sandbox", CountingSandbox)
    return CountingSandbox


# --- percentile math ------------------------------------------------------------------------------


@pytest.mark.parametrize(("candidate", "expected"), [
    (5.0, 1.0),     # cheaper than every reference
    (10.0, 1.0),    # tied with the cheapest: ties count for the candidate
    (20.0, 0.75),   # |{20, 30, 40}| / 4
    (25.0, 0.5),
    (40.0, 0.25),   # tied with the costliest
    (41.0, 0.0),    # costlier than every reference
])
def test_percentile_is_the_papers_rank_over_passed_references(candidate, expected):
    distribution = distribution_of({"p": [10.0, None, 20.0, 30.0, 40.0, None]})

    assert distribution.percentile("p", Cost(mode="cpu", cpu_ms=candidate), "time") == expected


def test_percentile_uses_the_requested_metric():
    distribution = distribution_of({"p": [1.0, 2.0]})
    cost = Cost(mode="cpu", cpu_ms=100.0, memory_mb=1.5, integral_mb_ms=0.5)

    assert distribution.percentile("p", cost, "time") == 0.0
    assert distribution.percentile("p", cost, "memory") == 0.5
    assert distribution.percentile("p", cost, "integral") == 1.0


def test_percentile_refuses_another_mode_and_names_both():
    distribution = distribution_of({"p": [10.0]}, mode="instructions")

    with pytest.raises(ValueError, match=r"'cpu' cost .* 'instructions' reference distribution"):
        distribution.percentile("p", Cost(mode="cpu", cpu_ms=1.0), "time")


def test_percentile_errors_name_the_problem():
    distribution = distribution_of({"all-failed": [None, None]})

    with pytest.raises(ValueError, match="'all-failed': no reference solution passed"):
        distribution.percentile("all-failed", Cost(mode="cpu", cpu_ms=1.0))
    with pytest.raises(KeyError, match="'missing'"):
        distribution.percentile("missing", Cost(mode="cpu", cpu_ms=1.0))


# --- keys -----------------------------------------------------------------------------------------


def test_cache_key_follows_what_can_change_a_cost():
    [problem] = make_problems(1)
    key = calibration_key([problem], "cpu")
    record = problem.to_dict()

    changed_code = dict(record, solutions=[dict(record["solutions"][0], code=record["solutions"][0]["code"]
                                                + "# changed\n")] + record["solutions"][1:])
    changed_seed = dict(record, efficiency=dict(record["efficiency"], seed=6))
    for changed in (changed_code, changed_seed):
        assert calibration_key([Problem.from_dict(changed)], "cpu")["suite"] != key["suite"]
    added = make_problems(2)
    assert calibration_key(added, "cpu")["suite"] != calibration_key(added[:1], "cpu")["suite"]
    # The statement is shown to the agent but never changes a cost: rewording it keeps the calibration.
    reworded = Problem.from_dict(dict(record, statement="Count the pairs."))
    assert calibration_key([reworded], "cpu") == key
    assert key["machine"] is not None and "hostname" not in json.dumps(key)
    assert calibration_key([problem], "instructions")["machine"] is None


def test_cache_key_holds_the_whole_measurement_setup():
    problems = make_problems(1)
    key = calibration_key(problems, "cpu")
    assert key["repeats"] == 3 and key["limits"] == {"time_s": 2.0, "memory_mb": 512, "output_kb": 8192}
    assert key["sample_period_s"] > 0 and len(key["measurement"]) == 64  # the sandbox sources' SHA-256
    for changed in ({"repeats": 1}, {"limits": Limits(time_s=5.0)}, {"sample_period_s": 0.01}):
        other = calibration_key(problems, "cpu", **changed)
        assert other != key and other["suite"] == key["suite"], changed
        assert reference._file_stem(other) != reference._file_stem(key)
    assert calibration_key(problems, "cpu", limits=Limits()) == key  # the sandbox's default, spelt out
    # instructions mode runs each test once, whatever was asked
    assert calibration_key(problems, "instructions", repeats=5)["repeats"] == 1
    with pytest.raises(ValueError, match="repeats must be a positive integer"):
        calibration_key(problems, "cpu", repeats=0)
    with pytest.raises(ValueError, match="sample_period_s"):
        calibration_key(problems, "cpu", sample_period_s=0.0)
    with pytest.raises(TypeError, match="limits must be"):
        calibration_key(problems, "cpu", limits={"time_s": 1})


def test_any_change_to_the_sandbox_sources_changes_the_measurement_digest(tmp_path):
    sources = tmp_path / "sandbox"
    sources.mkdir()
    for path in reference.SANDBOX_SOURCES.glob("*.py"):
        (sources / path.name).write_bytes(path.read_bytes())
    before = reference.measurement_code_digest(sources)
    assert before == reference.measurement_code_digest(sources)
    executor = sources / "executor.py"
    executor.write_bytes(executor.read_bytes() + b"# a comment\n")
    edited = reference.measurement_code_digest(sources)
    assert edited != before
    executor.rename(sources / "executor2.py")  # a renamed file is another file
    assert reference.measurement_code_digest(sources) != edited


def test_setup_differences_say_what_differs():
    [problem] = make_problems(1)
    theirs = dict(calibration_key([problem], "cpu", repeats=1), python="cpython 3.9.0",
                  machine={**reference._machine_fingerprint(), "cpu": "Other CPU"})
    del theirs["measurement"]  # an old calibration, from before the key held the measurement code
    differences = reference.setup_differences(theirs, calibration_key(make_problems(2), "cpu"))
    assert differences[0] == "machine.cpu: 'Other CPU' there, " + repr(cpu_model()) + " here"
    assert [line.split(":")[0] for line in differences] == ["machine.cpu", "measurement", "python", "repeats"]
    assert "measurement: (absent) there, '" in differences[1] and "repeats: 1 there, 3 here" in differences


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path))
    assert reference.default_cache_dir() == tmp_path / "calibration"
    monkeypatch.delenv("BURNER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert reference.default_cache_dir() == tmp_path / "xdg" / "burner-env" / "calibration"


# --- calibrating and the cache --------------------------------------------------------------------


def test_calibrate_then_load(tmp_path, counting_sandbox):
    problems = make_problems(2)
    with pytest.warns(UserWarning, match="2 reference solutions failed"):
        built = calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)

    assert counting_sandbox.evaluations == 6
    loaded = load_reference(problems, "cpu", repeats=1, cache_dir=tmp_path)
    assert loaded == built
    entries = {entry.label: entry for entry in loaded.problems["pair-sum-0"]}
    assert entries["wrong"].passed is False and entries["wrong"].verdict == "wrong_answer"
    assert entries["hash map"].time < entries["brute force"].time
    assert len(loaded.costs("pair-sum-0", "time")) == 2
    # A second calibration finds the cache and measures nothing.
    assert calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False) == built
    assert counting_sandbox.evaluations == 6


def test_missing_calibration_tells_the_exact_command(tmp_path):
    suite = tmp_path / "suite.jsonl"
    suite.write_text(json.dumps(RECORD) + "\n")

    with pytest.raises(CalibrationNotFound) as error:
        load_reference(str(suite), "cpu", cache_dir=tmp_path / "cache")
    assert f"burner calibrate {suite} --measure cpu --cache-dir {tmp_path / 'cache'}" in str(error.value)


def _final_file(cache_dir: Path) -> Path:
    [path] = cache_dir.glob("cpu-*.json")
    return path


@pytest.mark.parametrize("corruption", ["bad json", "wrong checksum", "wrong key"])
def test_a_corrupt_cache_is_detected_and_rebuilt(tmp_path, counting_sandbox, corruption):
    problems = make_problems(1)
    with pytest.warns(UserWarning, match="failed"):
        calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)
    path = _final_file(tmp_path)
    document = json.loads(path.read_text())
    if corruption == "bad json":
        path.write_text(path.read_text()[:-40])
    elif corruption == "wrong checksum":
        document["problems"]["pair-sum-0"][0]["time"] = 1e-9  # a "better" cost someone slipped in
        path.write_text(json.dumps(document))
    else:
        # A sound file of another suite, put where this suite's calibration belongs.
        other = calibration_key(make_problems(2), "cpu")
        document["key"] = other
        document["checksum"] = reference._checksum({k: v for k, v in document.items() if k != "checksum"})
        path.write_text(json.dumps(document))

    with pytest.warns(CorruptCalibrationWarning, match=str(path)), pytest.raises(CalibrationNotFound):
        load_reference(problems, "cpu", repeats=1, cache_dir=tmp_path)
    evaluations_before = counting_sandbox.evaluations
    with pytest.warns(CorruptCalibrationWarning), pytest.warns(UserWarning, match="failed"):
        rebuilt = calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)
    assert counting_sandbox.evaluations == evaluations_before + 3
    assert load_reference(problems, "cpu", repeats=1, cache_dir=tmp_path) == rebuilt


def test_an_interrupted_calibration_resumes_without_rerunning_finished_pairs(tmp_path, counting_sandbox):
    problems = make_problems(2)
    counting_sandbox.crash_after = 4
    with pytest.raises(KeyboardInterrupt):
        calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)
    [log] = tmp_path.glob("*.partial.jsonl")
    assert len(log.read_text().splitlines()) == 1 + 4  # the header and four measurements
    with pytest.raises(CalibrationNotFound, match="interrupted; resume it"):
        load_reference(problems, "cpu", repeats=1, cache_dir=tmp_path)

    # A crash while writing leaves half a line: it is reported and that pair measured again.
    with log.open("a") as handle:
        handle.write('{"problem": "pair-sum-1", "fingerp')
    counting_sandbox.crash_after = None
    with pytest.warns(CorruptCalibrationWarning, match="line 6"), pytest.warns(UserWarning, match="failed"):
        distribution = calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)

    assert counting_sandbox.evaluations == 6  # 4 before the crash, the 2 missing ones after it
    assert sorted(distribution.problems) == ["pair-sum-0", "pair-sum-1"]
    assert not log.exists()


def test_a_log_with_other_settings_is_not_resumed(tmp_path, counting_sandbox):
    problems = make_problems(1)
    counting_sandbox.crash_after = 2
    with pytest.raises(KeyboardInterrupt):
        calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)
    [log] = tmp_path.glob("*.partial.jsonl")
    counting_sandbox.crash_after = None
    # Other repeats are another key, hence another log: the first one is left alone, not resumed.
    with pytest.warns(UserWarning, match="failed"):
        calibrate(problems, "cpu", repeats=2, cache_dir=tmp_path, progress=False)
    assert counting_sandbox.evaluations == 2 + 3 and log.exists()
    # A log under our name whose header holds another setup is discarded, not trusted.
    header, *lines = log.read_text().splitlines()
    log.write_text("\n".join([header.replace('"repeats": 1', '"repeats": 4'), *lines]) + "\n")
    with pytest.warns(CorruptCalibrationWarning, match="header does not match"), \
            pytest.warns(UserWarning, match="failed"):
        calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)
    assert counting_sandbox.evaluations == 2 + 3 + 3


def test_a_calibration_of_another_setup_is_never_used(tmp_path, counting_sandbox):
    problems = make_problems(1)
    with pytest.warns(UserWarning, match="failed"):
        calibrate(problems, "cpu", repeats=1, cache_dir=tmp_path, progress=False)

    with pytest.raises(CalibrationNotFound) as error:
        load_reference(problems, "cpu", cache_dir=tmp_path)  # 3 repeats, the env's default
    message = str(error.value)
    assert "--measure cpu --cache-dir" in message and "repeats: 1 there, 3 here" in message
    assert len(error.value.stale) == 1 and str(_final_file(tmp_path)) in error.value.stale[0]
    with pytest.raises(CalibrationNotFound, match=r"--repeats 1 .*calibrate\(\.\.\., limits=\.\.\.\)"):
        load_reference(problems, "cpu", repeats=1, limits=Limits(time_s=9.0), cache_dir=tmp_path)
    assert load_reference(problems, "cpu", repeats=1, cache_dir=tmp_path).repeats == 1


# --- instructions mode: shipped distributions -----------------------------------------------------


def _fake_instructions_distribution(problems: list[Problem]) -> ReferenceDistribution:
    entries = (ReferenceCost("hash map", 1, True, "accepted", 1000.0, 0.1, 0.0001),
               ReferenceCost("brute force", 2, True, "accepted", 90000.0, 0.1, 0.009),
               ReferenceCost("wrong", None, False, "wrong_answer"))
    return ReferenceDistribution(mode="instructions", key=calibration_key(problems, "instructions"),
                                 problems={p.id: entries for p in problems},
                                 fingerprints={p.id: reference.cost_fingerprint(p) for p in problems})


def test_shipped_instructions_distributions_are_found_first(tmp_path, monkeypatch):
    problems = make_problems(1)
    shipped = tmp_path / "shipped"
    monkeypatch.setattr(reference, "SHIPPED_DIR", shipped)
    fake = _fake_instructions_distribution(problems)
    reference._write_atomically(shipped / f"{reference._file_stem(fake.key)}.json", json.dumps(fake.to_dict()))

    found = load_reference(problems, "instructions", cache_dir=tmp_path / "empty")

    assert found == fake
    assert found.percentile("pair-sum-0", Cost(mode="instructions", instructions=1000), "time") == 1.0


class RefusingSandbox:
    """Stands in for the Sandbox where no measurement may happen (and valgrind may be missing)."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("a measurement was started")


def test_instructions_calibration_reuses_exact_counts_of_unchanged_problems(tmp_path, monkeypatch):
    problems = make_problems(2)
    shipped = tmp_path / "shipped"
    monkeypatch.setattr(reference, "SHIPPED_DIR", shipped)
    monkeypatch.setattr(reference, "Sandbox", RefusingSandbox)
    fake = _fake_instructions_distribution(problems[:1])  # an older suite: only the first problem
    reference._write_atomically(shipped / f"{reference._file_stem(fake.key)}.json", json.dumps(fake.to_dict()))

    with pytest.raises(AssertionError, match="a measurement was started"):
        calibrate(problems, "instructions", cache_dir=tmp_path / "cache", progress=False)
    # The first problem's three counts were carried over into the log; only the second's were due.
    [log] = (tmp_path / "cache").glob("instructions-*.partial.jsonl")
    carried = [json.loads(line) for line in log.read_text().splitlines()[1:]]
    assert [(r["problem"], r["entry"]["label"]) for r in carried] == [
        ("pair-sum-0", "hash map"), ("pair-sum-0", "brute force"), ("pair-sum-0", "wrong")]

    # With every problem unchanged, nothing is measured at all.
    with pytest.warns(UserWarning, match="failed"):
        only_first = calibrate(problems[:1], "instructions", cache_dir=tmp_path / "cache", progress=False)
    assert only_first.problems == fake.problems


def _with_key(distribution: ReferenceDistribution, **changes) -> ReferenceDistribution:
    return ReferenceDistribution(mode=distribution.mode, key={**distribution.key, **changes},
                                 problems=distribution.problems, fingerprints=distribution.fingerprints)


def test_a_stale_shipped_calibration_is_refused_with_what_differs(tmp_path, monkeypatch):
    problems = make_problems(1)
    shipped = tmp_path / "shipped"
    monkeypatch.setattr(reference, "SHIPPED_DIR", shipped)
    stale = _with_key(_fake_instructions_distribution(problems), measurement="0123456789ab" + "0" * 52)
    path = shipped / f"{reference._file_stem(stale.key)}.json"
    reference._write_atomically(path, json.dumps(stale.to_dict()))

    with pytest.raises(CalibrationNotFound) as error:
        load_reference(problems, "instructions", cache_dir=tmp_path / "empty")
    ours = calibration_key(problems, "instructions")["measurement"]
    assert error.value.stale == (f"{path} (measurement: '0123456789ab' there, {ours[:12]!r} here)",)
    assert "refused, measured with another setup" in str(error.value)
    assert "burner calibrate SUITE --measure instructions --cache-dir" in str(error.value)  # no --repeats 1


def test_exact_counts_are_not_carried_over_from_another_setup(tmp_path, monkeypatch):
    problems = make_problems(1)
    shipped = tmp_path / "shipped"
    monkeypatch.setattr(reference, "SHIPPED_DIR", shipped)
    monkeypatch.setattr(reference, "Sandbox", RefusingSandbox)
    old_code = _with_key(_fake_instructions_distribution(problems), measurement="f" * 64)
    reference._write_atomically(shipped / f"{reference._file_stem(old_code.key)}.json",
                                json.dumps(old_code.to_dict()))

    with pytest.raises(AssertionError, match="a measurement was started"):
        calibrate(problems, "instructions", cache_dir=tmp_path / "cache", progress=False)
    assert not list((tmp_path / "cache").glob("*.partial.jsonl"))  # nothing was carried over


def test_every_shipped_distribution_is_sound():
    for path in sorted(reference.SHIPPED_DIR.glob("*.json")):
        distribution = ReferenceDistribution.from_dict(json.loads(path.read_text()))
        assert distribution.mode == "instructions"
        assert path.name == f"{reference._file_stem(distribution.key)}.json"
        assert all(entry.passed for entries in distribution.problems.values() for entry in entries), path
