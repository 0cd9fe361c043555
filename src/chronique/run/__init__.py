"""Running the coder over inputs: a run (``runner.py``: read, screen, code, summarise),
coding that survives its documents (``guarded.py``, with the time budget of ``budget.py``),
and the engines that code, all with the same output and order: one process (``local.py``),
N worker processes (``pool.py``, ``worker.py``) or a Dask cluster (``dask.py``), chosen by
``engine.make_engine``."""

from chronique.run.chunks import chunked
from chronique.run.engine import make_engine
from chronique.run.runner import Summary, run, screen

__all__ = ["Summary", "chunked", "make_engine", "run", "screen"]
