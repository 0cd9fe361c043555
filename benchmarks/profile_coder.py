"""Profile chronique in one process on the benchmark corpus (pyinstrument, a development
tool: ``pip install pyinstrument``), to see where the time beyond the spaCy parse goes.

    .venv/bin/python benchmarks/profile_coder.py [-n 200] [--html profile.html]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--html", metavar="FILE")
    args = parser.parse_args()
    from pyinstrument import Profiler

    from chronique.documents.readers import make_document
    from chronique.pipeline import Coder
    from chronique.run.worker import single_thread
    from corpus import generate

    single_thread()
    documents = [make_document(r["id"], r["text"], published=r["published"], url=r["url"],
                               title=r["title"], lang=r["lang"]) for r in generate(args.n)]
    coder = Coder()
    list(coder.code_documents(documents[:2]))
    profiler = Profiler(interval=0.002)
    profiler.start()
    for _ in coder.code_documents(documents):
        pass
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
