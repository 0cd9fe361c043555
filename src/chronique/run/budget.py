"""A time budget for coding: work that runs past it is stopped with ``DocumentTimeout``.

``time_budget(seconds)`` raises ``DocumentTimeout`` in the thread that entered it once
``seconds`` have passed (a timer thread sets an asynchronous exception, so it works in a
worker process's main thread and in a Dask worker's task threads alike). The exception
lands between two Python instructions: spaCy parses one paragraph (a bounded piece of
text, ``nlp.py``) in C before Python runs again, so a budget is kept to within about the
time of one paragraph.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from chronique.errors import DocumentTimeout


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in a thread at its next instruction (None: cancel a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


class _Alarm:
    """Raises ``DocumentTimeout`` in one thread when it fires, unless disarmed first."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.lock = threading.Lock()
        self.armed = True
        self.fired = False

    def fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _set_async_exc(self.thread_id, DocumentTimeout)

    def disarm(self) -> bool:
        """Stop the alarm; True when it had fired (its exception may still be pending)."""
        with self.lock:
            self.armed = False
            return self.fired


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` (None or 0: no limit); past it, the block is
    interrupted and ``DocumentTimeout(seconds)`` raised."""
    if not seconds or seconds <= 0:
        yield
        return
    alarm = _Alarm(threading.get_ident())
    timer = threading.Timer(seconds, alarm.fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DocumentTimeout:
        alarm.disarm()
        raise DocumentTimeout(seconds) from None
    finally:
        timer.cancel()
        if alarm.disarm():
            _set_async_exc(alarm.thread_id, None)  # clear it if it has not landed yet
    if alarm.fired:  # it fired as the block ended: the block did not finish within budget
        raise DocumentTimeout(seconds)
