"""The trusted parent's side of the sandbox: one zygote per worker, children, deadlines, readings.

Everything a verdict or a cost depends on is decided here, from what the parent observes itself:
the child's CPU clock (read while the child is blocked), its memory in ``/proc``, its exit status
from ``wait4``. The child only ever sends data.

Memory is read so that dropping pages cannot lower it: the growth of the child's *anonymous*
resident memory (``statm`` resident − shared: its heap, stacks and copied-on-write pages, not the
clean pages of the interpreter and libraries it maps), sampled every ``sample_period_s``, and the
growth of its peak resident set (``VmHWM``, reset at the go byte), which catches allocations
shorter than a sample period; the reading is the larger of the two. (The child's filter also
refuses ``madvise`` advice that discards pages, and it has no ctypes to reach other memory calls.)
"""

from __future__ import annotations

import functools
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ZYGOTE_PATH = Path(__file__).with_name("_zygote.py")
FRAME_HEADER = struct.Struct(">I")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_MIB = 1024 * 1024
_CPU_CHECK_PERIOD_S = 0.02
# A child that wanted the CPU for most of its wall time (running or waiting on a run queue) but did not
# get it is starved by a busy machine, not idle: its wall deadline is extended, up to this many times
# the usual one. A sleeping or blocked child is stopped at the usual deadline.
_STARVED_DEADLINE_FACTOR = 10
_RUNNABLE_SHARE = 0.5

# The zygote gets no variable of ours: no tokens, no paths beyond the interpreter's own.
ZYGOTE_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


# Extra zygote arguments. Only tests set one: ``--preimport-ctypes-for-tests`` puts ctypes back into
# the children, so that the hostile catalog can test the seccomp filter with raw system calls.
ZYGOTE_TEST_ARGS: tuple[str, ...] = ()


@functools.cache
def child_filter_bpf(counted: bool = False) -> bytes:
    """The children's seccomp program (the callgrind variant for counted children), compiled once
    per process by the trusted parent."""
    from burner_env.sandbox import _policy

    return _policy.build_filter_bpf(for_callgrind=counted)


class SandboxInternalError(RuntimeError):
    """Our machinery failed (not the submission): reported as ``internal_error``."""


@dataclass
class ChildLimits:
    """Limits for one child. ``time_s`` is CPU seconds per test; the wall deadline follows from it."""

    time_s: float
    memory_bytes: int | None
    output_bytes: int
    result_bytes: int
    stack_bytes: int = 256 * _MIB

    def wall_deadline_s(self) -> float:
        # A sleeping or blocked child burns no CPU; contention on a busy machine slows a busy one.
        return 2.0 * self.time_s + 0.5

    def cpu_rlimit_s(self, tests: int) -> int:
        return int(self.time_s * tests + 2) + 1


@dataclass
class Reading:
    """What the parent read around one test: CPU time, peak memory growth, and ∫ growth dt (over
    the child's CPU time) of its anonymous memory."""

    cpu_ns: int
    peak_bytes: int
    integral_byte_ns: float


@dataclass
class TestRun:
    """The raw outcome of one test in a child, before a verdict is given."""

    index: int
    result: dict | None = None  # the child's message, if one arrived
    failure: str | None = None  # "time_limit", "output_limit", ... when the parent stopped it
    reading: Reading | None = None
    stdout: bytes = b""
    stderr: bytes = b""


@dataclass
class ChildRun:
    tests: list[TestRun] = field(default_factory=list)
    exit_code: int | None = None  # negative: killed by that signal
    stopped_by_parent: str | None = None
    instructions: int | None = None  # a counted child's instruction count, when it is valid
    count_problem: str = ""  # why a counted child has no count


def build_request(code: str, io: str, entry: str, tests: list[tuple[int, bytes, bool]],
                  recursion_limit: int = 100_000, profile: bool = False) -> int:
    """Write a request to a memory file and return its descriptor (the caller closes it)."""
    offsets, position = [], 0
    for index, payload, is_stdin in tests:
        offsets.append([index, position, len(payload), is_stdin])
        position += len(payload)
    header = json.dumps({"code": code, "io": io, "entry": entry, "tests": offsets,
                         "recursion_limit": recursion_limit, "profile": profile},
                        ensure_ascii=True).encode("ascii")
    fd = os.memfd_create("burner-request", os.MFD_CLOEXEC)
    chunks = [FRAME_HEADER.pack(len(header)), header, *(payload for _, payload, _ in tests)]
    for chunk in chunks:
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view):]
    return fd


class Zygote:
    """One zygote process and the children it forks, driven from one thread at a time.

    A ``counted`` zygote runs under callgrind (``callgrind.CountedZygote`` starts it): its children
    are instrumented, exit normally after their test, and come back with an instruction count.
    """

    def __init__(self, counted: bool = False) -> None:
        self.counted = counted
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._callgrind = None  # the counted zygote's valgrind log and throwaway directory

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._stop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        bpf_fd = os.memfd_create("burner-bpf", os.MFD_CLOEXEC)
        os.write(bpf_fd, child_filter_bpf(self.counted))
        stderr = None if os.environ.get("BURNER_DEBUG_ZYGOTE") else subprocess.DEVNULL
        command = [sys.executable, "-s", "-B", str(ZYGOTE_PATH), "--control-fd", str(theirs.fileno()),
                   "--bpf-fd", str(bpf_fd), *ZYGOTE_TEST_ARGS]
        try:
            if self.counted:
                from burner_env.sandbox import callgrind

                self._callgrind = callgrind.CountedZygote()
                self._process = self._callgrind.start(command, pass_fds=(theirs.fileno(), bpf_fd), stderr=stderr,
                                                      env=ZYGOTE_ENV)
            else:
                self._process = subprocess.Popen(
                    command, pass_fds=(theirs.fileno(), bpf_fd), env=ZYGOTE_ENV, stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=stderr, cwd="/", start_new_session=True,
                )
        finally:
            theirs.close()
            os.close(bpf_fd)
        self._control = ours
        # Under callgrind the interpreter's start-up takes seconds (tens on a busy machine).
        reply = self._call({"op": "ping"}, timeout=300.0 if self.counted else 60.0)
        if not reply.get("pong"):
            raise SandboxInternalError("the sandbox zygote did not start")
        if self.counted:
            self._run_first_child()

    def _run_first_child(self) -> None:
        """A counted zygote's first child counts about 10,000 instructions more than every later
        one (state its first spawn leaves behind): spend that child on a null program."""
        request_fd = build_request("def solve():\n    return None\n", "function", "solve", [(0, b"[]", False)])
        try:
            self._spawn_and_drive(request_fd, [0], _WARM_UP_LIMITS, False, 0.05, None)
        finally:
            os.close(request_fd)

    def _call(self, message: dict, fds: list[int] = (), timeout: float = 10.0) -> dict:
        try:
            socket.send_fds(self._control, [json.dumps(message).encode()], list(fds))
            self._control.settimeout(timeout)
            reply = self._control.recv(1 << 16)
        except OSError as error:  # socket.timeout is an OSError
            self._stop()
            raise SandboxInternalError(f"lost the sandbox zygote: {error}") from None
        if not reply:
            self._stop()
            raise SandboxInternalError("the sandbox zygote exited")
        return json.loads(reply)

    def _stop(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
        if self._callgrind is not None:
            self._callgrind.close()
            self._callgrind = None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def run(self, request_fd: int, test_indices: list[int], limits: ChildLimits,
            take_readings: bool, sample_period_s: float, should_continue=None) -> ChildRun:
        """Fork a child for the given tests of a request and drive it to the end."""
        with self._lock:
            self._ensure_started()
            return self._spawn_and_drive(request_fd, test_indices, limits, take_readings, sample_period_s,
                                         should_continue)

    def _spawn_and_drive(self, request_fd: int, test_indices: list[int], limits: ChildLimits,
                         take_readings: bool, sample_period_s: float, should_continue) -> ChildRun:
        pipes = [os.pipe() for _ in range(4)]  # control (to child), results, stdout, stderr
        child_ends = [pipes[0][0], pipes[1][1], pipes[2][1], pipes[3][1]]
        parent_ends = [pipes[0][1], pipes[1][0], pipes[2][0], pipes[3][0]]
        try:
            reply = self._call({"op": "spawn", "tests": test_indices,
                                "limits": _limits_message(limits, test_indices)},
                               fds=[request_fd, *child_ends])
        finally:
            for fd in child_ends:
                os.close(fd)
        pid = reply["pid"]
        run = ChildRun()
        try:
            _drive_child(pid, *parent_ends, limits=limits, take_readings=take_readings,
                         sample_period_s=sample_period_s, run=run,
                         expected_tests=test_indices, should_continue=should_continue)
            if self.counted and run.stopped_by_parent is None and run.tests and run.tests[-1].result:
                _let_exit(*parent_ends[:2], timeout_s=limits.wall_deadline_s())
        finally:
            _kill_group(pid)
            for fd in parent_ends:
                os.close(fd)
            # Wait until the child is reaped: when evaluate returns, nothing of it is left.
            run.exit_code = self._call({"op": "reap", "pid": pid}, timeout=30.0)["exit_code"]
        if self.counted:
            run.instructions, run.count_problem = self._callgrind.count_of(pid, run.exit_code)
        return run


_WARM_UP_LIMITS = ChildLimits(time_s=60.0, memory_bytes=None, output_bytes=1 << 16, result_bytes=1 << 16)


def _let_exit(control_fd: int, results_fd: int, timeout_s: float) -> None:
    """Tell a child its work is read and wait until it has exited (its results pipe closes): a
    counted child prints its instruction total as it exits normally."""
    try:
        os.write(control_fd, b"x")
    except OSError:  # it closed its control pipe: it gets no count
        return
    deadline = time.monotonic() + timeout_s
    while (remaining := deadline - time.monotonic()) > 0:
        if select.select([results_fd], [], [], remaining)[0] and not os.read(results_fd, 1 << 16):
            return


def _limits_message(limits: ChildLimits, test_indices: list[int]) -> dict:
    return {"memory_bytes": limits.memory_bytes, "cpu_seconds": limits.cpu_rlimit_s(len(test_indices)),
            "output_bytes": limits.result_bytes,
            "stack_bytes": limits.stack_bytes}


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --- reading another process ----------------------------------------------------------------------


def cpu_clock_id(pid: int) -> int:
    """The clock id of a process's CPU-time clock (what glibc's clock_getcpuclockid computes)."""
    return ((~pid) << 3) | 2


def read_cpu_ns(pid: int) -> int:
    return time.clock_gettime_ns(cpu_clock_id(pid))


def read_runqueue_wait_ns(pid: int) -> int:
    """Nanoseconds the process has spent runnable but waiting for a CPU (``/proc/<pid>/schedstat``);
    0 where the kernel does not keep it, which makes every child look idle: the plain wall deadline."""
    try:
        return int(_read_proc(f"/proc/{pid}/schedstat").split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _starved(pid: int, elapsed_s: float, started_cpu: int, started_wait: int) -> bool:
    """Whether a test that passed its wall deadline was runnable (on a CPU or waiting for one) for most
    of it: the machine was busy, the code was not asleep."""
    try:
        runnable_ns = (read_cpu_ns(pid) - started_cpu) + (read_runqueue_wait_ns(pid) - started_wait)
    except (OSError, ValueError):
        return False
    return runnable_ns >= _RUNNABLE_SHARE * elapsed_s * 1e9


def _read_proc(path: str) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, 4096)
    finally:
        os.close(fd)


def read_memory_bytes(pid: int) -> tuple[int, int]:
    """(resident, anonymous resident) bytes of a process: ``statm``'s resident and resident − shared."""
    fields = _read_proc(f"/proc/{pid}/statm").split()
    resident, shared = int(fields[1]), int(fields[2])
    return resident * PAGE_SIZE, (resident - shared) * PAGE_SIZE


def read_peak_rss_bytes(pid: int) -> int:
    for line in _read_proc(f"/proc/{pid}/status").splitlines():
        if line.startswith(b"VmHWM:"):
            return int(line.split()[1]) * 1024
    raise SandboxInternalError("no VmHWM in /proc status")


def reset_peak_rss(pid: int) -> None:
    """Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one."""
    fd = os.open(f"/proc/{pid}/clear_refs", os.O_WRONLY)
    try:
        os.write(fd, b"5")
    finally:
        os.close(fd)


# --- the handshake --------------------------------------------------------------------------------


class _Frames:
    """Incremental reader of length-prefixed frames from the child's results pipe."""

    def __init__(self, limit: int) -> None:
        self.buffer = bytearray()
        self.limit = limit

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def next_frame(self) -> bytes | None:
        if len(self.buffer) < FRAME_HEADER.size:
            return None
        (size,) = FRAME_HEADER.unpack_from(self.buffer)
        if size > self.limit:
            raise OverflowError(size)
        if len(self.buffer) < FRAME_HEADER.size + size:
            return None
        frame = bytes(self.buffer[FRAME_HEADER.size:FRAME_HEADER.size + size])
        del self.buffer[:FRAME_HEADER.size + size]
        return frame


def _drive_child(pid: int, control_fd: int, results_fd: int, stdout_fd: int, stderr_fd: int, *,
                 limits: ChildLimits, take_readings: bool, sample_period_s: float, run: ChildRun,
                 expected_tests: list[int], should_continue=None) -> None:
    """READY → (reading) → GO → RESULT for each test, with deadlines and output caps."""
    frames = _Frames(limits.result_bytes)
    outputs = {stdout_fd: bytearray(), stderr_fd: bytearray()}
    open_fds = [results_fd, stdout_fd, stderr_fd]
    current: TestRun | None = None
    started_cpu = started_rss = started_anon = 0
    started_go = started_wait = 0
    samples: list[tuple[int, int]] = []
    setup_deadline = time.monotonic() + 10.0 + limits.wall_deadline_s()
    deadline = setup_deadline

    def stop(reason: str) -> None:
        run.stopped_by_parent = reason
        if current is not None:
            current.failure = reason
            run.tests.append(current)
        _kill_group(pid)

    while True:
        now = time.monotonic()
        if now >= deadline:
            if current is None or not _starved(pid, now - started_go, started_cpu, started_wait):
                stop("time_limit")
                return
            starved_until = started_go + _STARVED_DEADLINE_FACTOR * limits.wall_deadline_s()
            if now >= starved_until:
                stop("time_limit")
                return
            deadline = min(now + limits.wall_deadline_s(), starved_until)
        timeout = deadline - now
        if current is not None:
            # Wake up to sample memory, and to stop a CPU-bound child at its CPU limit.
            timeout = min(timeout, sample_period_s if take_readings else _CPU_CHECK_PERIOD_S)
        if not open_fds:
            return
        ready, _, _ = select.select(open_fds, [], [], timeout)
        if current is not None:
            try:
                cpu = read_cpu_ns(pid) - started_cpu
                if take_readings:
                    samples.append((cpu, read_memory_bytes(pid)[1] - started_anon))
            except (OSError, ValueError):
                cpu = 0  # the child is gone; its exit status tells the rest
            if cpu > limits.time_s * 1e9:
                stop("time_limit")
                return
        for fd in ready:
            try:
                data = os.read(fd, 1 << 20)
            except OSError:
                data = b""
            if not data:
                open_fds.remove(fd)
                if fd == results_fd:
                    # The child exited, crashed, or closed the channel; a test it was running gets
                    # its exit status (``closed`` tells our own SIGKILL apart from a crash).
                    run.stopped_by_parent = "closed"
                    if current is not None:
                        _drain(outputs, stdout_fd, stderr_fd)
                        current.stdout, current.stderr = bytes(outputs[stdout_fd]), bytes(outputs[stderr_fd])
                        run.tests.append(current)
                    return
                continue
            if fd != results_fd:
                outputs[fd] += data
                if len(outputs[stdout_fd]) + len(outputs[stderr_fd]) > limits.output_bytes:
                    stop("output_limit")
                    return
                continue
            frames.feed(data)
            while True:
                try:
                    frame = frames.next_frame()
                except OverflowError:
                    stop("output_limit")
                    return
                if frame is None:
                    break
                try:
                    message = json.loads(frame)
                    if not isinstance(message, dict):
                        raise ValueError
                except (ValueError, RecursionError):  # a forged, deeply nested frame
                    stop("protocol")
                    return
                if current is None:
                    # Expect READY for the next test this child was given.
                    index = message.get("ready")
                    if len(run.tests) >= len(expected_tests) or index != expected_tests[len(run.tests)]:
                        stop("protocol")
                        return
                    current = TestRun(index=index)
                    try:
                        if take_readings:
                            reset_peak_rss(pid)
                            started_rss, started_anon = read_memory_bytes(pid)
                        started_cpu = read_cpu_ns(pid)
                    except (OSError, ValueError, SandboxInternalError):
                        if not run.tests:  # only our harness has run in this child: its exit is ours
                            raise SandboxInternalError("the sandboxed child exited before its first test") from None
                        stop("vanished")
                        return
                    samples = [(0, 0)]
                    try:
                        os.write(control_fd, b"g")
                    except OSError:  # the child closed its control pipe
                        stop("protocol")
                        return
                    started_go = time.monotonic()
                    started_wait = read_runqueue_wait_ns(pid)
                    deadline = started_go + limits.wall_deadline_s()
                else:
                    if message.get("i") != current.index:
                        stop("protocol")
                        return
                    try:
                        cpu_ns = read_cpu_ns(pid) - started_cpu
                        if take_readings:
                            peak_resident = read_peak_rss_bytes(pid) - started_rss
                            samples.append((cpu_ns, read_memory_bytes(pid)[1] - started_anon))
                    except (OSError, ValueError, SandboxInternalError):
                        # The child must wait for the parent after its result (the harness does);
                        # one that exits at once hides its cost: the submission broke the harness.
                        stop("vanished")
                        return
                    if take_readings:
                        peak_anonymous = max(growth for _, growth in samples)
                        current.reading = Reading(cpu_ns=cpu_ns, peak_bytes=max(peak_resident, peak_anonymous, 0),
                                                  integral_byte_ns=trapezoid(samples))
                    else:
                        current.reading = Reading(cpu_ns=cpu_ns, peak_bytes=0, integral_byte_ns=0.0)
                    current.result = message
                    _drain(outputs, stdout_fd, stderr_fd)
                    current.stdout, current.stderr = bytes(outputs[stdout_fd]), bytes(outputs[stderr_fd])
                    outputs[stdout_fd].clear()
                    outputs[stderr_fd].clear()
                    run.tests.append(current)
                    finished, current = current, None
                    if cpu_ns > limits.time_s * 1e9:
                        finished.failure = "time_limit"
                        return
                    if should_continue is not None and not should_continue(finished):
                        return
                    deadline = setup_deadline = time.monotonic() + 10.0
                    if len(run.tests) == len(expected_tests):
                        return


def _drain(outputs: dict[int, bytearray], *fds: int) -> None:
    """Collect what the child wrote to stdout/stderr before it sent its result."""
    for fd in fds:
        while select.select([fd], [], [], 0)[0]:
            data = os.read(fd, 1 << 20)
            if not data:
                break
            outputs[fd] += data


def trapezoid(samples: list[tuple[int, int]]) -> float:
    """∫ y dx by the trapezoid rule over (x, y) samples; negative memory deltas count as 0."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(samples, samples[1:]):
        total += (x1 - x0) * (max(y0, 0) + max(y1, 0)) / 2
    return total
