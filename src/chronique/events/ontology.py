"""PLOVER types and modes mapped to CAMEO codes, quad classes and Goldstein scores.

Reads ``data/ontology/plover.yaml`` (types, modes, the CAMEO code of each type and mode, from
the PLOVER manual's CAMEO-to-PLOVER table) and ``data/ontology/cameo.tsv`` (Goldstein scores
from the CAMEO Goldstein scale as published with GDELT). ``quad_class`` is PLOVER's: it differs
from CAMEO's only for CONCEDE (PLOVER: verbal cooperation; CAMEO root 08: material).
"""

from __future__ import annotations

from dataclasses import dataclass

from chronique.lexicon import Lexicon

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Coding:
    cameo: str | None
    quad_class: int | None
    goldstein: float | None


class Ontology:
    """Look up the CAMEO code, quad class and Goldstein score of a PLOVER type and mode."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.types = (lexicon.ontology or {}).get("types", {})
        self.goldstein = {}
        for row in lexicon.cameo:
            if row["goldstein"]:
                self.goldstein[row["cameo"]] = float(row["goldstein"])

    def modes(self, event_type: str) -> list[str]:
        return list(self.types.get(event_type, {}).get("modes") or [])

    def code(self, event_type: str, mode: str | None) -> Coding:
        info = self.types.get(event_type, {})
        cameo = (info.get("mode_cameo") or {}).get(mode) if mode else None
        cameo = str(cameo or info.get("default_cameo") or "") or None
        quad = info.get("quad_class")
        return Coding(cameo, int(quad) if quad else None, self.goldstein.get(cameo or ""))
