"""The Gymnasium environment: API conformance, episodes, acceptance rule, robustness, vectorisation."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import burner_env
from burner_env.demo import SAMPLE_PROBLEM
from burner_env.env import CodeEfficiencyEnv, rank_category
from burner_env.problems import Problem
from burner_env.rewards import RewardInput
from burner_env.sandbox import Cost, Evaluation
from burner_env.scoring import ACCEPT_PAIRS, COUNT_FLOOR, COUNT_MARGIN, Attempt, is_improvement, same_code

PROBLEM = Problem.from_dict(SAMPLE_PROBLEM)
FAST, MEDIUM, SLOW = (s.code for s in PROBLEM.solutions)


def respond(code: str) -> str:
    return f"<thinking>try this</thinking>\n<solution>\n```python\n{code}```\n</solution>"


@pytest.fixture(scope="module")
def env():
    environment = CodeEfficiencyEnv(suite=[PROBLEM], max_iterations=3, repeats=1)
    yield environment
    environment.close()


def test_check_env_passes(env):
    check_env(env, skip_render_check=True)  # initial code "empty": the determinism check holds


def test_registered_as_nondeterministic_because_feedback_carries_readings():
    assert gym.spec(burner_env.ENV_ID).nondeterministic
    with CodeEfficiencyEnv(suite=[PROBLEM], repeats=1, initial_code=SLOW) as env:
        feedbacks = {env.reset(seed=0)[0]["feedback"] for _ in range(3)}
    assert len(feedbacks) > 1  # the same seeded reset, other CPU-time readings in the text


def test_issue_snippet_works_as_written():
    import gymnasium as gym  # noqa: F811 - the snippet's own import

    env = gym.make("burner/CodeEfficiency-v0", suite="builtin", instruction="time",
                   max_iterations=4, initial_code="empty", reward="percentile", measure="cpu")
    obs, info = env.reset(seed=0)
    assert set(obs) >= {"problem", "instruction", "code", "feedback"} and obs["code"] == ""
    obs, reward, terminated, truncated, info = env.step("I will think about it.")
    assert info["verdict"] == "format_error" and reward == 0.0 and not terminated and not truncated
    env.close()


def test_episode_rewards_accepts_and_truncates(env):
    obs, info = env.reset(seed=1)
    assert obs["iteration"] == 0 and info["problem_id"] == PROBLEM.id
    obs, slow_reward, _, truncated, info = env.step(respond(SLOW))
    assert info["verdict"] == "accepted" and info["accepted"] and not truncated
    assert obs["code"].strip() == SLOW.strip()
    obs, fast_reward, _, truncated, info = env.step(respond(FAST))
    assert info["accepted"] and fast_reward > slow_reward
    assert info["percentiles"]["time"] >= 0.6 and info["rank_category"] in ("within", "better_than_all")
    obs, reward, _, truncated, info = env.step(respond(SLOW))  # worse than the current code
    assert not info["accepted"] and truncated and obs["code"].strip() == FAST.strip()
    assert "not kept" in obs["feedback"]
    with pytest.raises(gym.error.ResetNeeded):
        env.step(respond(FAST))


def test_failing_candidate_never_replaces_passing_code(env):
    env.reset(seed=2)
    env.step(respond(MEDIUM))
    obs, reward, _, _, info = env.step(respond("def count_pairs(xs, target):\n    return 0\n"))
    assert info["verdict"] == "wrong_answer" and not info["accepted"] and reward == 0.0
    assert obs["code"].strip() == MEDIUM.strip()
    assert "Expected" in obs["feedback"] and "Got: 0" in obs["feedback"]


def test_until_an_attempt_passes_the_observation_shows_the_failing_attempt_to_repair(env):
    wrong = "def count_pairs(xs, target):\n    return -1\n"
    obs, _ = env.reset(seed=3)
    obs, _, _, _, info = env.step(respond(wrong))
    assert not info["accepted"] and obs["code"].strip() == wrong.strip()
    assert obs["feedback"].startswith("No attempt has passed yet") and "Got: -1" in obs["feedback"]
    assert "not better than the current code" not in obs["feedback"]  # there is none
    # The feedback's count and the info's are the same figure, under one name each.
    assert f"0/{len(PROBLEM.tests)} correctness tests passed" in obs["feedback"]
    assert (info["correctness_passed"], info["correctness_total"]) == (0, len(PROBLEM.tests))
    obs, _, _, _, info = env.step(respond(MEDIUM))  # the repair passes: it becomes the current code
    assert info["accepted"] and obs["code"].strip() == MEDIUM.strip() and "No attempt" not in obs["feedback"]
    assert f"{len(PROBLEM.tests)}/{len(PROBLEM.tests)} correctness tests passed" in obs["feedback"]
    assert info["correctness_passed"] == info["correctness_total"] == len(PROBLEM.tests)
    assert info["tests_passed"] == info["tests_run"] > len(PROBLEM.tests)  # efficiency tests too
    obs, _, _, _, _ = env.step(respond(wrong))  # once code passes, a failing attempt is only reported
    assert obs["code"].strip() == MEDIUM.strip() and "was not kept" in obs["feedback"]


def test_a_failed_reset_changes_nothing_and_leaves_no_episode_to_step():
    env = CodeEfficiencyEnv(suite=[PROBLEM], repeats=1)
    try:
        env.reset(seed=0)
        bad = [({"problem_id": "nope"}, ValueError), ({"problem_ids": "x"}, ValueError),
               ({"instruction": "memory", "initial_code": 3}, TypeError),
               ({"instruction": "memory", "problem_id": "nope"}, ValueError)]
        for options, error in bad:
            with pytest.raises(error):
                env.reset(options=options)
            assert env.instruction == "time"  # a failed reset applies none of its options
            with pytest.raises(gym.error.ResetNeeded, match="last reset\\(\\) failed"):
                env.step(respond(FAST))
        obs, _ = env.reset(options={"instruction": "memory"})  # a good reset recovers the env
        assert obs["instruction"] == "memory" and env.step(respond(FAST))[4]["verdict"] == "accepted"
    finally:
        env.close()


def attempt(passed: bool, cpu_ms: float | None = None, memory_mb: float = 1.0, code: str = "x = 1\n",
            mode: str = "cpu") -> Attempt:
    if mode == "instructions":
        cost = Cost(mode=mode, instructions=int(cpu_ms or 0), memory_mb=memory_mb,
                    integral_mb_minstr=(cpu_ms or 0) * memory_mb)
    else:
        cost = Cost(mode=mode, cpu_ms=cpu_ms, memory_mb=memory_mb, integral_mb_ms=(cpu_ms or 0) * memory_mb)
    evaluation = Evaluation("p", "accepted" if passed else "wrong_answer", cost=cost if passed else None)
    return Attempt(code, evaluation)


def no_remeasure() -> tuple[list[float], list[float]]:
    raise AssertionError("the rule re-measured where its first comparison already decided")


def readings(candidate: list[float], incumbent: list[float]):
    return lambda: (candidate, incumbent)


@pytest.mark.parametrize("metric", ["time", "memory", "integral"])
def test_acceptance_rule_keeps_the_better_code_for_every_metric(metric):
    cheap, dear = attempt(True, 1.0, 1.0, code="x = 1\n"), attempt(True, 100.0, 100.0, code="x = 2\n")
    cheap_value, dear_value = cheap.cost(metric), dear.cost(metric)
    decision = is_improvement(cheap, dear, metric, readings([cheap_value] * 4, [dear_value] * 4))
    assert decision.accepted and decision.reason == "beyond_noise"
    assert decision.candidate == (cheap_value,) * 4 and decision.incumbent == (dear_value,) * 4
    assert is_improvement(dear, cheap, metric, no_remeasure).reason == "not_cheaper"
    assert is_improvement(dear, attempt(False), metric, no_remeasure).reason == "passes"
    assert is_improvement(dear, Attempt("", None), metric, no_remeasure).accepted
    for candidate, current in [(attempt(False), dear), (attempt(False), attempt(False))]:
        assert is_improvement(candidate, current, metric, no_remeasure).reason == "failed"


def test_same_code_ignores_comments_and_formatting_only():
    code = "def f(xs):\n    return sorted(xs)\n"
    assert same_code(code, "# sorts\ndef f( xs ):\n\n    return sorted(xs)   # the built-in\n")
    assert not same_code(code, "def f(ys):\n    return sorted(ys)\n")
    assert same_code("def (", "def (  \n") and not same_code("def (", "def )")


@pytest.mark.parametrize("mode", ["cpu", "instructions"])
def test_identical_code_is_never_accepted_even_on_a_lower_reading(mode):
    incumbent = attempt(True, 100.0, 10.0, code="def f(xs):\n    return sorted(xs)\n", mode=mode)
    resubmitted = attempt(True, 1.0, 1.0, code="def f(xs):  # unchanged\n\n    return sorted(xs)\n", mode=mode)
    for metric in ("time", "memory", "integral"):
        decision = is_improvement(resubmitted, incumbent, metric, no_remeasure)
        assert not decision.accepted and decision.reason == "same_code"


def test_exact_counts_accept_a_lower_count_beyond_the_forks_jitter():
    current = attempt(True, 10_000_000, code="x = 1\n", mode="instructions")
    lower = attempt(True, 9_989_999, code="x = 2\n", mode="instructions")
    assert is_improvement(lower, current, "time", no_remeasure).reason == "cheaper"
    jitter = attempt(True, 9_997_000, code="x = 4\n", mode="instructions")  # within COUNT_MARGIN
    assert is_improvement(jitter, current, "time", no_remeasure).reason == "not_cheaper"
    assert is_improvement(current, lower, "time", no_remeasure).reason == "not_cheaper"
    equal = attempt(True, 10_000_000, code="x = 3\n", mode="instructions")
    assert not is_improvement(equal, current, "time", no_remeasure).accepted


def test_an_exact_count_within_the_jitter_of_a_reference_ties_it_in_the_rank():
    # A verbatim copy of the fastest reference reads a few instructions off it, and now and then ~880.
    small = attempt(True, 120_000, mode="instructions").evaluation.cost
    large = attempt(True, 40_000_000, mode="instructions").evaluation.cost
    assert small.tie_gap("time") == COUNT_FLOOR and large.tie_gap("time") == 40_000_000 * COUNT_MARGIN
    assert small.tie_gap("memory") == 0.0 and attempt(True, 120.0).evaluation.cost.tie_gap("time") == 0.0
    # The exact integral, (10 MiB + memory) × Minstr, moves with the count's jitter (memory_mb is 1 here).
    assert small.tie_gap("integral") == pytest.approx((10 + 1.0) * COUNT_FLOOR / 1e6)
    assert attempt(True, 120.0).evaluation.cost.tie_gap("integral") == 0.0
    for count, slower in [(120_000, 200_000), (40_000_000, 80_000_000)]:
        gap = attempt(True, count, mode="instructions").evaluation.cost.tie_gap("time")
        for reading in (count - gap, count, count + gap):  # a reference (count) ties each reading
            inp = RewardInput("", passed=True, cost=reading, reference_costs=(count, slower), tie_gap=gap)
            assert inp.rank == 1.0
        beyond = RewardInput("", passed=True, cost=count + 2 * gap, reference_costs=(count, slower), tie_gap=gap)
        assert beyond.rank == 0.5
        # The acceptance rule draws the same line: a lower count within the gap is not a gain.
        current = attempt(True, count, code="x = 1\n", mode="instructions")
        within = attempt(True, count - gap, code="x = 2\n", mode="instructions")
        assert is_improvement(within, current, "time", no_remeasure).reason == "not_cheaper"


def test_a_noisy_gain_must_hold_in_every_interleaved_pair_and_beyond_the_margin():
    current, candidate = attempt(True, 100.0, code="x = 1\n"), attempt(True, 70.0, code="x = 2\n")
    assert is_improvement(candidate, current, "time", readings([79.0] * 4, [100.0] * 4)).accepted
    for ours, theirs in [([70.0, 70.0, 70.0, 101.0], [100.0] * 4),   # one pair lost: the sign test fails
                         ([85.0] * 4, [100.0] * 4),                    # 15 % is within the noise margin
                         ([math.inf, 70.0, 70.0, 70.0], [100.0] * 4)]:  # one re-run failed
        decision = is_improvement(candidate, current, "time", readings(ours, theirs))
        assert not decision.accepted and decision.reason == "within_noise"
    # A first reading inside the margin, or a gain under the absolute floor, is not re-measured at all.
    assert is_improvement(attempt(True, 90.0, code="x = 2\n"), current, "time", no_remeasure).reason == "not_cheaper"
    tiny, tinier = attempt(True, 0.6, code="x = 1\n"), attempt(True, 0.2, code="x = 2\n")
    assert is_improvement(tinier, tiny, "time", no_remeasure).reason == "not_cheaper"


def test_a_real_gain_is_accepted_on_interleaved_readings_and_reported_on_a_fresh_one():
    env = CodeEfficiencyEnv(suite=[PROBLEM], max_iterations=3, repeats=1)
    evaluations = []
    evaluate = env.sandbox.evaluate

    def counted(*args, **kwargs):
        evaluations.append(evaluate(*args, **kwargs))
        return evaluations[-1]

    env.sandbox.evaluate = counted
    try:
        env.reset(seed=0)
        env.step(respond(SLOW))
        evaluations.clear()
        _, _, _, _, info = env.step(respond(FAST))
        assert info["accepted"] and info["acceptance"]["reason"] == "beyond_noise"
        assert len(info["acceptance"]["candidate"]) == len(info["acceptance"]["incumbent"]) == ACCEPT_PAIRS
        # the step's own evaluation, the interleaved pairs, and one fresh reading to report
        assert len(evaluations) == 2 + 2 * ACCEPT_PAIRS
        assert info["current"]["costs"]["time"] == evaluations[-1].cost.metric("time")
        assert info["current"]["verdict"] == "accepted" and info["current"]["percentiles"]
        evaluations.clear()
        _, _, _, _, again = env.step(respond("# the same again\n" + FAST))
        assert not again["accepted"] and again["acceptance"]["reason"] == "same_code"
        assert len(evaluations) == 1 and again["current"] == info["current"]
    finally:
        env.close()


def test_rank_categories():
    assert [rank_category(True, r) for r in (1.0, 0.5, 0.0)] == ["better_than_all", "within", "worse_than_all"]
    assert rank_category(False, None) == "failed"


@pytest.mark.parametrize("action", ["", "just prose, no code", "```python\n```", "<solution></solution>",
                                    "x" * 10_000_000, "<solution>\ud800\udfff</solution>"])
def test_bad_actions_are_clean_steps(env, action):
    env.reset(seed=3)
    obs, reward, terminated, truncated, info = env.step(action)
    assert info["verdict"] in ("format_error", "runtime_error") and reward == 0.0
    assert env.observation_space.contains(obs)


@pytest.mark.parametrize("action", [None, 3, b"<solution>x</solution>", ["code"]])
def test_non_string_actions_raise_type_error(env, action):
    env.reset(seed=4)
    with pytest.raises(TypeError, match="str"):
        env.step(action)


def test_step_before_reset_and_bad_arguments():
    env = CodeEfficiencyEnv(suite=[PROBLEM], repeats=1)
    with pytest.raises(gym.error.ResetNeeded):
        env.step(respond(FAST))
    with pytest.raises(ValueError, match="problem_id"):
        env.reset(options={"problem_id": "nope"})
    with pytest.raises(ValueError, match="unknown reset options"):
        env.reset(options={"seed": 3})
    env.close()
    for kwargs, field in [({"instruction": "speed"}, "instruction"), ({"max_iterations": 0}, "max_iterations"),
                          ({"feedback": "verbose"}, "feedback"), ({"reward": "nope"}, "reward"),
                          ({"problem_ids": ["nope"]}, "problem_ids")]:
        with pytest.raises(ValueError, match=field):
            CodeEfficiencyEnv(suite=[PROBLEM], **kwargs)


def test_reference_initial_code_is_a_seeded_draw_and_is_measured(env):
    _, info_a = env.reset(seed=7, options={"initial_code": "reference"})
    obs_a = env._current.code
    _, info_b = env.reset(seed=7, options={"initial_code": "reference"})
    assert env._current.code == obs_a and info_a["verdict"] == info_b["verdict"] == "accepted"
    codes = {env.reset(seed=s, options={"initial_code": "reference"})[0]["code"] for s in range(12)}
    assert len(codes) > 1


def test_starter_initial_code_is_the_problems_starter_code_evaluated():
    stub = "def count_pairs(xs, target):\n    ...\n"
    suite = [dataclasses.replace(PROBLEM, id="stub", starter_code=stub),
             dataclasses.replace(PROBLEM, id="slow-start", starter_code=SLOW),
             dataclasses.replace(PROBLEM, id="no-starter", starter_code="")]
    with CodeEfficiencyEnv(suite=suite, repeats=1, initial_code="starter") as env:
        for problem_id, code, verdict in [("stub", stub, "wrong_answer"), ("slow-start", SLOW, "accepted"),
                                          ("no-starter", "", "none")]:
            obs, info = env.reset(options={"problem_id": problem_id})
            assert (obs["code"], info["verdict"]) == (code, verdict)


def test_paper_feedback_is_one_line():
    env = CodeEfficiencyEnv(suite=[PROBLEM], feedback="paper", repeats=1)
    env.reset(seed=0)
    obs, *_ = env.step(respond(FAST))
    assert obs["feedback"].count("\n") == 0 and obs["feedback"].startswith("Passed: True, Time:")
    env.close()


def test_afterburner_reward_and_custom_reward_callable():
    env = CodeEfficiencyEnv(suite=[PROBLEM], reward="afterburner", repeats=1)
    env.reset(seed=0)
    _, reward, *_ = env.step(respond(SLOW))
    assert reward == pytest.approx(0.2 * 1 + 0.5 * 1 + 0.0)  # fail → pass, no previous cost
    _, reward, *_ = env.step(respond(FAST))
    assert 0.2 + 0.25 < reward <= 0.2 + 0.25 + 0.3  # pass → pass, much cheaper
    env.close()
    seen = []
    env = CodeEfficiencyEnv(suite=[PROBLEM], reward=lambda inp: seen.append(inp) or 42.0, repeats=1)
    env.reset(seed=0)
    assert env.step(respond(FAST))[1] == 42.0 and seen[0].passed and seen[0].reference_costs
    env.close()


def test_render_ansi_shows_the_episode():
    env = CodeEfficiencyEnv(suite=[PROBLEM], render_mode="ansi", repeats=1)
    env.reset(seed=0)
    env.step(respond(FAST))
    view = env.render()
    assert "step 1: accepted" in view and "Current code:" in view and "count_pairs" in view
    env.close()


def test_close_frees_the_sandbox():
    env = CodeEfficiencyEnv(suite=[PROBLEM], repeats=1)
    env.reset(seed=0)
    env.step(respond(FAST))
    env.close()
    with pytest.raises(RuntimeError, match="closed"):
        env.sandbox.evaluate(PROBLEM, FAST)


@pytest.mark.parametrize("mode", ["sync", "async", "vector_entry_point"])
def test_vector_modes_agree(mode):
    envs = gym.make_vec(burner_env.ENV_ID, num_envs=2, vectorization_mode=mode, suite=[PROBLEM],
                        max_iterations=2, repeats=1)
    obs, _ = envs.reset(seed=0)
    assert tuple(obs["problem"])[0].startswith("# Count pairs") and list(obs["iteration"]) == [0, 0]
    obs, rewards, _, truncations, infos = envs.step([respond(FAST), "no code"])
    assert list(infos["verdict"]) == ["accepted", "format_error"]
    assert rewards[0] > 0.5 and rewards[1] == 0.0 and not truncations.any()
    # Non-ASCII text survives the trip back (async uses shared memory by default): env 1 keeps its first
    # passing code, comment and all; env 0 already has FAST, so the same code with a comment is not kept.
    obs, *_ = envs.step([respond(FAST + "# é中🙂\n"), respond(FAST + "# é中🙂\n")])
    codes = copy.deepcopy(tuple(obs["code"]))
    assert "é中🙂" in codes[1] and "é中🙂" not in codes[0]
    envs.close()


def test_native_vector_env_evaluates_concurrently():
    import threading

    envs = gym.make_vec(burner_env.ENV_ID, num_envs=2, vectorization_mode="vector_entry_point",
                        suite=[PROBLEM], max_iterations=1, repeats=1)
    envs.reset(seed=0)
    for env in envs.unwrapped.envs:
        env.warm_up()  # the references are measured once, before the steps below
    sandbox = envs.unwrapped.envs[0].sandbox
    evaluate, both_running = sandbox.evaluate, threading.Barrier(2, timeout=30)

    def meet_then_evaluate(*args, **kwargs):
        both_running.wait()  # raises BrokenBarrierError unless the other env's evaluation runs meanwhile
        return evaluate(*args, **kwargs)

    sandbox.evaluate = meet_then_evaluate
    _, _, _, truncations, infos = envs.step([respond(FAST), respond(FAST)])
    sandbox.evaluate = evaluate
    assert list(infos["verdict"]) == ["accepted", "accepted"]
    assert truncations.all()
    obs, rewards, _, truncations, _ = envs.step([respond(FAST), respond(FAST)])  # autoreset step
    assert (rewards == 0).all() and not truncations.any() and np.array_equal(obs["iteration"], [0, 0])
    envs.close()


def test_env_uses_the_cached_calibration(tmp_path, monkeypatch):
    from burner_env.reference import calibrate

    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path))
    distribution = calibrate([PROBLEM], "cpu", repeats=1, progress=False)
    env = CodeEfficiencyEnv(suite=[PROBLEM], repeats=1)
    monkeypatch.setattr(env.sandbox, "evaluate_many", lambda items: pytest.fail("references re-measured"))
    assert env.reference_costs(PROBLEM, "time") == tuple(distribution.costs(PROBLEM.id, "time"))
    env.close()
    with pytest.raises(ValueError, match="cannot rank"):
        CodeEfficiencyEnv(suite=[PROBLEM], sandbox=_FakeInstructionsSandbox(), reference=distribution)
    with pytest.raises(ValueError, match="reference must be"):
        CodeEfficiencyEnv(suite=[PROBLEM], reference="cached")


class _FakeInstructionsSandbox:
    """Only what the env reads before it checks the reference's mode (no valgrind needed)."""

    measure = "instructions"


# --- references measured alike (issue 10, item 3) -------------------------------------------------


class _Measured(Exception):
    """Raised by a sandbox stand-in when the env measures the reference solutions itself."""


class _FakeSandbox:
    """What the env reads of a sandbox to pick its references; measuring raises ``_Measured``."""

    def __init__(self, measure: str = "cpu", repeats: int = 3) -> None:
        from burner_env.problems import Limits

        self.measure, self.repeats, self.limits, self.sample_period_s = measure, repeats, Limits(), 0.001

    def evaluate_many(self, items):
        raise _Measured


def _distribution_with_key(key: dict):
    from burner_env.reference import ReferenceCost, ReferenceDistribution, cost_fingerprint

    entries = tuple(ReferenceCost(s.label, s.time_class, True, "accepted", 1.0, 0.1, 0.1) for s in PROBLEM.solutions)
    return ReferenceDistribution(mode=key["mode"], key=key, problems={PROBLEM.id: entries},
                                 fingerprints={PROBLEM.id: cost_fingerprint(PROBLEM)}, repeats=key["repeats"])


def test_a_distribution_of_another_setup_is_refused_unless_allowed():
    from burner_env.reference import calibration_key

    sandbox = _FakeSandbox(repeats=3)
    key = calibration_key([PROBLEM], "cpu", sample_period_s=sandbox.sample_period_s)
    elsewhere = _distribution_with_key(dict(key, repeats=1, python="cpython 3.12.0 (other build)",
                                            machine=dict(key["machine"], cpu="Other CPU")))
    with pytest.raises(ValueError) as error:
        CodeEfficiencyEnv(suite=[PROBLEM], sandbox=sandbox, reference=elsewhere)
    message = str(error.value)
    assert message.startswith("reference: this ReferenceDistribution was measured with another setup")
    for difference in ("machine.cpu: 'Other CPU' there", "python: 'cpython 3.12.0 (other build)' there",
                       "repeats: 1 there, 3 here", "allow_reference_mismatch=True"):
        assert difference in message
    env = CodeEfficiencyEnv(suite=[PROBLEM], sandbox=sandbox, reference=elsewhere, allow_reference_mismatch=True)
    assert env.reference_costs(PROBLEM, "time") == (1.0, 1.0, 1.0)
    # the same setup needs no override
    same = CodeEfficiencyEnv(suite=[PROBLEM], sandbox=sandbox, reference=_distribution_with_key(key))
    assert same.reference_costs(PROBLEM, "memory") == (0.1, 0.1, 0.1)


def test_a_cached_calibration_of_other_repeats_is_not_used(tmp_path, monkeypatch):
    from burner_env import reference
    from burner_env.reference import StaleCalibrationWarning, calibration_key

    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path))
    sandbox = _FakeSandbox(repeats=3)
    one_repeat = _distribution_with_key(calibration_key([PROBLEM], "cpu", repeats=1))
    path = reference.default_cache_dir() / f"{reference._file_stem(one_repeat.key)}.json"
    reference._write_atomically(path, json.dumps(one_repeat.to_dict()))

    with pytest.warns(StaleCalibrationWarning, match=r"repeats: 1 there, 3 here.*measuring the reference"):
        env = CodeEfficiencyEnv(suite=[PROBLEM], sandbox=sandbox)
    with pytest.raises(_Measured):
        env.reference_costs(PROBLEM, "time")
    assert CodeEfficiencyEnv(suite=[PROBLEM], sandbox=_FakeSandbox(repeats=1)).reference_costs(
        PROBLEM, "time") == (1.0, 1.0, 1.0)


def test_a_stale_shipped_calibration_is_refused_and_references_are_measured(tmp_path, monkeypatch):
    from burner_env import reference
    from burner_env.reference import StaleCalibrationWarning, calibration_key

    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(reference, "SHIPPED_DIR", tmp_path / "shipped")
    sandbox = _FakeSandbox(measure="instructions")
    older_code = _distribution_with_key(dict(calibration_key([PROBLEM], "instructions"), measurement="0" * 64))
    reference._write_atomically(tmp_path / "shipped" / f"{reference._file_stem(older_code.key)}.json",
                                json.dumps(older_code.to_dict()))

    with pytest.warns(StaleCalibrationWarning, match=r"shipped/instructions-\w+\.json \(measurement: '000000000000'"):
        env = CodeEfficiencyEnv(suite=[PROBLEM], sandbox=sandbox)
    with pytest.raises(_Measured):
        env.reference_costs(PROBLEM, "time")


# --- no reference solutions (issue 10, item 4), the relative term's floor (item 5) ----------------

# The README's first example: a problem with no reference solutions.
SUM_LIST = Problem.from_dict({"id": "sum-list", "statement": "Return the sum of xs.", "io": "function",
                              "entry_point": "solve", "tests": [{"args": [[1, 2, 3]], "expected": 6}]})
SUM = "def solve(xs):\n    return sum(xs)\n"


def test_a_problem_without_references_rewards_correctness_and_never_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path))
    with pytest.warns(UserWarning, match=r"1 of 1 problems have no reference solution \(sum-list\).*correctness"):
        env = CodeEfficiencyEnv(suite=[SUM_LIST], repeats=1)
    env.reset(seed=0)
    _, reward, _, _, info = env.step(respond(SUM))
    assert info["verdict"] == "accepted" and reward == 0.5  # w_c; no efficiency term
    assert info["rank_category"] == "unranked" and info["percentiles"] == {}
    _, reward, _, _, info = env.step(respond("def solve(xs):\n    return 0\n"))
    assert reward == 0.0 and info["rank_category"] == "failed"
    env.close()

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: this reward needs no rank
        env = CodeEfficiencyEnv(suite=[SUM_LIST], repeats=1, reward="afterburner")
    env.reset(seed=0)
    _, reward, _, _, info = env.step(respond(SUM))
    assert reward == pytest.approx(0.2 + 0.5) and info["rank_category"] == "unranked"
    env.close()


def test_rewards_get_the_cost_floor_of_the_metrics_unit():
    from burner_env import rewards

    seen = []
    with pytest.warns(UserWarning, match="no reference solution"):
        env = CodeEfficiencyEnv(suite=[SUM_LIST], repeats=1, reward=lambda inp: seen.append(inp) or 0.0)
    for instruction, unit in (("memory", "MiB"), ("time", "ms"), ("integral", "MiB·ms")):
        env.reset(seed=0, options={"instruction": instruction})
        env.step(respond(SUM))
        assert seen[-1].cost_floor == rewards.cost_floor(unit) > 0
    env.close()
