"""The web dashboard and REST API (``chronique serve``).

- ``app.py``: the FastAPI application (``create_app``) and ``serve`` for the command line;
- ``corpus.py``: a read-only view of a corpus DuckDB file (filters, pages, statistics);
- ``annotate.py``: the mentions to highlight in a text (actors, triggers, dates, places);
- ``limits.py``: request size, text length and time limits, security headers;
- ``static/`` and ``templates/``: the pages, scripts and styles, all served by chronique itself.
"""
