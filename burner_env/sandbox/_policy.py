"""The seccomp policy of sandboxed children, and the Landlock confinement of the callgrind run.

Used by the trusted parent (which builds the BPF programs once and hands them to the zygote) and by
the callgrind launcher before it execs valgrind. Never imported by the zygote or a child: it loads
ctypes, and a child with a foreign-function interface can write any byte of its own memory
(see ``_lockdown.c``, which does the child's few prctl calls instead).

The policy is an allow-list with a default of *kill the process* (the parent reports SIGSYS as a
``sandbox_violation``). Calls that innocent Python code makes while probing its surroundings
(opening a file to import a module, ``stat`` for a traceback's source line, ``ioctl`` to ask
whether stdout is a terminal, starting a thread) fail softly with an errno instead, so they become
ordinary Python exceptions.

Two rules protect the *measurement* rather than the host: no new executable memory (``mmap`` or
``mprotect`` with ``PROT_EXEC`` fail with EPERM once the filter is in: the interpreter and its
modules are loaded before, and code of the submission's own would run outside what is counted),
and no discarding of resident pages (``madvise`` DONTNEED, FREE, REMOVE, COLD, PAGEOUT fail with
EPERM: dropping pages would lower the memory reading below what the code holds).
"""

from __future__ import annotations

import ctypes
import errno
import os

_PR_SET_NO_NEW_PRIVS = 38
_AT_EMPTY_PATH = 0x1000
_LOW_32_BITS = 0xFFFFFFFF

# Memory, signals, time, and I/O on file descriptors the child already holds.
ALLOWED = (
    "read", "write", "readv", "writev", "pread64", "pwrite64", "close", "lseek", "fstat",
    "munmap", "mremap", "brk", "mincore", "msync",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall",
    "futex", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getpgrp",
    "getrandom", "clock_gettime", "clock_getres", "gettimeofday", "time", "times", "getrusage",
    "nanosleep", "clock_nanosleep", "sched_yield", "sched_getaffinity", "getcpu",
    "select", "pselect6", "poll", "ppoll", "dup", "dup2", "dup3",
    "uname", "sysinfo", "getrlimit", "getcwd",
    "exit", "exit_group",
)

# fcntl commands that only read or duplicate descriptors. F_SETOWN/F_SETSIG with O_ASYNC would
# make the kernel signal any process (the parent, the zygote) whenever the parent uses our pipes.
_FCNTL_ALLOWED = (0, 1, 2, 3, 1030)  # F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_DUPFD_CLOEXEC
# madvise values from 100 up (MADV_HWPOISON, MADV_SOFT_OFFLINE) take host memory offline.
_MADVISE_HARMFUL_FROM = 100
# madvise advice that keeps every resident page resident (hints, KSM, huge pages, fork and dump
# flags, prefaulting). DONTNEED (4), FREE (8), REMOVE (9), COLD (20), PAGEOUT (21) and
# DONTNEED_LOCKED (24) drop pages and are refused; glibc's free() ignores that refusal.
_MADVISE_KEEPS_PAGES = (0, 1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 25)
_MADVISE_DROPS_PAGES = (4, 8, 9, 20, 21, 24)
_PROT_EXEC = 0x4

# Soft denials: the call fails with this errno instead of killing the child.
SOFT_DENIED = {
    errno.EACCES: (
        "open", "openat", "creat", "stat", "lstat", "statx", "access", "faccessat", "faccessat2",
        "readlink", "readlinkat", "getdents", "getdents64", "chdir", "fchdir", "statfs", "fstatfs",
        "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown",
        "lchown", "fchownat", "truncate", "ftruncate", "utimensat", "mknod", "mknodat",
    ),
    errno.ENOTTY: ("ioctl",),
    errno.EPERM: (
        "clone", "fork", "vfork", "kill", "tkill", "tgkill", "prctl", "setsid", "setpgid",
        "pipe", "pipe2", "eventfd2", "memfd_create", "epoll_create", "epoll_create1",
        "sched_setaffinity", "setpriority", "mlock", "mlockall", "setrlimit",
    ),
    errno.ENOSYS: ("clone3", "openat2", "rseq"),
}


def build_filter_bpf(for_callgrind: bool = False) -> bytes:
    """Compile the policy to a classic-BPF program for this machine's architecture."""
    import pyseccomp as seccomp

    policy = seccomp.SyscallFilter(defaction=seccomp.KILL_PROCESS)
    # A 32-bit or x32 system call number would bypass a native-only rule list.
    policy.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    for name in ALLOWED:
        _add(policy, seccomp.ALLOW, name)
    # fstat() is newfstatat(fd, "", buf, AT_EMPTY_PATH) in modern glibc; path lookups are denied.
    _add(policy, seccomp.ALLOW, "newfstatat",
         seccomp.Arg(3, seccomp.MASKED_EQ, _AT_EMPTY_PATH, _AT_EMPTY_PATH))
    _add(policy, seccomp.ERRNO(errno.EACCES), "newfstatat",
         seccomp.Arg(3, seccomp.MASKED_EQ, _AT_EMPTY_PATH, 0))
    # Read own resource limits only: prlimit64 on another pid could starve the host, and root could
    # raise its own hard limits back up.
    _add(policy, seccomp.ALLOW, "prlimit64", seccomp.Arg(0, seccomp.MASKED_EQ, _LOW_32_BITS, 0),
         seccomp.Arg(2, seccomp.EQ, 0))
    _add(policy, seccomp.ERRNO(errno.EPERM), "prlimit64", seccomp.Arg(2, seccomp.NE, 0))
    for command in _FCNTL_ALLOWED:
        _add(policy, seccomp.ALLOW, "fcntl", seccomp.Arg(1, seccomp.MASKED_EQ, _LOW_32_BITS, command))
    if for_callgrind:
        # valgrind maps its translation cache executable as it grows, and memory is not read in
        # this run: only the native runs' rules protect the memory reading.
        for name in ("mmap", "mprotect"):
            _add(policy, seccomp.ALLOW, name)
        _add(policy, seccomp.ALLOW, "madvise", seccomp.Arg(2, seccomp.LT, _MADVISE_HARMFUL_FROM))
    else:
        for name in ("mmap", "mprotect"):
            _add(policy, seccomp.ALLOW, name, seccomp.Arg(2, seccomp.MASKED_EQ, _PROT_EXEC, 0))
            _add(policy, seccomp.ERRNO(errno.EPERM), name,
                 seccomp.Arg(2, seccomp.MASKED_EQ, _PROT_EXEC, _PROT_EXEC))
        for advice in _MADVISE_KEEPS_PAGES:
            _add(policy, seccomp.ALLOW, "madvise", seccomp.Arg(2, seccomp.EQ, advice))
        for advice in _MADVISE_DROPS_PAGES:
            _add(policy, seccomp.ERRNO(errno.EPERM), "madvise", seccomp.Arg(2, seccomp.EQ, advice))
    if for_callgrind:
        _add(policy, seccomp.ALLOW, "rt_sigtimedwait")  # valgrind polls for pending signals
        _add_dump_open_rules(policy, seccomp)
    for error, names in SOFT_DENIED.items():
        for name in names:
            if not (for_callgrind and name in ("open", "openat")):
                _add(policy, seccomp.ERRNO(error), name)
    read_fd, write_fd = os.pipe()
    try:
        with os.fdopen(write_fd, "wb") as sink:
            policy.export_bpf(sink)
        chunks = []
        while chunk := os.read(read_fd, 65536):
            chunks.append(chunk)
    finally:
        os.close(read_fd)
    return b"".join(chunks)


# Under callgrind, one kind of open stays: the one callgrind makes at exit to write its profile
# (to /dev/null: the count itself reaches the parent on valgrind's log descriptor). It truncates
# an existing file and creates none; Landlock leaves /dev/null as the only file it can write.
_DUMP_OPEN_FLAGS = os.O_WRONLY | os.O_TRUNC
# Every other open fails softly, as in a native child. The rules must not overlap (libseccomp would
# pick one of two matching actions), so the refused flags are split on the access mode, O_TRUNC,
# O_CREAT and O_CLOEXEC; what falls through (a write-open with other extra flags) kills.
_REFUSED_OPENS = (
    (os.O_ACCMODE, os.O_RDONLY),
    (os.O_ACCMODE, os.O_RDWR),
    (os.O_ACCMODE | os.O_TRUNC, os.O_WRONLY),
    (os.O_ACCMODE | os.O_TRUNC | os.O_CREAT, os.O_WRONLY | os.O_TRUNC | os.O_CREAT),
    (os.O_ACCMODE | os.O_TRUNC | os.O_CREAT | os.O_CLOEXEC, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC),
)


def _add_dump_open_rules(policy, seccomp) -> None:
    for name, flags_arg in (("open", 1), ("openat", 2)):
        _add(policy, seccomp.ALLOW, name, seccomp.Arg(flags_arg, seccomp.MASKED_EQ, _LOW_32_BITS, _DUMP_OPEN_FLAGS))
        for mask, value in _REFUSED_OPENS:
            _add(policy, seccomp.ERRNO(errno.EACCES), name, seccomp.Arg(flags_arg, seccomp.MASKED_EQ, mask, value))


def _add(policy, action: int, name: str, *args) -> None:
    try:
        policy.add_rule(action, name, *args)
    except (OSError, ValueError, RuntimeError):
        pass  # the call does not exist on this architecture (e.g. 'open' on arm64)


_libc = ctypes.CDLL(None, use_errno=True)


# Landlock (Linux ≥ 5.13): file-system access rights, ABI 1..3.
_LANDLOCK_CREATE_RULESET, _LANDLOCK_ADD_RULE, _LANDLOCK_RESTRICT_SELF = 444, 445, 446
_LANDLOCK_RULE_PATH_BENEATH = 1
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_ALL_V1 = (1 << 13) - 1
_FS_REFER, _FS_TRUNCATE = 1 << 13, 1 << 14
_FS_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FS_CREATE_FILE = (1 << 8) | (1 << 5) | _FS_WRITE_FILE | _FS_TRUNCATE  # MAKE_REG, REMOVE_FILE


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, or 0 when Landlock is missing or disabled."""
    version = _libc.syscall(_LANDLOCK_CREATE_RULESET, None, 0, 1)
    return max(version, 0)


def restrict_filesystem(readable: list[str], writable_dir: str, writable_files: tuple[str, ...] = ()) -> None:
    """Confine this process and what it executes: read (and execute) only beneath ``readable``,
    create files only in ``writable_dir``, write to existing ``writable_files``. Landlock also stops
    ptrace-style access (such as ``/proc/<pid>/mem``) to any process outside this domain, the
    trusted parent included."""
    abi = landlock_abi()
    if abi < 1:
        raise OSError(errno.ENOSYS, "Landlock is not available on this kernel")
    handled = _FS_ALL_V1 | (_FS_REFER if abi >= 2 else 0) | (_FS_TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(handled)
    ruleset = _libc.syscall(_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.sizeof(attr), 0)
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        rules = ([(path, _FS_READ) for path in readable] + [(writable_dir, _FS_READ | _FS_CREATE_FILE)]
                 + [(path, _FS_READ_FILE | _FS_WRITE_FILE | _FS_TRUNCATE) for path in writable_files])
        for path, access in rules:
            if not os.path.exists(path):
                continue
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                if not os.path.isdir(path):  # a file rule may only hold file rights
                    access &= _FS_EXECUTE | _FS_READ_FILE | _FS_WRITE_FILE | _FS_TRUNCATE
                rule = _PathBeneathAttr(access & handled, fd)
                if _libc.syscall(_LANDLOCK_ADD_RULE, ruleset, _LANDLOCK_RULE_PATH_BENEATH,
                                 ctypes.byref(rule), 0) != 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule({path}) failed")
            finally:
                os.close(fd)
        if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if _libc.syscall(_LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)
