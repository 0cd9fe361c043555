"""The coder's old front: ``from chronique.pipeline import Coder`` keeps working.

The coder is ``chronique.coding`` (one module per stage, ``coding/coder.py`` wires them).
"""

from chronique.coding.coder import Coder
from chronique.coding.explain import resolve_mention
from chronique.coding.invented import place_country

__all__ = ["Coder", "place_country", "resolve_mention"]
