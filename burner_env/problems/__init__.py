"""Problems: the model, the built-in suite and loaders for datasets on disk."""

from burner_env.problems.model import (
    Checker,
    EfficiencySpec,
    Limits,
    Problem,
    ProblemFormatError,
    Solution,
    TestCase,
)
from burner_env.problems.selection import select_problems
from burner_env.problems.suite import load_suite

__all__ = [
    "Checker",
    "EfficiencySpec",
    "Limits",
    "Problem",
    "ProblemFormatError",
    "Solution",
    "TestCase",
    "load_suite",
    "select_problems",
]
