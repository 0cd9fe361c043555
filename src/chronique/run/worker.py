"""What runs inside a worker process: one coder per process (model and lexicon loaded once),
coding a batch of documents through ``nlp.pipe``."""

from __future__ import annotations

import os
from typing import Any

from chronique.settings import Settings

_CODERS: dict[Settings, Any] = {}
#: one BLAS/OpenMP thread per worker: parallelism comes from processes, not threads
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                     "MKL_NUM_THREADS": "1"}


def single_thread() -> None:
    for key, value in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(key, value)


def coder_for(settings: Settings) -> Any:
    """The process's coder for these settings, built on first use."""
    coder = _CODERS.get(settings)
    if coder is None:
        from chronique.pipeline import Coder

        coder = _CODERS[settings] = Coder(settings)
    return coder


def init_worker(settings: Settings) -> None:
    """Pool initializer: load the models before the first batch arrives."""
    single_thread()
    coder_for(settings)


def code_batch(settings: Settings, documents: list) -> list[tuple[Any, list]]:
    """Code a batch of documents; returns ``(document, events)`` pairs in order. The batch has
    the time budget of one document (``settings.time_limit``): past it, ``DocumentTimeout``
    is raised and the caller (``guarded``) codes its documents one by one, each with that
    budget, reporting the one that runs past it."""
    from chronique.run.budget import time_budget

    coder = coder_for(settings)
    with time_budget(settings.time_limit):
        return [(document, events) for document, events in coder.code_documents(documents)]


#: coded once by every worker before a run (``warm_up``): a short dispatch of our own
WARM_UP_TEXT = ("Le ministre malien des Affaires étrangères a rencontré lundi à Dakar son "
                "homologue sénégalais, qui a promis une aide de deux millions d'euros.")


def warm_up(settings: Settings, hold: float = 0.0) -> int:
    """Code a short text in this worker, on the thread that codes its batches: the models,
    the lazy loads (dates, places) and the thread's own buffers are ready before the first
    batch. Holds the worker ``hold`` seconds more (so that a pool's tasks reach every
    worker); returns its process id."""
    import time

    from chronique.documents.readers import make_document

    coder = coder_for(settings)
    list(coder.code_documents([make_document("warm-up", WARM_UP_TEXT,
                                             published="2020-01-06")]))
    time.sleep(hold)
    return os.getpid()
