"""burner-env: code-efficiency optimisation as a reinforcement-learning problem.

>>> import gymnasium as gym, burner_env
>>> env = gym.make("burner/CodeEfficiency-v0", suite="builtin", instruction="time")  # doctest: +SKIP

Importing this package never imports torch, transformers or ray.
"""

from gymnasium.envs.registration import register, registry

__version__ = "0.1.0"

ENV_ID = "burner/CodeEfficiency-v0"

if ENV_ID not in registry:
    register(
        id=ENV_ID,
        entry_point="burner_env.env:CodeEfficiencyEnv",
        vector_entry_point="burner_env.env:CodeEfficiencyVectorEnv",
        nondeterministic=True,  # the feedback carries costs measured on this machine
    )

__all__ = ["ENV_ID", "__version__"]
