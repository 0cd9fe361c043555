"""Options several commands share: the trigger model (``--model``/``--rules-only``), user
lexicons, and the coder's settings they make."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from chronique.errors import ChroniqueError
from chronique.settings import Settings


def model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", metavar="DIR", help="a trigger model from `chronique train` "
                       "(default: the model shipped in the package)")
    group.add_argument("--rules-only", action="store_true",
                       help="code with the rule lexicon alone, no trained model")
    parser.add_argument("--min-confidence", type=float, metavar="P",
                        help="write only events whose calibrated confidence is at least P "
                        "(default: data/coder.yaml emit.min_confidence, 0.3; 0 writes all)")


def settings_of(lexicons: list[str], *, model: str | None = None, rules_only: bool = False,
                batch_size: int | None = None, min_confidence: float | None = None) -> Settings:
    """The coder's settings from the command line (usage errors for a missing folder)."""
    for folder in lexicons:
        if not Path(folder).is_dir():
            raise ChroniqueError(f"--lexicon {folder}: not a folder")
    if model and not (Path(model) / "triggers" / "model.json").is_file():
        raise ChroniqueError(f"--model {model}: no trained model there (expected "
                             "triggers/model.json; make one with `chronique train`)")
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise ChroniqueError(f"--min-confidence {min_confidence}: expected a number from 0 to 1")
    settings = Settings(lexicons=tuple(Path(f) for f in lexicons),
                        trigger_model=Path(model) if model else None,
                        rules_only=rules_only, min_confidence=min_confidence)
    return replace(settings, batch_size=batch_size) if batch_size else settings


def settings_of_args(args: argparse.Namespace, batch_size: int | None = None) -> Settings:
    """``settings_of`` the ``--lexicon``, ``--model``, ``--rules-only`` and
    ``--min-confidence`` of a command."""
    return settings_of(args.lexicon, model=getattr(args, "model", None),
                       rules_only=bool(getattr(args, "rules_only", False)),
                       batch_size=batch_size,
                       min_confidence=getattr(args, "min_confidence", None))


def coder_of(settings: Settings) -> Any:
    from chronique.pipeline import Coder

    return Coder(settings)
