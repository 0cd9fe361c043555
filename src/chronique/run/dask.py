"""Code documents on a Dask cluster (``--dask local[:N]`` or ``--dask tcp://HOST:PORT``).

Each Dask worker process keeps one coder (models loaded once, on its first batch); batches
are submitted ahead in a bounded window and gathered in input order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from chronique.documents.readers import Document
from chronique.errors import ChroniqueError
from chronique.record import Event
from chronique.run.chunks import chunked, ordered_window
from chronique.run.worker import SINGLE_THREAD_ENV, code_batch
from chronique.settings import Settings


def parse_address(address: str) -> tuple[str, int | None]:
    """``local`` / ``local:N`` -> ("local", N or None); anything else is a scheduler address."""
    if address == "local" or address.startswith("local:"):
        _, _, n = address.partition(":")
        if n and not n.isdigit():
            raise ChroniqueError(f"--dask {address}: expected local or local:N")
        return "local", int(n) if n else None
    if "://" not in address:
        raise ChroniqueError(f"--dask {address}: expected local[:N] or tcp://HOST:PORT")
    return address, None


def tune_local_workers() -> None:
    """Dask settings for a local cluster, whose scheduler, nannies and workers share the
    machine's cores with the coding itself (measured with benchmarks/throughput.py and
    benchmarks/dask_overhead.py on a 2-core machine):

    - no ``MALLOC_TRIM_THRESHOLD_=65536`` in the workers' environment (Dask sets it to give
      memory back to the system sooner; spaCy allocates and frees many small arrays, and
      trimming that often cost a fifth of the run: 300 articles, 6.8 s -> 5.0 s);
    - the workers' BLAS pinned to one thread before they start (``pre-spawn-environ``);
    - no statistical profiler in the workers (it samples the deep stacks of the parser every
      10 ms);
    - the event-loop tick, system monitor and memory monitor at 0.5 s, 2 s and 1 s instead
      of 20 ms, 0.5 s and 0.1 s: the defaults keep the main process (scheduler, client and
      nannies) at about a tenth of a core, taken from the workers.

    A cluster started elsewhere is configured where it is started (docs/scale.md)."""
    import dask
    import distributed  # noqa: F401  (loads the distributed configuration)

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    environ.update(SINGLE_THREAD_ENV)
    dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                     "distributed.worker.profile.enabled": False,
                     "distributed.admin.tick.interval": "500ms",
                     "distributed.admin.system-monitor.interval": "2s",
                     "distributed.worker.memory.monitor-interval": "1s"})


class DaskCoder:
    """``code_documents`` on a Dask cluster: a local one it starts, or an existing one."""

    def __init__(self, settings: Settings, address: str, *, window: int | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self.settings = settings
        target, n = parse_address(address)
        self._cluster = None
        if target == "local":
            import os

            n = n or os.cpu_count() or 1
            tune_local_workers()
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self._cluster)
        else:
            self.client = Client(target, timeout="30s")
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.workers = workers
        self.window = window or 2 * workers

    def code_documents(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, list[Event]]]:
        client = self.client
        for _chunk, pairs in ordered_window(
                chunked(documents, self.settings.batch_size),
                lambda chunk: client.submit(code_batch, self.settings, chunk, pure=False),
                lambda future: future.result(), self.window):
            yield from pairs

    def warm_up(self) -> int:
        """Load the models and code a short text on every worker now, as a task (tasks run
        on a worker's own thread, which has buffers of its own to grow); returns the number
        of workers."""
        from chronique.run.worker import warm_up

        workers = list(self.client.scheduler_info().get("workers", {}))
        futures = [self.client.submit(warm_up, self.settings, workers=[address],
                                      allow_other_workers=False, pure=False)
                   for address in workers]
        self.client.gather(futures)
        return len(workers)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    terminate = close
