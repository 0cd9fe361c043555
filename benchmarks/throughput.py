"""Throughput of chronique against the bare spaCy parse, in one run.

    .venv/bin/python benchmarks/throughput.py [-n 500] [--rounds 3] [--skip-dask]

Generates the benchmark corpus (benchmarks/corpus.py: French articles from templates written
for the project), then times, each in a fresh process and after its models are loaded:
  bare     spaCy ``nlp.pipe`` over the article texts, the model loaded as chronique loads it
           (``chronique.nlp.load_nlp``): the floor chronique cannot beat with this model;
  parse    chronique's own parse alone (``chronique.nlp.parse_many``: paragraph by paragraph,
           offsets kept, tokens folded), to separate parse overhead from coding;
  w1       chronique in one process (``Coder.code_documents``);
  w2       chronique with ``--workers 2`` (``ProcessPoolCoder``);
  dask2    chronique with ``--dask local:2`` (``DaskCoder`` on a LocalCluster);
and prints documents/s, sentences/s, words/s, the time ratio to the bare parse, the speed-up
over one worker and the peak resident memory of each worker process.

A shared or virtualised machine drifts by a fifth from one minute to the next, so the
configurations are run in interleaved rounds (``--rounds``, default 3): every ratio is taken
between runs of the same round, and the medians over rounds are reported and checked.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CONFIGS = ("bare", "parse", "w1", "w2", "dask2")


class MemoryWatch:
    """Peak RSS of this process and of each descendant, sampled every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peak[proc.pid] = max(self.peak.get(proc.pid, 0.0), rss)
            time.sleep(0.05)

    def stop(self) -> dict[int, float]:
        self._stop.set()
        self._thread.join()
        return self.peak


def _documents(path: str) -> list:
    from chronique.documents.readers import read_inputs

    return [d for d in read_inputs([path])]


def measure(config: str, corpus: str) -> dict:
    """Run one configuration in this process; returns its timings and memory."""
    from chronique.run.worker import single_thread

    single_thread()
    import psutil

    from chronique.settings import Settings

    documents = _documents(corpus)
    watch = MemoryWatch()
    out: dict = {"config": config, "documents": len(documents)}
    me = psutil.Process()

    def cpu() -> float:
        total = 0.0
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total

    if config == "parse":
        from chronique.nlp import load_nlp, parse_many

        nlp = load_nlp()
        list(parse_many(nlp, [documents[0].text]))
        cpu0, load0, start = cpu(), os.getloadavg()[0], time.perf_counter()
        out["sentences"] = sum(len(p.sentences) for p in
                               parse_many(nlp, [d.text for d in documents], 32))
        out["seconds"] = time.perf_counter() - start
    elif config == "bare":
        from chronique.nlp import load_nlp

        nlp = load_nlp()
        list(nlp.pipe([documents[0].text]))
        cpu0, load0, start = cpu(), os.getloadavg()[0], time.perf_counter()
        parsed = list(nlp.pipe([d.text for d in documents], batch_size=32))
        out["seconds"] = time.perf_counter() - start
        out["sentences"] = sum(len(list(doc.sents)) for doc in parsed)
        out["words"] = sum(1 for doc in parsed for t in doc if not t.is_punct and not t.is_space)
    else:
        from chronique.run.engine import make_engine

        settings = Settings()
        engine = make_engine(settings, workers=2 if config == "w2" else 1,
                             dask="local:2" if config == "dask2" else None)
        if hasattr(engine, "warm_up"):
            engine.warm_up()
        else:
            list(engine.code_documents(documents[:1]))
        cpu0, load0, start = cpu(), os.getloadavg()[0], time.perf_counter()
        events = sum(len(e) for _, e in engine.code_documents(documents))
        out["seconds"] = time.perf_counter() - start
        out["events"] = events
    out["cpu_seconds"] = cpu() - cpu0
    out["load_before"] = round(load0, 2)
    out["load_after"] = round(os.getloadavg()[0], 2)
    if config not in {"bare", "parse"}:
        engine.close()
    peaks = watch.stop()
    main = peaks.pop(os.getpid(), 0.0)
    big = sorted((v for v in peaks.values() if v > 300), reverse=True)  # model-holding ones
    out["main_peak_mb"] = round(main, 1)
    out["worker_peaks_mb"] = [round(v, 1) for v in big] if config in {"w2", "dask2"} \
        else [round(main, 1)]
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    return (f"{cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _run_one(config: str, corpus: Path) -> dict | None:
    proc = subprocess.run([sys.executable, __file__, "--one", config, "--corpus", str(corpus)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summarise(rounds: list[dict[str, dict]]) -> tuple[dict[str, dict], dict[str, float]]:
    """The median run of each configuration, and the median over rounds of each ratio the
    acceptance checks (each ratio taken within one round, between runs minutes apart)."""
    configs = [c for c in CONFIGS if c in rounds[0]]
    medians: dict[str, dict] = {}
    for config in configs:
        runs = sorted((r[config] for r in rounds), key=lambda r: r["seconds"])
        chosen = dict(runs[len(runs) // 2])
        chosen["seconds"] = _median([r["seconds"] for r in runs])
        chosen["cpu_seconds"] = _median([r["cpu_seconds"] for r in runs])
        chosen["spread"] = (runs[0]["seconds"], runs[-1]["seconds"])
        chosen["worker_peaks_mb"] = max((r["worker_peaks_mb"] for r in runs),
                                        key=lambda peaks: max(peaks))
        medians[config] = chosen
    ratios = {"w1/bare": _median([r["w1"]["seconds"] / r["bare"]["seconds"] for r in rounds]),
              "w1/w2": _median([r["w1"]["seconds"] / r["w2"]["seconds"] for r in rounds])}
    if "dask2" in configs:
        ratios["dask2/w2"] = _median([r["dask2"]["seconds"] / r["w2"]["seconds"]
                                      for r in rounds])
    return medians, ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=500, help="articles (default 500)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of every configuration, interleaved (default 3)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--one", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.corpus)))
        return 0
    from corpus import generate

    folder = Path(tempfile.mkdtemp(prefix="chronique-bench-"))
    corpus = folder / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as stream:
        for record in generate(args.n):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    configs = [c for c in CONFIGS if not (c == "dask2" and args.skip_dask)]
    rounds: list[dict[str, dict]] = []
    for number in range(1, max(1, args.rounds) + 1):
        this: dict[str, dict] = {}
        for config in configs:
            result = _run_one(config, corpus)
            if result is None:
                return 1
            this[config] = result
            print(f"  round {number}, {config}: {result['seconds']:.1f} s", file=sys.stderr)
        rounds.append(this)
    results, ratios = summarise(rounds)
    bare = results["bare"]
    sentences, words, n = bare["sentences"], bare["words"], bare["documents"]
    print(f"machine: {machine()}")
    print(f"corpus: {n} articles, {sentences} sentences, {words} words (generated, seed 2024)")
    print(f"rounds: {len(rounds)}, configurations interleaved; medians, with the fastest and "
          "slowest run")
    print(f"{'run':6} {'wall s':>7} {'range s':>11} {'cpu s':>7} {'docs/s':>7} {'sents/s':>8} "
          f"{'words/s':>8} {'x bare':>7} {'cpu x bare':>10} {'events':>6}  peak MB per worker")
    for config, r in results.items():
        s = r["seconds"]
        low, high = r["spread"]
        print(f"{config:6} {s:7.1f} {low:5.1f}-{high:<5.1f} {r['cpu_seconds']:7.1f} "
              f"{n / s:7.1f} {sentences / s:8.1f} {words / s:8.0f} {s / bare['seconds']:7.2f} "
              f"{r['cpu_seconds'] / bare['cpu_seconds']:10.2f} {r.get('events', ''):>6}  "
              f"{', '.join(f'{m:.0f}' for m in r['worker_peaks_mb'])}")
    print("ratios (median over rounds, each within one round): "
          + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
    checks = [(f"1 worker <= 1.3 x bare parse ({ratios['w1/bare']:.2f})",
               ratios["w1/bare"] <= 1.3),
              (f"2 workers >= 1.7 x faster than 1 ({ratios['w1/w2']:.2f})",
               ratios["w1/w2"] >= 1.7)]
    if "dask2/w2" in ratios:
        checks.append((f"dask local:2 within 15% of --workers 2 "
                       f"({100 * (ratios['dask2/w2'] - 1):+.0f}%)", ratios["dask2/w2"] <= 1.15))
    peak = max(m for r in results.values() for m in r["worker_peaks_mb"])
    checks.append((f"peak memory per worker <= 1.2 GB ({peak:.0f} MB)", peak <= 1200))
    for name, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "rounds": rounds,
                                               "medians": results, "ratios": ratios},
                                              indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
