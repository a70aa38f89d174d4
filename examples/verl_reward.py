"""verl's custom reward module for burner-env: point ``reward.custom_reward_function.path`` at this file.

verl 0.9 (tested with 0.9.1; the full command is in ``docs/DISTRIBUTED.md``)::

    reward.custom_reward_function.path=examples/verl_reward.py
    reward.custom_reward_function.name=compute_score
    +reward.custom_reward_function.reward_kwargs.measure=cpu
    +reward.custom_reward_function.reward_kwargs.repeats=3
    '+reward.custom_reward_function.reward_kwargs.reward_workers=${reward.num_workers}'

Run ``burner calibrate builtin --measure cpu`` once on the machine first: every reward worker reads it.
verl loads this file by path, so it only re-exports the installed package's functions (see
``burner_env.integrations.verl`` and ``docs/DISTRIBUTED.md``).
"""

from burner_env.integrations.verl import compute_score, compute_score_batch

__all__ = ["compute_score", "compute_score_batch"]

if __name__ == "__main__":
    print(__doc__)  # a module for verl to load, not a script: say how to use it
