"""``measure="instructions"``: exact instruction counts of a test, from callgrind.

This machine's kernel exposes no hardware counters to guests (``perf stat -e instructions`` says
"not supported"), so counts come from valgrind's callgrind, which simulates the CPU: the same
program on the same input executes the same instructions, run after run, whatever else the
machine does. It is about 50–100× slower than running natively, so it is for evaluation and
calibration rather than the inner RL loop.

A callgrind run starts a fresh interpreter (valgrind must load it), so it cannot be a fork of the
zygote. The launcher confines the file system with Landlock before exec'ing valgrind (read-only
system and Python directories, one throwaway directory for callgrind's output file), and the
child harness loads a seccomp variant that allows exactly one kind of ``open``: the one callgrind
makes to write its counts at exit.

The count covers the whole process; the count of a null submission run on the same test input is
subtracted, which leaves the submission's own instructions (interpreter start-up, input decoding
and the harness are identical in both runs and cancel exactly).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from burner_env.sandbox import _policy
from burner_env.sandbox.executor import (
    ZYGOTE_ENV,
    ZYGOTE_PATH,
    ChildLimits,
    ChildRun,
    SandboxInternalError,
    _drive_child,
    _kill_group,
)

_DUMP_FILE_BYTES = 256 * 1024 * 1024
_SLOWDOWN = 200  # generous: the verdict was already given by a native run


def check_available() -> None:
    if shutil.which("valgrind") is None:
        raise RuntimeError("measure='instructions' needs valgrind (Debian/Ubuntu: apt-get install valgrind)")
    if _policy.landlock_abi() < 1:
        raise RuntimeError("measure='instructions' needs Landlock (Linux ≥ 5.13, enabled) to confine "
                           "callgrind's file access; use measure='cpu' on this machine")


def run_counted(request_fd: int, test_index: int, limits: ChildLimits) -> tuple[ChildRun, int | None]:
    """Run one test of a request under callgrind; return the raw run and the instruction count."""
    out_dir = tempfile.mkdtemp(prefix="burner-callgrind-")
    control_r, control_w = os.pipe()
    results_r, results_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    slow_limits = ChildLimits(time_s=limits.time_s * _SLOWDOWN + 30, memory_bytes=None,
                              output_bytes=limits.output_bytes, result_bytes=limits.result_bytes,
                              stack_bytes=limits.stack_bytes)
    env = dict(ZYGOTE_ENV, TMPDIR=out_dir,  # valgrind's own temporary files go there too
               BURNER_REQUEST_FD=str(request_fd), BURNER_CONTROL_FD=str(control_r),
               BURNER_RESULTS_FD=str(results_w), BURNER_TESTS=json.dumps([test_index]),
               BURNER_LIMITS=json.dumps({"memory_bytes": None, "stack_bytes": limits.stack_bytes,
                                         "file_bytes": _DUMP_FILE_BYTES,
                                         "cpu_seconds": int(slow_limits.time_s) + 60}))
    run = ChildRun()
    try:
        process = subprocess.Popen(
            [sys.executable, "-s", "-B", str(ZYGOTE_PATH), "--launch-callgrind", out_dir,
             shutil.which("valgrind")],
            pass_fds=(request_fd, control_r, results_w), env=env, stdin=subprocess.DEVNULL,
            stdout=stdout_w, stderr=stderr_w, cwd="/", start_new_session=True)
    finally:
        for fd in (control_r, results_w, stdout_w, stderr_w):
            os.close(fd)
    try:
        _drive_child(process.pid, control_w, results_r, stdout_r, stderr_r, limits=slow_limits,
                     measure=False, sample_period_s=0.05, run=run, expected_tests=[test_index])
        if run.tests and run.tests[-1].result is not None and run.stopped_by_parent is None:
            os.write(control_w, b"x")  # let the child exit normally: callgrind writes its counts then
            process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        pass
    finally:
        _kill_group(process.pid)
        run.exit_code = process.wait()
        for fd in (control_w, results_r, stdout_r, stderr_r):
            os.close(fd)
    try:
        return run, read_instruction_count(os.path.join(out_dir, "callgrind.out"))
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def read_instruction_count(path: str) -> int | None:
    """The ``summary:`` (or ``totals:``) line of a callgrind output file: total instructions."""
    try:
        with open(path, encoding="utf-8", errors="replace") as dump:
            text = dump.read()
    except OSError:
        return None
    match = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.MULTILINE)
    if match is None:
        raise SandboxInternalError(f"callgrind wrote no instruction total to {path}")
    return int(match.group(1))
