"""burner-env: code-efficiency optimisation as a reinforcement-learning problem.

Importing this package never imports torch, transformers or ray.
"""

__version__ = "0.1.0"
