"""What a measurement was taken on: the one reader of the CPU model, for calibration keys, the Ray
backend's placement check and the benchmarks' reports."""

from __future__ import annotations

import platform


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo`` (e.g. ``"AMD EPYC 7B13"``); where that file has none,
    ``platform.processor()``, else the architecture."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"
