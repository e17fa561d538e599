"""Where the key and compare stages run: in this process, in worker processes, or on a Dask cluster.

An engine maps a task over chunks of work and gives the results back in chunk order, so every
engine yields the same clusters, ids and bytes. A task is a module-level function of (shared,
chunk): `shared` is what every chunk needs (rules, parsed names), sent to each worker once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from namefold.errors import NamefoldError

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")
Task = Callable[[Any, Chunk], Result]


class Engine(Protocol):
    """Runs task(shared, chunk) for each chunk, results in chunk order."""

    workers: int

    def map(self, task: Task[Chunk, Result], shared: Any, chunks: Sequence[Chunk]) -> Iterator[Result]: ...


def chunked(items: Sequence[Chunk], size: int) -> list[Sequence[Chunk]]:
    """Consecutive slices of at most `size` items."""
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalEngine:
    """This machine: the calling process for one job, a pool of worker processes for more."""

    def __init__(self, jobs: int = 1) -> None:
        if jobs < 1:
            raise NamefoldError(f"--jobs must be at least 1, not {jobs}")
        self.workers = jobs

    def map(self, task: Task[Chunk, Result], shared: Any, chunks: Sequence[Chunk]) -> Iterator[Result]:
        if self.workers == 1 or len(chunks) < 2:
            for chunk in chunks:
                yield task(shared, chunk)
            return
        # fork hands `shared` to the workers without pickling it; other platforms pickle it once each.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(
            max_workers=min(self.workers, len(chunks)),
            mp_context=multiprocessing.get_context(method),
            initializer=_receive,
            initargs=(shared,),
        ) as pool:
            yield from pool.map(_run, [task] * len(chunks), chunks)


_shared: Any = None  # what the current pool's tasks share, set once in each worker process


def _receive(shared: Any) -> None:
    global _shared
    _shared = shared


def _run(task: Task[Chunk, Result], chunk: Chunk) -> Result:
    return task(_shared, chunk)


class DaskEngine:
    """A Dask cluster: a LocalCluster of `jobs` worker processes, or the scheduler at `address`."""

    def __init__(self, address: str | None = None, jobs: int = 1) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise NamefoldError("the dask engine needs Dask: pip install 'namefold[dask]'") from None
        if address:
            try:
                self._client = Client(address, timeout="10s")
            except (OSError, ValueError) as error:  # unreachable, or not an address (no port)
                raise NamefoldError(f"cannot reach the Dask scheduler at {address}: {error}") from None
            self._cluster = None
        else:
            self._cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def map(self, task: Task[Chunk, Result], shared: Any, chunks: Sequence[Chunk]) -> Iterator[Result]:
        if not chunks:
            return
        on_workers = self._client.scatter(shared, broadcast=True, hash=False)
        futures = self._client.map(task, [on_workers] * len(chunks), list(chunks), pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            self._client.cancel([*futures, on_workers])

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
