"""Playing a simulation's batches on this machine's cores or on a Dask cluster.

A batch is plain data and `play_batch` a plain function, so a worker needs
nothing but tabletop installed. Batches come back in whatever order they
finish; `simulate` puts them back in order, so the summary is byte for byte
the one a single core gives.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from tabletop.bots.base import Style
from tabletop.simulation import Batch, Here, RunResult, Spread, play_batch

CLUSTER_EXTRA = "pip install 'tabletop[cluster]'"


class SpreadError(Exception):
    """The workers cannot be had: no Dask installed, or no scheduler at the address."""


def cores() -> int:
    """The cores this process may run on (not all the machine has, under a CPU limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform can say
        return os.cpu_count() or 1


def on_cores(jobs: int) -> Spread:
    """A pool of `jobs` processes, or this process alone for one job."""
    return Here() if jobs == 1 else Cores(jobs)


class Cores:
    """A pool of worker processes on this machine, started for one simulation."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs

    def play(self, batches: Sequence[Batch]) -> Iterator[tuple[int, list[RunResult]]]:
        # forkserver: workers fork from a clean process that has imported the
        # simulation once, instead of copying this one's threads and state.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["tabletop.simulation"])
        workers = min(self.workers, len(batches))
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
        try:
            pending = {pool.submit(play_in_worker, batch): i for i, batch in enumerate(batches)}
            for future in as_completed(pending):
                yield pending[future], future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


_worker = threading.local()


def play_in_worker(batch: Batch) -> list[RunResult]:
    """Play a batch with the search this worker thread's earlier batches warmed, as `Here` does.

    A search only remembers answers, the same whatever it held before, so
    sharing it changes no result; a fresh one for each batch worked every
    answer out again, which cost a third of what a second core brings.
    """
    style: Style | None = getattr(_worker, "style", None)
    if style is None:
        style = _worker.style = Style()
    return play_batch(batch, style)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; only the parent answers it, by stopping the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Cluster:
    """The workers of a Dask distributed cluster, reached through its scheduler."""

    def __init__(self, address: str, timeout: float = 10) -> None:
        try:
            from distributed import Client
            from distributed.comm.addressing import resolve_address
        except ImportError:
            raise SpreadError(f"--cluster needs Dask distributed: {CLUSTER_EXTRA}") from None
        try:
            # A malformed address is refused before a client exists: a client
            # that never connected still tries to close when collected.
            resolve_address(address)
            self._client: Any = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SpreadError(f"cannot reach a Dask scheduler at {address}: {error}") from None
        threads = self._client.nthreads()
        if not threads:
            self._client.close()
            raise SpreadError(f"the Dask scheduler at {address} has no workers")
        self.workers = sum(threads.values())

    def play(self, batches: Sequence[Batch]) -> Iterator[tuple[int, list[RunResult]]]:
        from distributed import as_completed as finished

        futures: list[Any] = self._client.map(play_in_worker, batches, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        try:
            for future, results in finished(futures, self._client.loop, with_results=True):
                yield index[future.key], results
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        self._client.close()
