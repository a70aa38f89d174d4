"""The sandbox: run untrusted Python safely, judge it in the trusted parent, measure its cost.

>>> from burner_env.sandbox import Sandbox, Limits
>>> with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="cpu") as sandbox:  # doctest: +SKIP
...     ev = sandbox.evaluate(problem, code)
...     ev.passed, ev.verdict, ev.cost.cpu_ms
"""

from burner_env.problems.model import Limits
from burner_env.sandbox.core import Sandbox
from burner_env.sandbox.executor import SandboxInternalError
from burner_env.sandbox.results import MEASURES, METRICS, VERDICTS, Cost, Evaluation, TestResult

__all__ = [
    "MEASURES",
    "METRICS",
    "VERDICTS",
    "Cost",
    "Evaluation",
    "Limits",
    "Sandbox",
    "SandboxInternalError",
    "TestResult",
]
