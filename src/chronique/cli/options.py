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


def settings_of(lexicons: list[str], *, model: str | None = None, rules_only: bool = False,
                batch_size: int | None = None) -> Settings:
    """The coder's settings from the command line (usage errors for a missing folder)."""
    for folder in lexicons:
        if not Path(folder).is_dir():
            raise ChroniqueError(f"--lexicon {folder}: not a folder")
    if model and not (Path(model) / "triggers" / "model.json").is_file():
        raise ChroniqueError(f"--model {model}: no trained model there (expected "
                             "triggers/model.json; make one with `chronique train`)")
    settings = Settings(lexicons=tuple(Path(f) for f in lexicons),
                        trigger_model=Path(model) if model else None,
                        rules_only=rules_only)
    return replace(settings, batch_size=batch_size) if batch_size else settings


def settings_of_args(args: argparse.Namespace, batch_size: int | None = None) -> Settings:
    """``settings_of`` the ``--lexicon``, ``--model`` and ``--rules-only`` of a command."""
    return settings_of(args.lexicon, model=getattr(args, "model", None),
                       rules_only=bool(getattr(args, "rules_only", False)),
                       batch_size=batch_size)


def coder_of(settings: Settings) -> Any:
    from chronique.pipeline import Coder

    return Coder(settings)
