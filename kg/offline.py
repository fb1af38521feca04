"""Keep query evaluation off the network: a seccomp filter that makes every outgoing connection fail.

Oxigraph, the engine behind `kg query` and `kg serve`, answers `SERVICE <http://...>` by sending the query to that
address (SPARQL federation), and neither pyoxigraph 0.5 nor `oxigraph serve-read-only` can be told not to. kg
refuses SERVICE before a query runs (kg.store.refuse_federation); this module makes sure that nothing a query
does can reach another machine even if a query slipped past that check: the thread that evaluates a query in
`kg query`, and the whole engine process of `kg serve`, run under a seccomp filter (libseccomp, through
pyseccomp) that denies `connect` (TCP, UDP and so DNS, Unix sockets), sending to an explicit address
(`sendto` with one, `sendmsg`, `sendmmsg`) and io_uring (whose operations seccomp cannot see). Accepting and
answering connections on a socket already listening still works. Linux only: elsewhere, or without
libseccomp, `available()` is False and only kg's check stands.

Run as `python -I -m kg.offline PARENT_PID PROGRAM ARGS...`, it is the engine's launcher: it asks the kernel to
kill it when the thread that started it dies (so an engine never outlives a `kg serve` that was SIGKILLed),
installs the filter and executes PROGRAM.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
DENIED = ("connect", "sendmsg", "sendmmsg", "io_uring_setup", "io_uring_enter", "io_uring_register")
"""System calls refused outright: each can open a connection or send to an address."""
STACK = 256 * 1024 * 1024
"""Stack of the thread a query is parsed or evaluated in: Oxigraph's parser recurses once per nesting level
(about 3 KB a level), and 8 MB, a thread's default, overflows (a crash, not an error) at about 3,000 levels."""
PR_SET_PDEATHSIG = 1


def _filter() -> object | None:
    """The network-denying seccomp filter, not loaded yet; None where seccomp is not available."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import pyseccomp as seccomp
    except (ImportError, RuntimeError, OSError):  # pyseccomp raises RuntimeError when libseccomp is missing
        return None
    refused = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in DENIED:
        rules.add_rule(refused, name)
    rules.add_rule(refused, "sendto", seccomp.Arg(4, seccomp.NE, 0))  # a destination address: not a reply
    return rules


def available() -> bool:
    """Whether this system can confine a query (Linux with libseccomp)."""
    return _filter() is not None


def deny_network() -> bool:
    """Install the filter on the calling thread (and what it starts or executes); False when seccomp is not
    available. It cannot be lifted: call it only in a thread or process that does nothing else."""
    rules = _filter()
    if rules is None:
        return False
    rules.load()  # type: ignore[attr-defined]
    return True


def run_confined(fn: Callable[[], T], *, network: bool = False) -> T:
    """`fn()` in a new thread with a large stack (deep queries do not crash the process), and unless `network`
    under the filter that refuses every outgoing connection; its result, or its exception re-raised here."""
    outcome: list[tuple[bool, object]] = []

    def target() -> None:
        """Confine this thread, then run `fn`."""
        try:
            if not network:
                deny_network()
            outcome.append((True, fn()))
        except BaseException as e:  # noqa: BLE001 - handed to the caller as it is
            chained: BaseException | None = e
            while chained is not None:  # drop the frames' locals here: pyoxigraph's results may not leave the thread
                traceback.clear_frames(chained.__traceback__)
                chained = chained.__cause__ or chained.__context__
            outcome.append((False, e))

    with _STACK_SIZE:
        previous = threading.stack_size(STACK)
        try:
            worker = threading.Thread(target=target, name="kg-query", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join()
    ok, value = outcome[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


_STACK_SIZE = threading.Lock()
"""threading.stack_size is process-wide: held while a large-stack thread is started."""


def launch(parent: int, argv: list[str]) -> None:
    """Become `argv` (an engine), killed when the thread that started us dies and unable to connect anywhere
    (on Linux; elsewhere it only executes `argv`)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the request took effect
            sys.exit(1)
    if not deny_network():
        log.debug("seccomp is not available: the engine runs without the network filter")
    os.execv(argv[0], argv)


if __name__ == "__main__":
    launch(int(sys.argv[1]), sys.argv[2:])
