/* The system calls a sandboxed child needs to confine itself, without ctypes, and the zygote's fork.
 *
 * A child that has ctypes (or any foreign-function interface) loaded can read and write any byte of
 * its own memory: callgrind's counters, the allocator's state, code it maps executable. The seccomp
 * filter cannot stop that, because none of it is a system call. So the zygote and the child harness
 * never import ctypes; the few prctl calls they need live here instead. Nothing in this module can
 * loosen a confinement: a filter or a parent-death signal can only be added.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

static PyObject *
set_parent_death_signal(PyObject *module, PyObject *arg)
{
    long number = PyLong_AsLong(arg);
    if (number == -1 && PyErr_Occurred())
        return NULL;
    if (prctl(PR_SET_PDEATHSIG, number, 0, 0, 0) != 0)
        return PyErr_SetFromErrno(PyExc_OSError);
    Py_RETURN_NONE;
}

static PyObject *
install_filter(PyObject *module, PyObject *arg)
{
    Py_buffer program;
    if (PyObject_GetBuffer(arg, &program, PyBUF_SIMPLE) != 0)
        return NULL;
    if (program.len == 0 || program.len % sizeof(struct sock_filter) != 0
            || program.len / sizeof(struct sock_filter) > BPF_MAXINSNS) {
        PyBuffer_Release(&program);
        PyErr_SetString(PyExc_ValueError, "not a classic BPF program");
        return NULL;
    }
    struct sock_fprog fprog = {
        .len = (unsigned short)(program.len / sizeof(struct sock_filter)),
        .filter = (struct sock_filter *)program.buf,
    };
    int failed = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
                 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) != 0;
    int saved_errno = errno;
    PyBuffer_Release(&program);
    if (failed) {
        errno = saved_errno;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_RETURN_NONE;
}

/* fork(2) without CPython's at-fork handlers, for the single-threaded zygote. ``os.fork()`` runs them in
 * every child: threading's bookkeeping and random's reseed from the kernel's entropy, which together
 * touch ~180 pages of the zygote (copy-on-write faults) and cost about half of a bare child's CPU. With
 * one thread there is no lock another thread could hold across the fork, so the child needs none of
 * them; its random state is the zygote's, the same in every child (a submission's "random" run repeats
 * exactly, which a measurement wants). */
static PyObject *
fork_single_threaded(PyObject *module, PyObject *unused)
{
    pid_t pid = fork();
    if (pid < 0)
        return PyErr_SetFromErrno(PyExc_OSError);
    return PyLong_FromLong(pid);
}

/* The measured window of an exact count. Under callgrind (``--collect-atstart=no
 * --toggle-collect=burner_measured_call``) instructions are counted only while this function is on
 * the stack: it calls ``function()`` once. Entering it again from inside (as a submission could,
 * to toggle counting off for what it calls) is refused before anything runs, so a nested entry
 * leaves uncounted only its own few instructions. */
static int measuring = 0;

PyObject *
burner_measured_call(PyObject *module, PyObject *function)
{
    if (measuring) {
        PyErr_SetString(PyExc_RuntimeError, "the measured window cannot be entered twice");
        return NULL;
    }
    measuring = 1;
    PyObject *result = PyObject_CallNoArgs(function);
    measuring = 0;
    return result;
}

static PyMethodDef methods[] = {
    {"measured_call", burner_measured_call, METH_O,
     "Call function() inside the window that callgrind counts (at most once at a time)."},
    {"fork_single_threaded", fork_single_threaded, METH_NOARGS,
     "fork() without CPython's at-fork handlers (only for a single-threaded process)."},
    {"set_parent_death_signal", set_parent_death_signal, METH_O,
     "prctl(PR_SET_PDEATHSIG, signal): be sent this signal when the parent thread exits."},
    {"install_filter", install_filter, METH_O,
     "Set no_new_privs and load a classic-BPF seccomp program (bytes); it cannot be removed."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_lockdown",
    "prctl calls for the sandboxed child, so that it never needs ctypes.", -1, methods,
};

PyMODINIT_FUNC
PyInit__lockdown(void)
{
    return PyModule_Create(&module);
}
