"""Where a local Dask cluster spends more than ``--workers 2``: the same batches through both
engines, timed inside the workers.

    .venv/bin/python benchmarks/dask_overhead.py [-n 300] [--rounds 2]

For each engine (after ``warm_up``) prints the wall time, the CPU time of the main process
(for Dask: the scheduler, the client and the nannies) and, per worker, the time spent in
batches, their CPU time, minor page faults and involuntary context switches (a worker
pushed off its core by another process).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def timed_batch(settings, documents: list) -> tuple[dict, int]:
    """``code_batch`` with its timings, measured on the worker thread that runs it."""
    from chronique.run.worker import code_batch

    start, before = time.time(), resource.getrusage(resource.RUSAGE_THREAD)
    events = sum(len(e) for _, e in code_batch(settings, documents))
    after = resource.getrusage(resource.RUSAGE_THREAD)
    return {"pid": os.getpid(), "start": start, "end": time.time(),
            "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "faults": after.ru_minflt - before.ru_minflt,
            "preempted": after.ru_nivcsw - before.ru_nivcsw}, events


def run(engine_name: str, documents: list) -> dict:
    from chronique.run.chunks import chunked, ordered_window
    from chronique.settings import Settings

    settings = Settings()
    if engine_name == "workers2":
        from chronique.run.pool import ProcessPoolCoder

        engine = ProcessPoolCoder(settings, 2)
        submit = lambda chunk: engine._pool.apply_async(timed_batch, (settings, chunk))  # noqa: E731
        result = lambda handle: handle.get()  # noqa: E731
    else:
        from chronique.run.dask import DaskCoder

        engine = DaskCoder(settings, "local:2")
        submit = lambda chunk: engine.client.submit(timed_batch, settings, chunk,  # noqa: E731
                                                    pure=False)
        result = lambda future: future.result()  # noqa: E731
    engine.warm_up()
    start, cpu = time.time(), time.process_time()
    timings = [r for _, r in ordered_window(chunked(documents, settings.batch_size), submit,
                                            result, 2 * engine.workers)]
    out = {"engine": engine_name, "wall": time.time() - start,
           "main_cpu": time.process_time() - cpu,
           "events": sum(events for _, events in timings), "workers": {}}
    engine.close()
    for timing, _ in timings:
        w = out["workers"].setdefault(timing["pid"], {"busy": 0.0, "cpu": 0.0, "faults": 0,
                                                      "preempted": 0, "batches": 0})
        w["busy"] += timing["end"] - timing["start"]
        w["cpu"] += timing["cpu"]
        w["faults"] += timing["faults"]
        w["preempted"] += timing["preempted"]
        w["batches"] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from chronique.documents.readers import make_document
    from chronique.run.worker import single_thread
    from corpus import generate

    single_thread()
    documents = [make_document(r["id"], r["text"], published=r["published"], url=r["url"],
                               title=r["title"], lang=r["lang"]) for r in generate(args.n)]
    for _ in range(args.rounds):
        for name in ("workers2", "dask2"):
            r = run(name, documents)
            print(f"{name:9} wall {r['wall']:5.2f} s  main process cpu {r['main_cpu']:4.2f} s  "
                  f"events {r['events']}")
            for pid, w in sorted(r["workers"].items()):
                print(f"   worker {pid}: {w['batches']} batches, busy {w['busy']:5.2f} s, "
                      f"cpu {w['cpu']:5.2f} s, {w['faults']} page faults, "
                      f"{w['preempted']} preemptions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
