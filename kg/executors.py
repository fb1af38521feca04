"""Where batches of work run: in this process, in local worker processes, or on a Dask cluster.

Each runner maps one picklable function over batches and yields the results as they complete (in any order:
the caller sorts). Nothing here knows about articles; `kg.pipeline` passes the parse-and-extract function.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import multiprocessing.context
from multiprocessing import forkserver
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from kg.errors import KGError

if TYPE_CHECKING:
    from dask.distributed import Client

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("local", "dask")
TIME_LIMIT = 120.0
"""Default seconds the rules may spend on one article (or one part of a long one) before it is skipped and named:
typical articles take well under a second, so only a text that makes a rule run away reaches it."""
STOP_SECONDS = 5.0
"""How long a stopped worker may take to exit before it is killed."""
DASK_TIMEOUT = "20s"
"""How long to wait for a Dask scheduler to answer before giving up with an error."""


class ExecutorError(KGError):
    """The workers could not be started or reached, or they run a different kg."""


def available_cores() -> int:
    """Cores this process may run on (the affinity mask where the OS has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def batches_of(items: Sequence[T], size: int, *, workers: int = 1) -> list[Sequence[T]]:
    """`items` in batches of `size`; for several workers the batches shrink towards the end (guided
    scheduling), so the workers finish together instead of one parsing a last full batch while others wait."""
    out = []
    start = 0
    while start < len(items):
        left = len(items) - start
        n = max(1, min(size, left if workers == 1 else -(-left // (2 * workers))))
        out.append(items[start:start + n])
        start += n
    return out


class TimeLimitExceeded(Exception):
    """Raised inside a piece of work that ran past its time limit (see `time_limit`)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the calling thread when its block runs longer than `seconds` (None or 0: no limit).

    A timer thread raises the exception asynchronously in this thread (CPython's PyThreadState_SetAsyncExc), so the
    limit holds in the main thread, in worker processes and in a Dask worker's threads alike; it takes effect at
    the next Python instruction, which is what stops a rule looping in Python code. A pending exception is
    withdrawn when the block ends in time."""
    if not seconds:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)


def run_serial(fn: Callable[[T], R], batches: Sequence[T]) -> Iterator[R]:
    """Every batch in this process, in order."""
    for batch in batches:
        yield fn(batch)


def _ignore_interrupt() -> None:
    """Worker start-up: Ctrl-C is the parent's to handle; it stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def safe_children() -> Iterator[None]:
    """While inside, Python processes started from here (the fork server, multiprocessing's resource tracker) get
    no working directory on sys.path, and ignore Ctrl-C.

    They start as `python -c ...`, which puts the working directory first on sys.path: a folder `kg/` or a file
    `spacy.py` planted where `kg build` runs would be imported by them (and a regular install run from a checkout
    of kg would import the checkout). PYTHONSAFEPATH stops that; relative or empty PYTHONPATH entries, which also
    mean the working directory, are dropped. Ctrl-C is the parent's to handle: the disposition "ignore" passes
    to the fork server and every worker it forks, so an interrupted build prints no worker traceback."""
    saved = {name: os.environ.get(name) for name in ("PYTHONSAFEPATH", "PYTHONPATH")}
    os.environ["PYTHONSAFEPATH"] = "1"
    if saved["PYTHONPATH"] is not None:
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in saved["PYTHONPATH"].split(os.pathsep) if os.path.isabs(p))
    main = threading.current_thread() is threading.main_thread()
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        yield
    finally:
        if main:
            signal.signal(signal.SIGINT, signal.default_int_handler if interrupt is None else interrupt)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def interrupt_after() -> Iterator[None]:
    """Hold back Ctrl-C until the block is done, then raise KeyboardInterrupt if it came (main thread only; a
    process started with SIGINT ignored, as `nohup` and background jobs of scripts are, keeps ignoring it)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        yield
        return
    came: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: came.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
    if came:
        raise KeyboardInterrupt


def start_fork_server(preload: Sequence[str]) -> multiprocessing.context.BaseContext:
    """The context local workers start from: a fork server that imports `preload` (started now, so it loads
    while this process reads the input; see safe_children for how it starts), or plain spawning where the
    platform has no fork server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    with safe_children():
        forkserver.ensure_running()
    return context


def run_processes(fn: Callable[[T], R], batches: Sequence[T], *, workers: int,
                  preload: Sequence[str] = ()) -> Iterator[R]:
    """The batches on `workers` local processes, started by a fork server that has imported `preload`.

    A fork server gives each worker the imported modules cheaply without forking this (threaded) process.
    The workers start (on the first submissions, which wait for the fork server to finish loading) with Ctrl-C
    held back: a worker half started when this process stops would print a traceback. On an error or Ctrl-C later the workers are stopped at once rather than left to
    finish their batches, and waited for, so that none outlives this process."""
    context = start_fork_server(preload)
    with interrupt_after():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupt)
        pending: set[Future[R]] = {pool.submit(fn, batch) for batch in batches}
    finished = False
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool as e:
                    raise ExecutorError(f"a worker process died ({e}); if memory ran out, try fewer --jobs") from e
                yield result
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # ProcessPoolExecutor has no public way to stop busy workers before Python 3.14.
            processes = list((pool._processes or {}).values())
            manager = pool._executor_manager_thread
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(STOP_SECONDS)
                if process.exitcode is None:
                    process.kill()
            # The pool's manager thread closes its wake-up pipe as it ends; if the interpreter exits first, its exit
            # hook may write to that pipe as it closes and print a traceback (CPython before 3.12), so wait for it.
            if manager is not None:
                manager.join(STOP_SECONDS)


def run_dask(fn: Callable[[T], R], batches: Sequence[T], *, scheduler: str, check: Callable[[], str],
             in_flight: int = 4) -> Iterator[R]:
    """The batches on the Dask cluster whose scheduler is at `scheduler`.

    Every worker must give the same `check()` as this process (the same kg, spaCy and model), or the graph
    would depend on which worker parsed which article. At most `in_flight` batches per worker thread are
    submitted at a time, so the scheduler never holds the whole corpus."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as e:
        raise ExecutorError("--executor dask needs Dask: pip install 'kg[dask]'") from e
    try:
        client = Client(scheduler, timeout=DASK_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    with client:
        _check_workers(client, check)
        todo = iter(batches)
        first = islice(todo, max(1, sum(client.nthreads().values())) * in_flight)
        submitted = {client.submit(fn, batch, pure=False) for batch in first}
        running = as_completed(submitted, loop=client.loop)
        try:
            for future in running:
                submitted.discard(future)
                yield future.result()
                for batch in islice(todo, 1):
                    future = client.submit(fn, batch, pure=False)
                    submitted.add(future)
                    running.add(future)
        finally:
            client.cancel(list(submitted))


def _check_workers(client: Client, check: Callable[[], str]) -> None:
    """Raise ExecutorError unless every worker answers `check()` as this process does."""
    expected = check()
    answers = client.run(check, on_error="return")
    if not answers:
        raise ExecutorError("the Dask cluster has no workers")
    wrong = {worker: answer for worker, answer in sorted(answers.items()) if answer != expected}
    if wrong:
        worker, answer = next(iter(wrong.items()))
        raise ExecutorError(f"{len(wrong)} of {len(answers)} Dask workers cannot run this kg build, e.g. {worker}: "
                            f"{answer!r} (here: {expected!r}); install the same kg and model on every worker")
