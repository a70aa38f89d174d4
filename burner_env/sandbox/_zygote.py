"""The zygote and the child harness: the only code that runs beside a submission.

Run as a script (``python -s _zygote.py``) by the trusted parent, in a clean environment, with a
SOCK_SEQPACKET control socket whose number follows ``--control-fd`` and the seccomp program (built
by the parent) in a memory file whose number follows ``--bpf-fd``. It imports only the standard
library, ``_codec.py`` and the C module ``_lockdown`` beside it — never ctypes, which would let a
submission write any byte of its own memory; it never holds expected outputs, secrets or a model.

The zygote pre-imports the allow-listed standard-library modules (a child cannot open files, so
these are the modules a submission can use), then serves two requests from the parent:

``spawn``  fork a child for one request (the parent sends the child's file descriptors with it)
``reap``   reap a child the parent has finished with and report its exit status

A child: new session → parent-death signal → file descriptors moved to fixed numbers → request
read → rlimits → seccomp → audit hook → then, per test, the handshake::

    child  → parent   {"ready": i}           input decoded, nothing of the submission has run
    parent → child    one byte "g"           the parent has read the child's CPU clock
    (the first test compiles the code, runs the module, then calls the entry point)
    child  → parent   {"i": i, "ok": ...}     the output as tagged data, or the error

Compiling is inside the measured window, in every mode: a cost then covers everything the
submission's text makes the interpreter do (the parent strips comments and formatting from the
text of measured runs, so they cost nothing).

``python _zygote.py --launch-callgrind DIR VALGRIND LOG_FD <zygote arguments>`` confines the file
system with Landlock and execs valgrind on the zygote itself: a counted zygote, whose children
are instrumented from their fork on (see callgrind.py).
"""

from __future__ import annotations

import array
import collections
import cProfile
import fcntl
import functools
import gc
import io
import json
import linecache
import os
import socket
import struct
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _codec  # noqa: E402
import _lockdown  # noqa: E402

# Modules a submission may import: all pre-imported here, because the child cannot open files.
ALLOWED_MODULES = (
    "abc", "array", "bisect", "calendar", "cmath", "collections", "collections.abc", "copy",
    "dataclasses", "datetime", "decimal", "enum", "fractions", "functools", "heapq", "io",
    "itertools", "json", "math", "numbers", "operator", "queue", "random", "re", "statistics",
    "string", "struct", "sys", "textwrap", "time", "types", "typing", "unicodedata", "os",
    "hashlib", "copyreg", "weakref", "pprint", "contextlib", "graphlib", "pstats", "signal",
)
# Pre-imported when installed: LeetCode offers it, and human solutions in Venus and Mercury use it.
OPTIONAL_MODULES = ("sortedcontainers",)


def preimport_modules() -> None:
    for name in ALLOWED_MODULES:
        __import__(name)
    for name in OPTIONAL_MODULES:
        try:
            __import__(name)
        except ImportError:
            pass

# Descriptor numbers inside a child.
STDIN, STDOUT, STDERR, CONTROL, RESULTS = 0, 1, 2, 3, 4
FRAME_HEADER = struct.Struct(">I")
_SIGKILL = 9
_TYPING_NAMES = ("List", "Dict", "Tuple", "Set", "FrozenSet", "Optional", "Union", "Any",
                 "Callable", "Iterable", "Iterator", "Sequence", "Deque", "DefaultDict")


def write_frame(fd: int, payload: bytes) -> None:
    data = FRAME_HEADER.pack(len(payload)) + payload
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def apply_rlimits(memory_bytes: int | None, cpu_seconds: int, stack_bytes: int) -> None:
    """Hard and soft limits alike, so the child cannot raise them back. No file may grow."""
    import resource

    limits = {
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: 0,
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_NOFILE: 16,
        resource.RLIMIT_STACK: stack_bytes,
        resource.RLIMIT_MEMLOCK: 0,
        resource.RLIMIT_MSGQUEUE: 0,
    }
    if memory_bytes is not None:
        limits[resource.RLIMIT_AS] = memory_bytes
    for which, value in limits.items():
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, value))
        except ValueError:  # valgrind emulates RLIMIT_NOFILE and refuses to lower its hard limit
            resource.setrlimit(which, (value, hard))


def _refuse_code_forgery(event: str, args: tuple) -> None:
    """Audit hook of the child: no code objects built from bytes (``CodeType``, ``code.replace``,
    ``marshal.loads``). CPython does not verify bytecode, so forged bytecode reads and writes
    arbitrary memory — callgrind's counters and the allocator's state included. It checks constants
    only; a submission that rebinds the one name it looks up (``RuntimeError``) still makes it
    raise, and any exception from a hook refuses the event."""
    if event == "code.__new__" or event == "marshal.loads":
        raise RuntimeError(f"{event} is not available in the sandbox")


# --- the child ------------------------------------------------------------------------------------


def _prelude(io_mode: str) -> dict:
    """The names a LeetCode-style submission expects without importing them."""
    import collections
    import functools
    import math
    import typing

    namespace = {"__name__": "__main__" if io_mode == "stdin" else "solution",
                 "__builtins__": __builtins__}
    for name in _TYPING_NAMES:
        namespace[name] = getattr(typing, name)
    if io_mode == "class":
        import bisect
        import heapq
        import itertools

        for module in (collections, heapq, bisect, math, itertools, functools):
            namespace[module.__name__] = module
        namespace.update(deque=collections.deque, defaultdict=collections.defaultdict,
                         Counter=collections.Counter, OrderedDict=collections.OrderedDict,
                         lru_cache=functools.lru_cache, cache=functools.cache,
                         reduce=functools.reduce, inf=math.inf)
    return namespace


def _short_error(error: BaseException, filename: str) -> dict:
    """The exception type, message and the submission's frames of the traceback (never ours)."""
    try:
        message = str(error)[:2000]
    except BaseException:  # a hostile __str__
        message = "<unprintable>"
    lines = []
    try:
        # Walk the chain and summarise only the last five frames of the submission: a recursion
        # error carries 100,000 frames, and summarising them all costs more than the test's limit.
        last = collections.deque(maxlen=5)
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                last.append((tb.tb_frame, tb.tb_lineno))
            tb = tb.tb_next
        lines = traceback.StackSummary.extract(iter(last)).format()
    except BaseException:
        pass
    return {"type": type(error).__name__, "message": message, "trace": "".join(lines)[-4000:]}


def run_child(request: dict) -> None:
    """Everything after the descriptors are in place. Never returns: ends with ``os._exit``."""
    io_mode = request["io"]
    sys.setrecursionlimit(request.get("recursion_limit", 100_000))
    filename = "<solution>"
    source = request["code"]
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    sys.stdin = io.TextIOWrapper(io.FileIO(STDIN, "r", closefd=False), encoding="utf-8",
                                 errors="replace")
    sys.stdout = io.TextIOWrapper(io.FileIO(STDOUT, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", write_through=False)
    sys.stderr = io.TextIOWrapper(io.FileIO(STDERR, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", write_through=True)

    limits = request["limits"]
    memory = None
    if limits.get("memory_bytes"):
        with open("/proc/self/statm", "rb") as statm:
            current_vm = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        memory = current_vm + limits["memory_bytes"]
    apply_rlimits(memory, limits["cpu_seconds"], limits["stack_bytes"])
    _lockdown.install_filter(request.pop("bpf"))
    sys.addaudithook(_refuse_code_forgery)

    # From here on the process is confined. Each test: decode, ready, wait, run, report.
    encode, dumps, tagged_error = _codec.to_tagged, json.dumps, _codec.EncodingRefused
    too_large = _codec.OutputTooLarge
    max_items = limits.get("output_bytes", 1 << 30) // 2
    write, read = write_frame, os.read
    profiler = cProfile.Profile() if request.get("profile") else None
    call = profiler.runcall if profiler else _call
    last_index = request["tests"][-1][0] if request["tests"] else None
    measured_call = _lockdown.measured_call
    state = {"namespace": None, "compiled": None, "compile_error": None}

    def run_test(index: int, args) -> str:
        """Everything the cost covers: compile (first test only), run, encode the answer."""
        result: dict = {"i": index}
        if state["compiled"] is None and state["compile_error"] is None:
            state["compiled"], state["compile_error"] = _compile(source, filename)
        try:
            if state["compile_error"] is not None:
                result.update(ok=False, stage="compile", error=state["compile_error"])
            else:
                if state["namespace"] is None or io_mode == "stdin":
                    state["namespace"] = _prelude(io_mode)
                    call(exec, state["compiled"], state["namespace"])
                value = None
                if io_mode != "stdin":
                    target = _resolve_entry(state["namespace"], request["entry"], io_mode)
                    value = call(target, *args)
                result.update(ok=True, value=encode(value, max_items))
        except tagged_error as error:
            result.update(ok=False, stage="output", error={"type": "UnserialisableOutput",
                                                           "message": str(error), "trace": ""})
        except too_large as error:
            result.update(ok=False, stage="output", error={"type": "OutputTooLarge",
                                                           "message": str(error), "trace": ""})
        except SystemExit as error:
            # A program may end with sys.exit(0) after printing its answer; a function may not.
            if io_mode == "stdin" and error.code in (None, 0):
                result.update(ok=True, value=None)
            else:
                result.update(ok=False, stage="run", error=_short_error(error, filename))
        except BaseException as error:  # SystemExit and KeyboardInterrupt are the code's errors
            result.update(ok=False, stage="run", error=_short_error(error, filename))
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        if profiler is not None and index == last_index:
            try:
                result["profile"] = _hotspots(profiler)
            except BaseException:
                pass
        try:
            return dumps(result, ensure_ascii=True)
        except BaseException as error:  # e.g. an int too large to print
            return dumps({"i": index, "ok": False, "stage": "output",
                          "error": {"type": type(error).__name__, "message": str(error)[:500], "trace": ""}})

    for index, payload, _stdin in request["tests"]:
        args = _codec.decode(payload.encode("utf-8", "surrogatepass")) if payload is not None else None
        write(RESULTS, dumps({"ready": index}).encode())
        if read(CONTROL, 1) != b"g":
            os._exit(0)
        try:
            # The same window in every mode: under callgrind, only this call is counted.
            message = measured_call(functools.partial(run_test, index, args))
        except BaseException as error:  # the submission broke what run_test relies on
            message = dumps({"i": index, "ok": False, "stage": "run",
                             "error": {"type": type(error).__name__, "message": "", "trace": ""}})
        write(RESULTS, message.encode())
    # Stay alive (and idle) until the parent has read our clock and /proc; it then kills us.
    read(CONTROL, 1)
    os._exit(0)


def _call(function, *args):
    return function(*args)


def _compile(source: str, filename: str) -> tuple:
    """(code object, None), or (None, the error as data): SyntaxError, ValueError (NUL bytes),
    RecursionError, MemoryError, ..."""
    try:
        return compile(source, filename, "exec"), None
    except BaseException as error:
        compile_error = _short_error(error, filename)
        compile_error["trace"] = ""
        if isinstance(error, SyntaxError):
            compile_error["message"] = f"{error.msg} (line {error.lineno})"
        return None, compile_error


# Built-ins the harness itself calls around the submission (running it, defining its classes).
_HARNESS_BUILTINS = ("builtins.exec", "__build_class__", "method 'disable'", "_abc.")


def _hotspots(profiler, top: int = 8) -> list:
    """[function, line, calls, self seconds, cumulative seconds] of the code's own functions and the
    built-ins it calls, most self time first. Only feedback for the agent: never a cost."""
    import pstats

    rows = []
    for (filename, line, name), (_, calls, self_s, total_s, _) in pstats.Stats(profiler).stats.items():
        ours = filename == "<solution>" and name != "<module>"
        called_builtin = filename == "~" and not any(part in name for part in _HARNESS_BUILTINS)
        if ours or called_builtin:
            rows.append([name[:80], line, calls, round(self_s, 6), round(total_s, 6)])
    rows.sort(key=lambda row: -row[3])
    return rows[:top]


def _resolve_entry(namespace: dict, entry: str, io_mode: str):
    if io_mode == "class":
        class_name, method_name = entry.split(".", 1)
        cls = namespace.get(class_name)
        if not isinstance(cls, type):
            raise NameError(f"class {class_name!r} is not defined")
        return getattr(cls(), method_name)
    if entry not in namespace:
        raise NameError(f"function {entry!r} is not defined")
    target = namespace[entry]
    if not callable(target):
        raise TypeError(f"{entry!r} is not a function")
    return target


def _child_after_fork(command: dict, fds: list[int], bpf: bytes) -> None:
    """In a fresh fork of the zygote: isolate, read the request, move descriptors, run."""
    try:
        os.setsid()
        _lockdown.set_parent_death_signal(_SIGKILL)
        request_fd, control, results, out, err = fds
        # Every child starts from empty collector generations, whatever the zygote allocated since
        # its last collection: when a collection falls inside a test must not vary between runs.
        gc.collect()
        request = _load_request(request_fd, command["tests"])
        request["bpf"], request["limits"] = bpf, command["limits"]
        stdin = _stdin_descriptor(request)
        # Move every descriptor above the fixed numbers first, so no dup2 overwrites a source.
        sources = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in (stdin, out, err, control, results)]
        for target, source in enumerate(sources):
            os.dup2(source, target, inheritable=False)
        os.closerange(RESULTS + 1, 1 << 16)
        run_child(request)
    except BaseException:
        os._exit(70)
    os._exit(0)


def _stdin_descriptor(request: dict) -> int:
    """A memory file holding the test's stdin text (empty for function problems)."""
    fd = os.memfd_create("stdin")
    stdin = request["tests"][0][2] if request["tests"] else None
    view = memoryview((stdin or "").encode("utf-8", "surrogatepass"))
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _load_request(fd: int, selected: list[int] | None) -> dict:
    """Read the request the parent wrote to a memory file (one file serves many children).

    Layout: a 4-byte length, a JSON header, then one payload per test. The header's ``tests``
    are ``[index, offset, length, is_stdin]``; only the ``selected`` tests' payloads are read and
    become ``[index, args as codec JSON or None, stdin or None]``.
    """
    import json

    (header_size,) = FRAME_HEADER.unpack(os.pread(fd, FRAME_HEADER.size, 0))
    request = json.loads(os.pread(fd, header_size, FRAME_HEADER.size).decode("ascii"))
    base = FRAME_HEADER.size + header_size
    wanted = None if selected is None else set(selected)
    tests = []
    for index, offset, length, is_stdin in request["tests"]:
        if wanted is None or index in wanted:
            text = os.pread(fd, length, base + offset).decode("utf-8", "surrogatepass")
            tests.append([index, None, text] if is_stdin else [index, text, None])
    request["tests"] = tests
    return request


# --- the zygote -----------------------------------------------------------------------------------


def _warm_up() -> None:
    """Run once, in the zygote, what every child runs in its measured window, so that nothing a
    first call initialises (json's encoder, the compiler's caches, ...) is paid by one child and not
    the next: an exact count must not depend on which child of the zygote it was."""
    for io_mode, entry in (("function", "solve"), ("class", "Solution.solve"), ("stdin", "")):
        namespace = _prelude(io_mode)
        source = "class Solution:\n    def solve(self, x):\n        return [x, (x,), {x: x}, {x}]\n"
        source += "def solve(x):\n    return Solution().solve(x)\n"
        _lockdown.measured_call(functools.partial(exec, compile(source, "<warm-up>", "exec"), namespace))
        value = _resolve_entry(namespace, entry, io_mode)(1) if entry else None
        tagged = _codec.to_tagged(value, 1 << 20)
        json.dumps({"i": 0, "ok": True, "value": tagged}, ensure_ascii=True)
        _codec.decode(json.dumps(tagged).encode())
    _short_error(ValueError("warm-up"), "<warm-up>")


def serve(control: socket.socket, bpf: bytes) -> None:
    preimport_modules()
    _warm_up()
    # The modules' objects go to the collector's permanent generation: a child's collections never
    # walk them (nor write to their pages, which stay shared with the zygote).
    gc.collect()
    gc.freeze()
    children: set[int] = set()
    # Receive into one buffer for the zygote's life: ``socket.recv_fds`` mallocs 64 KiB and shrinks it
    # on every message, which leaves glibc's heap a little different at each fork, so each child's
    # buffers sat at other addresses and alignments and an exact count of one program varied by ~1 %
    # on a small program (119,548–121,044 instructions). With the buffer it repeats to within a few.
    buffer = bytearray(1 << 16)
    fd_space = socket.CMSG_SPACE(8 * array.array("i").itemsize)
    try:
        while True:
            try:
                size, ancillary, _flags, _addr = control.recvmsg_into([buffer], fd_space)
            except (ConnectionError, OSError):
                return
            if not size:
                return
            fds = [fd for level, kind, data in ancillary
                   if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS
                   for fd in array.array("i", data)]
            command = json.loads(memoryview(buffer)[:size].tobytes())
            if command["op"] == "spawn":
                pid = _lockdown.fork_single_threaded()  # the zygote has one thread
                if pid == 0:
                    control.close()
                    _child_after_fork(command, fds, bpf)
                for fd in fds:
                    os.close(fd)
                children.add(pid)
                control.send(json.dumps({"pid": pid}).encode())
            elif command["op"] == "reap":
                pid = command["pid"]
                _, status = os.waitpid(pid, 0)
                children.discard(pid)
                control.send(json.dumps({"pid": pid, "exit_code": os.waitstatus_to_exitcode(status)}).encode())
            elif command["op"] == "ping":
                control.send(b'{"pong": true}')
    finally:
        for pid in children:
            try:
                os.killpg(pid, _SIGKILL)
            except OSError:
                pass


def launch_callgrind(out_dir: str, valgrind: str, log_fd: str, zygote_args: list[str]) -> None:
    """Confine the file system (Landlock survives exec), then become a zygote under callgrind.

    The launcher may use ctypes (through ``_policy``): ``execv`` replaces its whole memory.
    Valgrind writes its messages, each child's instruction total among them, to ``log_fd``; its
    profiles go to /dev/null. ``out_dir`` only holds the files valgrind creates and unlinks at
    start-up. Only instructions under ``_lockdown.measured_call`` are counted (see callgrind.py)."""
    import _policy

    readable = ["/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache", "/proc", "/dev/urandom",
                sys.prefix, sys.base_prefix, sys.exec_prefix,
                os.path.dirname(os.path.realpath(sys.executable)), os.path.dirname(_policy.__file__),
                *[p for p in sys.path if p.endswith("-packages")]]
    _policy.restrict_filesystem(readable, out_dir, writable_files=("/dev/null",))
    os.execv(valgrind, [valgrind, "--tool=callgrind", "--vgdb=no", f"--log-fd={int(log_fd)}",
                        "--callgrind-out-file=/dev/null", "--dump-line=no", "--compress-strings=no",
                        "--collect-atstart=no", "--toggle-collect=burner_measured_call",
                        sys.executable, "-s", "-B", os.path.abspath(__file__), *zygote_args])


def main() -> None:
    # No parent-death signal for the zygote: it fires when the parent *thread* that started us
    # exits (a worker thread, say). The zygote ends when its control socket closes instead.
    if sys.argv[1] == "--launch-callgrind":
        launch_callgrind(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
        return
    control = socket.socket(fileno=int(sys.argv[sys.argv.index("--control-fd") + 1]))
    bpf_fd = int(sys.argv[sys.argv.index("--bpf-fd") + 1])
    bpf = os.pread(bpf_fd, os.fstat(bpf_fd).st_size, 0)
    os.close(bpf_fd)
    if "--preimport-ctypes-for-tests" in sys.argv:
        import ctypes  # noqa: F401  (see executor.ZYGOTE_TEST_ARGS)
    serve(control, bpf)


if __name__ == "__main__":
    main()
