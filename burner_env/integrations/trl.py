"""TRL adapter: a ``reward_funcs`` callable for ``trl.GRPOTrainer`` and a prompt dataset for it.

>>> from trl import GRPOConfig, GRPOTrainer                                      # doctest: +SKIP
>>> from burner_env.integrations.trl import build_dataset, reward_function
>>> trainer = GRPOTrainer(model=model, processing_class=tokenizer, args=GRPOConfig(...),
...                       train_dataset=build_dataset("builtin", "time"),
...                       reward_funcs=reward_function("builtin", "time", measure="cpu"))

The dataset's ``problem_id`` column reaches the reward function as a keyword argument (TRL passes every
dataset column but ``prompt``), so each completion is judged on its own problem. That dataset is single-step:
each prompt is a problem, each completion a first attempt. For the refinement loop (previous code + its
feedback → improved code), ``build_dataset(..., previous="slowest_reference")`` (or ``"all_references"``,
``"starter"``) gives each row the prompt the env shows at a later step and a ``code`` column, the previous
code: the reward function scores each completion as a refinement of it, as ``env.step`` does, so the
``afterburner`` reward gets its efficiency term (it measures ``code`` on this machine; ``code_cost``, the
cost measured when the dataset was built, is for display only).
Neither TRL nor ``datasets`` is imported until used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from burner_env.integrations import CompletionScorer, previous_code, training_prompts
from burner_env.problems import Limits, Problem
from burner_env.sandbox import Sandbox

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
        codes = kwargs.get("code")
        if codes is not None:
            codes = [previous_code(code, f"code[{index}]") for index, code in enumerate(codes)]
        scores = self.scorer.score(problem_ids, texts, codes)
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
                  problem_ids: list[str] | None = None, previous: str | None = None, feedback: str = "rich",
                  sandbox: Sandbox | None = None) -> Any:
    """A ``datasets.Dataset`` of chat prompts: columns ``prompt`` and ``problem_id``, one row per problem.

    ``prompt`` is the system prompt (``burner_env.prompts.SYSTEM_PROMPT``, the thinking/solution format) then
    the user message ``burner_env.prompts.render_prompt`` makes of the problem and instruction.

    With ``previous`` (``"slowest_reference"``, ``"all_references"`` or ``"starter"``), the rows are steps of
    the refinement loop instead, built by :func:`burner_env.integrations.training_prompts` (which evaluates
    each previous code once in ``sandbox`` and renders the env's ``feedback`` on it): ``prompt`` is what
    ``CodeEfficiencyEnv`` shows after a reset with the previous code, which the ``code`` column holds (the
    reward function scores each completion as a refinement of it), and ``code_cost`` is its cost when the
    dataset was built (display only: the reward measures ``code`` again on its own machine).
    """
    from datasets import Dataset

    return Dataset.from_list([
        {"prompt": prompt.messages, "problem_id": prompt.problem_id, **prompt.record_fields()}
        for prompt in training_prompts(suite, instruction, problem_ids, previous, feedback, sandbox)
    ])
