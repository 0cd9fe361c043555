"""Output formats: what ``chronique code`` writes as it codes (``writers.py``: JSON Lines,
CSV, readable; ``parquet.py``: a Parquet dataset) and what ``chronique export`` writes from a
corpus store (``store.py``, with ``plover.py`` and ``gdelt.py``); ``plot.py`` draws the
series of ``chronique stats --plot``."""

from chronique.exports.writers import CSV_COLUMNS, flat_row, json_line, make_writer

__all__ = ["CSV_COLUMNS", "flat_row", "json_line", "make_writer"]
