"""The Ray executor backend: evaluations spread over Ray actors, each holding a one-zygote ``Sandbox``.

``Sandbox(backend="ray", workers=N)`` delegates ``evaluate``, ``evaluate_many`` and ``close`` to a
:class:`RayBackend` with ``N`` actors (the Ray implementation of ``core.Executor``). Each actor reserves one
CPU (so Ray places at most one per core) and owns what ``make_sandbox`` builds there, a ``Sandbox(workers=1)``
with the same limits, measurement mode and repeats: verdicts are the local backend's, since the same code
judges the same runs, only in another process (or on another node). The factory is passed in rather than
imported, so that ``core`` (which imports this module) is not imported back.

Costs are only comparable when they come from the same calibration: ``measure="cpu"`` costs depend on
the CPU that ran them, so on nodes with different CPUs a percentile mixes units. ``measure="instructions"``
counts are exact and machine-independent, so they work through Ray unchanged; with ``"cpu"`` the backend
warns when its actors run on different CPU models.

``evaluate_many`` sends several (problem, code) pairs per Ray task (``evaluations_per_task``), so that the
driver's cost per task (~2 ms of CPU: submission, pickling, the reply) is paid once per batch rather than
once per evaluation; a problem repeated in a batch (a GRPO group) is pickled once.

An actor that dies mid-evaluation (node lost, worker killed) is replaced and the evaluation retried once on
another actor; if that one dies too, the evaluation is reported as ``internal_error`` — never as the
submission's failure. A batch whose actor dies is retried one evaluation at a time, each with that rule.

Ray is imported here only: ``import burner_env`` and the local backend never import it.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from burner_env.machine import cpu_model
from burner_env.problems.model import Problem
from burner_env.sandbox.results import Evaluation

ACTOR_RETRIES = 1
"""How many times an evaluation whose actor died is retried on another actor."""

ACTOR_START_TIMEOUT_S = 120.0
"""How long to wait for the actors to start before giving up (e.g. a cluster with too few CPUs)."""

ACTORS_PER_DRIVER = 64
"""Actors one driver keeps busy sending one evaluation per Ray task: it spends ~2.5 ms of CPU per task and a
light evaluation (20 small tests) takes ~200 ms (benchmarks/ray_backend.py), so beyond ~80 actors the
driver, not the actors, sets the pace; ``evaluate_many`` then puts ``actors / ACTORS_PER_DRIVER`` evaluations
in each task. Below that, one per task balances best when some submissions are slow (docs/BENCHMARKS.md)."""

MAX_EVALUATIONS_PER_TASK = 16
"""Upper bound of the default batch: at 16 the driver's cost per evaluation is already a tenth."""

_CLOSE_TIMEOUT_S = 10.0


def import_ray() -> Any:
    """The ``ray`` module, or an ImportError that says how to install it."""
    try:
        import ray
    except ImportError:
        raise ImportError("the Ray backend needs Ray: pip install 'burner-env[ray]'") from None
    return ray


def ensure_ray() -> Any:
    """``ray``, initialised: the caller's ``ray.init`` is kept; without one, a local instance on every core."""
    ray = import_ray()
    if not ray.is_initialized():
        ray.init(num_cpus=os.cpu_count())
    return ray


def cluster_cpus() -> int:
    """Logical CPUs in the Ray cluster (initialising a local instance if none is running)."""
    return max(int(ensure_ray().cluster_resources().get("CPU", 1)), 1)


class SandboxActor:
    """What runs inside one Ray actor: a ``Sandbox`` with one zygote, and a description of where it runs."""

    def __init__(self, make_sandbox: Callable[[], Any]) -> None:
        self._sandbox = make_sandbox()

    def describe(self) -> dict[str, Any]:
        """Node id, process id and CPU model of this actor (also tells the driver that it started)."""
        import ray

        return {"node_id": ray.get_runtime_context().get_node_id(), "pid": os.getpid(),
                "cpu_model": cpu_model()}

    def evaluate(self, problem: Problem, code: str, profile: bool) -> Evaluation:
        return self._sandbox.evaluate(problem, code, profile=profile)

    def evaluate_batch(self, items: list[tuple[Problem, str]]) -> list[Evaluation]:
        return [self._sandbox.evaluate(problem, code) for problem, code in items]

    def close(self) -> None:
        self._sandbox.close()


class RayBackend:
    """A pool of Ray actors, each judging one submission at a time; callers wait for an idle one.

    Args:
        make_sandbox: builds each actor's local ``Sandbox(workers=1)`` (limits, measurement mode, repeats and
            sampling period as the caller's), in the actor's process.
        measure: its measurement mode (``"cpu"`` costs warn when the actors' CPUs differ).
        actors: how many actors (one CPU each); None: one per CPU of the cluster.

    ``ray.init`` is the caller's; without it, ``ray.init(num_cpus=os.cpu_count())`` starts a local instance.
    The constructor waits for the actors to start; ``placements`` then lists each one's node id, process id
    and CPU model.
    """

    def __init__(self, make_sandbox: Callable[[], Any], measure: str = "cpu", actors: int | None = None) -> None:
        self._ray = ensure_ray()
        if actors is None:
            actors = cluster_cpus()
        if not isinstance(actors, int) or actors < 1:
            raise ValueError(f"actors must be a positive integer or None; got {actors!r}")
        exceptions = self._ray.exceptions
        # The actor's process or node went away: not the submission's doing, so it is retried.
        self._actor_failures = (exceptions.RayActorError, exceptions.WorkerCrashedError,
                                exceptions.ObjectLostError)
        self._actor_class = self._ray.remote(num_cpus=1)(SandboxActor)
        self._actor_args = (make_sandbox,)
        self._lock = threading.Lock()
        self._actors = [self._start_actor() for _ in range(actors)]
        self._busy: list[Any] = []
        self._idle: queue.Queue[Any] = queue.Queue()
        self._closed = False
        self.placements = self._wait_for_actors(self._actors)
        for actor in self._actors:
            self._idle.put(actor)
        if measure == "cpu":
            _warn_if_heterogeneous(self.placements)

    # --- lifecycle --------------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """How many actors evaluate concurrently."""
        return len(self._actors)

    @property
    def actors(self) -> list[Any]:
        """The actor handles now in the pool (dead ones are replaced)."""
        with self._lock:
            return list(self._actors)

    @property
    def busy_actors(self) -> list[Any]:
        """The actors evaluating a submission now."""
        with self._lock:
            return list(self._busy)

    def close(self) -> None:
        """Close every actor's sandbox and end the actors. Ray itself is left running."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            actors, self._actors = self._actors, []
        if not self._ray.is_initialized():
            return
        try:
            self._ray.get([actor.close.remote() for actor in actors], timeout=_CLOSE_TIMEOUT_S)
        except Exception:  # a dead or stuck actor is killed below all the same
            pass
        for actor in actors:
            self._ray.kill(actor)

    # --- evaluation -------------------------------------------------------------------------------

    def evaluate(self, problem: Problem, code: str, profile: bool = False) -> Evaluation:
        """Judge ``code`` on ``problem`` in an idle actor; an actor's death is retried, then ``internal_error``."""
        started = time.perf_counter()
        deaths = []
        for _ in range(1 + ACTOR_RETRIES):
            actor = self._checkout()
            try:
                evaluation = self._ray.get(actor.evaluate.remote(problem, code, profile))
            except self._actor_failures as error:
                first_line = next(iter(str(error).strip().splitlines()), "")
                deaths.append(f"{type(error).__name__}: {first_line[:200]}")
                self._replace(actor)
                continue
            except BaseException:
                self._checkin(actor)
                raise
            self._checkin(actor)
            return evaluation
        return Evaluation(problem.id, "internal_error", wall_s=time.perf_counter() - started,
                          message=f"the Ray actor evaluating this submission died {len(deaths)} times "
                                  f"(last: {deaths[-1]})")

    def evaluate_many(self, items: list[tuple[Problem, str]],
                      evaluations_per_task: int | None = None) -> list[Evaluation]:
        """Evaluate (problem, code) pairs on all actors, ``evaluations_per_task`` pairs per Ray task, each
        idle actor taking the next task; input order kept. Default: :func:`default_evaluations_per_task`."""
        if not items:
            return []
        if evaluations_per_task is None:
            evaluations_per_task = default_evaluations_per_task(len(items), self.size)
        if not isinstance(evaluations_per_task, int) or evaluations_per_task < 1:
            raise ValueError(f"evaluations_per_task must be a positive integer; got {evaluations_per_task!r}")
        batches = [items[start : start + evaluations_per_task]
                   for start in range(0, len(items), evaluations_per_task)]
        with ThreadPoolExecutor(min(self.size, len(batches))) as pool:
            return [evaluation for batch in pool.map(self._evaluate_batch, batches) for evaluation in batch]

    def _evaluate_batch(self, batch: list[tuple[Problem, str]]) -> list[Evaluation]:
        if len(batch) == 1:
            return [self.evaluate(*batch[0])]
        actor = self._checkout()
        try:
            evaluations = self._ray.get(actor.evaluate_batch.remote(batch))
        except self._actor_failures:
            self._replace(actor)
            # Which of the batch's evaluations the dead actor finished is unknown: redo each on its own.
            return [self.evaluate(problem, code) for problem, code in batch]
        except BaseException:
            self._checkin(actor)
            raise
        self._checkin(actor)
        return evaluations

    # --- the pool ---------------------------------------------------------------------------------

    def _start_actor(self) -> Any:
        return self._actor_class.remote(*self._actor_args)

    def _wait_for_actors(self, actors: list[Any]) -> list[dict[str, Any]]:
        try:
            return self._ray.get([actor.describe.remote() for actor in actors], timeout=ACTOR_START_TIMEOUT_S)
        except self._ray.exceptions.GetTimeoutError:
            for actor in actors:
                self._ray.kill(actor)
            available = int(self._ray.cluster_resources().get("CPU", 0))
            raise RuntimeError(f"{len(actors)} sandbox actors (1 CPU each) did not start within "
                               f"{ACTOR_START_TIMEOUT_S:g} s; the Ray cluster has {available} CPUs") from None

    def _checkout(self) -> Any:
        if self._closed:
            raise RuntimeError("this Sandbox is closed")
        actor = self._idle.get()
        with self._lock:
            self._busy.append(actor)
        return actor

    def _checkin(self, actor: Any) -> None:
        with self._lock:
            self._busy = [a for a in self._busy if a is not actor]
        self._idle.put(actor)

    def _replace(self, dead: Any) -> None:
        """Swap a dead actor for a fresh one (started asynchronously: calls queue until it is up)."""
        with self._lock:
            self._busy = [a for a in self._busy if a is not dead]
            if self._closed:
                return
            fresh = self._start_actor()
            self._actors = [fresh if a is dead else a for a in self._actors]
        try:
            self._ray.kill(dead)
        except Exception:  # already gone is the usual case
            pass
        self._idle.put(fresh)


def default_evaluations_per_task(evaluations: int, actors: int) -> int:
    """Pairs per Ray task for ``evaluations`` pairs on ``actors`` actors: one while a driver keeps every actor
    busy (``ACTORS_PER_DRIVER``), more beyond, at most ``MAX_EVALUATIONS_PER_TASK`` and never so many that an
    actor gets fewer than two tasks (with one task each, an actor that drew a slow submission holds up the
    batch while the others idle).

    >>> [default_evaluations_per_task(4096, actors) for actors in (2, 16, 64, 128, 256, 1024)]
    [1, 1, 1, 2, 4, 2]
    """
    return max(1, min(MAX_EVALUATIONS_PER_TASK, -(-actors // ACTORS_PER_DRIVER), evaluations // (2 * actors)))


def _warn_if_heterogeneous(placements: list[dict[str, Any]]) -> None:
    models = sorted({p["cpu_model"] for p in placements})
    if len(models) > 1:
        warnings.warn(f"measure='cpu' on actors with different CPUs ({'; '.join(models)}): CPU-time costs, "
                      "and the percentiles computed from them, are not comparable across these nodes. Use "
                      "measure='instructions' (exact and machine-independent) or a cluster of one CPU model.",
                      RuntimeWarning, stacklevel=3)
