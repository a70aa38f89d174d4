"""TRL adapter: a ``reward_funcs`` callable for ``trl.GRPOTrainer`` and a prompt dataset for it.

>>> from trl import GRPOConfig, GRPOTrainer                                      # doctest: +SKIP
>>> from burner_env.integrations.trl import build_dataset, reward_function
>>> trainer = GRPOTrainer(model=model, processing_class=tokenizer, args=GRPOConfig(...),
...                       train_dataset=build_dataset("builtin", "time"),
...                       reward_funcs=reward_function("builtin", "time", measure="cpu"))

The dataset's ``problem_id`` column reaches the reward function as a keyword argument (TRL passes every
dataset column but ``prompt``), so each completion is judged on its own problem; an optional ``code`` column
(the code the prompt asks to improve) makes each completion a refinement of that code, as in an env episode.
Neither TRL nor ``datasets`` is imported until used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from burner_env.integrations import CompletionScorer
from burner_env.problems import Limits, Problem, select_problems
from burner_env.prompts import SYSTEM_PROMPT, problem_text, render_prompt
from burner_env.sandbox import METRICS, Sandbox

__all__ = ["BurnerReward", "build_dataset", "completion_text", "reward_function"]


class BurnerReward:
    """A TRL reward function: ``reward(prompts, completions, **columns) -> list[float]``.

    ``columns`` must hold ``problem_id`` (one per completion) and may hold ``code``, the code each completion
    refines (None or empty: a first attempt). Completions are strings or chat messages
    (the last assistant message is scored). When TRL passes ``log_extra``/``log_metric``, the verdicts go
    to the completions table and the share of accepted completions to the metrics.
    """

    def __init__(self, scorer: CompletionScorer, name: str) -> None:
        self.scorer = scorer
        self.__name__ = name  # TRL logs each reward under its function's __name__

    def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float]:
        if "problem_id" not in kwargs:
            raise ValueError("the training dataset needs a 'problem_id' column (build_dataset makes one); "
                             f"got columns {sorted(kwargs)}")
        problem_ids = list(kwargs["problem_id"])
        if len(problem_ids) != len(completions):
            raise ValueError(f"problem_id has {len(problem_ids)} entries for {len(completions)} completions")
        texts = [completion_text(completion, index) for index, completion in enumerate(completions)]
        scores = self.scorer.score(problem_ids, texts, kwargs.get("code"))
        if callable(kwargs.get("log_extra")):
            kwargs["log_extra"]("verdict", [score.verdict for score in scores])
        if callable(kwargs.get("log_metric")) and scores:
            kwargs["log_metric"](f"{self.__name__}/accepted", sum(s.passed for s in scores) / len(scores))
        return [score.reward for score in scores]

    def close(self) -> None:
        """Close the sandbox the reward function created."""
        self.scorer.close()


def reward_function(suite: str | list[Problem] = "builtin", instruction: str = "time",
                    reward: str | Callable = "percentile", measure: str = "cpu", repeats: int = 3,
                    workers: int | None = None, backend: str = "local", limits: Limits | None = None,
                    problem_ids: list[str] | None = None, reference: Any = "auto",
                    sandbox: Sandbox | None = None, warm_up: bool = False) -> BurnerReward:
    """A reward function for ``GRPOTrainer(reward_funcs=...)`` scoring completions in the sandbox.

    Args:
        suite, instruction, reward, measure, repeats, limits, problem_ids, reference: as for
            ``CodeEfficiencyEnv``.
        workers: concurrent evaluations (Ray: actors); None: every core (every CPU of the Ray cluster).
        backend: ``local`` or ``ray`` (see ``docs/DISTRIBUTED.md``).
        sandbox: a shared ``Sandbox`` instead of a new one.
        warm_up: measure every problem's reference solutions now rather than at first use.

    Returns:
        A callable named ``burner_<reward>_<instruction>`` (its ``close()`` closes the sandbox).
    """
    scorer = CompletionScorer(suite=suite, instruction=instruction, reward=reward, measure=measure,
                              repeats=repeats, workers=workers, backend=backend, limits=limits,
                              problem_ids=problem_ids, reference=reference, sandbox=sandbox)
    if warm_up:
        scorer.warm_up()
    reward_name = reward if isinstance(reward, str) else getattr(reward, "__name__", "custom")
    return BurnerReward(scorer, name=f"burner_{reward_name}_{instruction}")


def completion_text(completion: Any, index: int = 0) -> str:
    """The text of a completion: the string itself, or the last assistant message of a conversation."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        completion = [completion]
    if isinstance(completion, Sequence):
        for message in reversed(completion):
            if isinstance(message, dict) and message.get("role", "assistant") == "assistant":
                return _message_text(message.get("content"), index)
        return ""
    raise TypeError(f"completions[{index}] must be a str or a list of chat messages, got {type(completion).__name__}")


def _message_text(content: Any, index: int) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # multimodal form: [{"type": "text", "text": ...}, ...]
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    raise TypeError(f"completions[{index}]: message content must be a str or a list of parts, "
                    f"got {type(content).__name__}")


def build_dataset(suite: str | list[Problem] = "builtin", instruction: str = "time",
                  problem_ids: list[str] | None = None) -> Any:
    """A ``datasets.Dataset`` of chat prompts, one per problem: columns ``prompt`` and ``problem_id``.

    ``prompt`` is the system prompt (``burner_env.prompts.SYSTEM_PROMPT``, the thinking/solution format) then
    the user message ``burner_env.prompts.render_prompt`` makes of the problem and instruction.
    """
    if instruction not in METRICS:
        raise ValueError(f"instruction must be one of {', '.join(METRICS)}; got {instruction!r}")
    from datasets import Dataset

    problems = select_problems(suite, problem_ids)
    return Dataset.from_list([
        {"prompt": [{"role": "system", "content": SYSTEM_PROMPT},
                    {"role": "user", "content": render_prompt(problem_text(problem), instruction)}],
         "problem_id": problem.id}
        for problem in problems
    ])
