"""Gold corpora to learn from: the writer files of ``corpus/fr`` (a brief on the first line,
then gold records) and any gold JSONL in the format of ``chronique eval``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def gold_records(paths: list[Path]) -> Iterator[dict]:
    """Every gold record with a text, from files or folders of ``*.jsonl``."""
    for path in paths:
        files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            with file.open(encoding="utf-8") as fh:
                for number, line in enumerate(fh, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{file}:{number}: not JSON ({exc.msg})") from None
                    if "brief" in record and "text" not in record:
                        continue  # a writer's brief
                    if not isinstance(record.get("text"), str):
                        raise ValueError(f"{file}:{number}: a gold record needs its text")
                    yield record


def trigger_spans(record: dict) -> list[tuple[int, int, str | None, dict]]:
    """(start, end, type, event) of each gold trigger in the record's text; type None for
    an optional event (neither taught as an event nor as a non-event)."""
    text = record["text"]
    out = []
    for key in ("events", "optional"):
        for event in record.get(key) or []:
            words = event.get("trigger")
            if isinstance(words, dict):
                words = words.get("text")
            if not words:
                continue
            start = text.find(words)
            if start < 0:
                continue
            out.append((start, start + len(words), event["event_type"] if key == "events"
                        else None, event))
    return out


CORPUS_ROOT = Path(__file__).resolve().parents[3] / "corpus" / "fr"


def split(name: str, root: Path = CORPUS_ROOT) -> list[Path]:
    """The files of one split of the training corpus (``corpus/fr/splits.yaml``); empty when
    the corpus is not there (an installed package without the repository)."""
    import yaml

    index = root / "splits.yaml"
    if not index.is_file():
        return []
    files = yaml.safe_load(index.read_text(encoding="utf-8")).get(name) or []
    return [root / f for f in files if (root / f).is_file()]


SHIPPED_CORPUS = split("train")
