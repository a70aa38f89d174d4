"""verl's custom reward module for burner-env: point ``custom_reward_function.path`` at this file.

    custom_reward_function.path=examples/verl_reward.py
    custom_reward_function.name=compute_score            # verl's default (naive) reward manager
    # or, to evaluate a whole batch concurrently:
    # reward_model.reward_manager=batch custom_reward_function.name=compute_score_batch
    +custom_reward_function.reward_kwargs.measure=cpu
    +custom_reward_function.reward_kwargs.repeats=3

verl loads this file by path, so it only re-exports the installed package's functions (see
``burner_env.integrations.verl`` and ``docs/DISTRIBUTED.md``).
"""

from burner_env.integrations.verl import compute_score, compute_score_batch

__all__ = ["compute_score", "compute_score_batch"]

if __name__ == "__main__":
    print(__doc__)  # a module for verl to load, not a script: say how to use it
