"""Choose the engine of a run: the coder itself, a process pool or a Dask cluster. Every
engine has the ``Coder.code_documents`` interface, and ``close`` and ``terminate``."""

from __future__ import annotations

from typing import Any

from chronique.settings import Settings


def make_engine(settings: Settings, *, workers: int = 1, dask: str | None = None) -> Any:
    """An object with ``code_documents`` and ``close``: Dask when ``dask`` is given, else
    ``workers`` processes (in-process when 1)."""
    if dask:
        from chronique.run.dask import DaskCoder

        return DaskCoder(settings, dask)
    if workers > 1:
        from chronique.run.pool import ProcessPoolCoder

        return ProcessPoolCoder(settings, workers)
    from chronique.run.local import LocalEngine

    return LocalEngine(settings)
