"""The Ray executor backend: same verdicts as the local pool, actor deaths retried, ray imported lazily.

A local Ray instance with 2 CPUs serves the module; each Ray sandbox holds its actors (1 CPU each) only for
its test, so at most 2 actors exist at a time.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
import time

import gymnasium as gym
import pytest

from burner_env.problems import Problem, load_suite
from burner_env.sandbox import Limits, Sandbox
from burner_env.sandbox.ray_backend import RayBackend, _warn_if_heterogeneous

ray = pytest.importorskip("ray", reason="the Ray backend needs ray (pip install 'burner-env[ray]')")

from test_hostile import ALL_CASES, PROBLEMS, Host  # noqa: E402 - the hostile catalog, reused

LIMITS = Limits(time_s=1.0, memory_mb=256)


def ray_backend(actors: int) -> RayBackend:
    """A backend of ``actors`` actors, each with a one-worker Sandbox judging without measuring."""
    return RayBackend(functools.partial(Sandbox, limits=LIMITS, measure="none", workers=1), measure="none",
                      actors=actors)
HOSTILE_IDS = ("fork_bomb", "thread_bomb", "os__exit_0", "sys_exit_0", "busy_loop", "one_shot_bytearray_1e11",
               "always_equal_object", "forged_frame_wrong_value", "syscall_59_execve", "subprocess_run_ls",
               "tcp_create_connection", "udp_sendto", "kill_parent", "huge_stdout", "segfault_string_at_0",
               "read_etc_passwd", "ok_stdlib_mix", "ok_stdin_input", "ok_class_mode")
SLOW_ADD = Problem.from_dict({
    "id": "slow-add", "statement": "Return a + b.", "io": "function", "entry_point": "solve",
    "limits": {"time_s": 5.0, "memory_mb": 256}, "tests": [{"args": [1, 2], "expected": 3}],
})
# Sleeping burns no CPU: the submission stays in its actor for ~2 s, long enough to kill that actor.
SLOW_CODE = "import time\n\ndef solve(a, b):\n    time.sleep(2.0)\n    return a + b\n"


@pytest.fixture(scope="module", autouse=True)
def ray_instance():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def local_sandbox():
    with Sandbox(limits=LIMITS, measure="none", workers=2) as sandbox:
        yield sandbox


@pytest.fixture
def ray_sandbox():
    with Sandbox(limits=LIMITS, measure="none", workers=2, backend="ray") as sandbox:
        yield sandbox


def _verdicts(evaluations) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.verdict, tuple(t.verdict for t in e.tests)) for e in evaluations]


def _sample_problems(count: int = 10) -> list[Problem]:
    problems = load_suite("builtin")
    step = max(len(problems) // count, 1)
    return problems[::step][:count]


def test_reference_solutions_get_the_local_verdicts(local_sandbox, ray_sandbox):
    items = [(problem, solution.code) for problem in _sample_problems() for solution in problem.solutions]
    local = local_sandbox.evaluate_many(items)
    remote = ray_sandbox.evaluate_many(items)
    assert _verdicts(remote) == _verdicts(local)
    assert [e.problem_id for e in remote] == [problem.id for problem, _ in items]


def test_hostile_submissions_get_the_local_verdicts(local_sandbox, ray_sandbox, canary_dir, tcp_listener,
                                                     victim_process, tmp_path):
    host = Host(canary_dir, tmp_path / "never-created", tcp_listener, victim_process)
    cases = [case for case in ALL_CASES if case.id in HOSTILE_IDS]
    assert len(cases) == len(HOSTILE_IDS)
    items = [(PROBLEMS[case.problem], host.render(case.code)) for case in cases]
    local = [e.verdict for e in local_sandbox.evaluate_many(items)]
    remote = [e.verdict for e in ray_sandbox.evaluate_many(items)]
    assert remote == local
    unexpected = {case.id: verdict for case, verdict in zip(cases, remote) if verdict not in case.expected}
    assert not unexpected
    with pytest.raises(BlockingIOError):  # no submission reached the test's listener
        tcp_listener.accept()
    assert victim_process.poll() is None


def test_empty_code_and_type_errors_behave_as_locally(ray_sandbox):
    assert ray_sandbox.evaluate(SLOW_ADD, "  \n").verdict == "format_error"
    with pytest.raises(TypeError, match="code must be a str"):
        ray_sandbox.evaluate(SLOW_ADD, None)


def test_gym_make_with_ray_backend_rewards_an_episode():
    env = gym.make("burner/CodeEfficiency-v0", measure="cpu", repeats=1, backend="ray",
                   problem_ids=[_sample_problems(1)[0].id])
    try:
        assert env.unwrapped.sandbox.backend == "ray"
        _, info = env.reset(seed=0)
        problem = env.unwrapped.problem
        response = f"<solution>\n```python\n{problem.solutions[0].code}\n```\n</solution>"
        _, reward, _, _, info = env.step(response)
        assert info["verdict"] == "accepted" and 0.5 <= reward <= 1.0
    finally:
        env.close()


def _wait_for(predicate, timeout_s: float = 30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the Ray backend")


def _evaluate_in_thread(backend: RayBackend) -> tuple[threading.Thread, list]:
    results: list = []
    thread = threading.Thread(target=lambda: results.append(backend.evaluate(SLOW_ADD, SLOW_CODE)))
    thread.start()
    return thread, results


def test_actor_killed_mid_evaluation_is_retried_on_another_actor():
    backend = ray_backend(actors=2)
    try:
        thread, results = _evaluate_in_thread(backend)
        victim = _wait_for(lambda: backend.busy_actors)[0]
        time.sleep(0.5)  # the submission is sleeping in the victim's sandbox now
        ray.kill(victim)
        thread.join(timeout=60)
        assert results[0].verdict == "accepted", results[0].message
        assert all(actor is not victim for actor in backend.actors) and backend.size == 2
    finally:
        backend.close()


def test_actor_killed_twice_is_an_internal_error_not_the_submissions_failure():
    backend = ray_backend(actors=2)
    try:
        thread, results = _evaluate_in_thread(backend)
        first = _wait_for(lambda: backend.busy_actors)[0]
        time.sleep(0.5)
        ray.kill(first)
        second = _wait_for(lambda: [a for a in backend.busy_actors if a is not first])[0]
        time.sleep(0.5)
        ray.kill(second)
        thread.join(timeout=60)
        evaluation = results[0]
        assert evaluation.verdict == "internal_error"
        assert "died 2 times" in evaluation.message
        assert backend.size == 2  # both dead actors were replaced
        assert backend.evaluate(SLOW_ADD, "def solve(a, b):\n    return a + b\n").verdict == "accepted"
    finally:
        backend.close()


def test_batched_tasks_keep_the_verdicts_and_the_order(local_sandbox):
    """Several evaluations per Ray task: the same verdicts as the local pool, in the input order, for any
    batch size (one that does not divide the work, and the default)."""
    items = [(PROBLEMS[case.problem], case.code) for case in ALL_CASES if case.id in HOSTILE_IDS[:7]]
    items += [(problem, solution.code) for problem in _sample_problems(3) for solution in problem.solutions[:2]]
    expected = _verdicts(local_sandbox.evaluate_many(items))
    backend = ray_backend(actors=2)
    try:
        for per_task in (3, len(items), None):
            assert _verdicts(backend.evaluate_many(items, evaluations_per_task=per_task)) == expected
        with pytest.raises(ValueError, match="evaluations_per_task"):
            backend.evaluate_many(items, evaluations_per_task=0)
    finally:
        backend.close()


def test_tasks_carry_one_evaluation_until_the_actors_outnumber_what_one_driver_keeps_busy():
    from burner_env.sandbox.ray_backend import ACTORS_PER_DRIVER, MAX_EVALUATIONS_PER_TASK, default_evaluations_per_task

    assert default_evaluations_per_task(4096, 2) == default_evaluations_per_task(4096, ACTORS_PER_DRIVER) == 1
    assert default_evaluations_per_task(4096, 4 * ACTORS_PER_DRIVER) == 4
    assert default_evaluations_per_task(10**6, 100 * ACTORS_PER_DRIVER) == MAX_EVALUATIONS_PER_TASK
    # Every actor still gets two tasks, so that one slow submission does not hold up a whole batch.
    assert default_evaluations_per_task(1024, 4 * ACTORS_PER_DRIVER) == 2
    assert default_evaluations_per_task(300, 4 * ACTORS_PER_DRIVER) == 1


def test_a_batch_whose_actor_dies_is_redone_one_evaluation_at_a_time():
    backend = ray_backend(actors=2)
    try:
        results: list = []
        thread = threading.Thread(target=lambda: results.append(
            backend.evaluate_many([(SLOW_ADD, SLOW_CODE)] * 2, evaluations_per_task=2)))
        thread.start()
        victim = _wait_for(lambda: backend.busy_actors)[0]
        time.sleep(0.5)  # the batch's first submission is sleeping in the victim's sandbox now
        ray.kill(victim)
        thread.join(timeout=60)
        assert [evaluation.verdict for evaluation in results[0]] == ["accepted", "accepted"]
        assert all(actor is not victim for actor in backend.actors) and backend.size == 2
    finally:
        backend.close()


def test_cpu_mode_on_mixed_cpu_models_warns():
    with pytest.warns(RuntimeWarning, match="not comparable"):
        _warn_if_heterogeneous([{"cpu_model": "fast"}, {"cpu_model": "slow"}, {"cpu_model": "fast"}])


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend must be one of local, ray"):
        Sandbox(backend="dask")


def test_neither_burner_env_nor_the_local_backend_imports_ray():
    code = ("import sys, burner_env, burner_env.env, burner_env.integrations\n"
            "from burner_env.sandbox import Sandbox\n"
            "from burner_env.problems import load_suite\n"
            "problem = load_suite('builtin')[0]\n"
            "with Sandbox(measure='none') as sandbox:\n"
            "    assert sandbox.evaluate(problem, problem.solutions[0].code).passed\n"
            "heavy = sorted({'ray', 'torch', 'transformers', 'trl'} & set(sys.modules))\n"
            "assert not heavy, heavy\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="measure='instructions' needs valgrind")
def test_instructions_mode_counts_are_the_same_through_ray():
    """Instruction counts are exact, so costs measured on any actor (any node) are comparable."""
    problem = Problem.from_dict({
        "id": "sum-squares", "statement": "Return the sum of squares below n.", "io": "function",
        "entry_point": "solve", "tests": [{"args": [2000], "expected": sum(i * i for i in range(2000))}],
    })
    code = "def solve(n):\n    return sum(i * i for i in range(n))\n"
    with Sandbox(measure="instructions") as local, Sandbox(measure="instructions", backend="ray") as remote:
        here, there = local.evaluate(problem, code), remote.evaluate(problem, code)
    assert here.passed and there.passed
    assert there.cost.mode == "instructions"
    assert there.cost.instructions == here.cost.instructions
