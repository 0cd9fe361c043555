"""The web dashboard and REST API (``chronique serve``).

- ``app.py``: the application factory (``create_app``) and ``serve`` for the command line;
- ``views/``: the pages and endpoints (pages and static files, health, coding, corpus);
- ``state.py``: what the application holds, and calls to the coder and the corpus off the
  event loop; ``models.py``: request and response models; ``params.py``: query parameters
  into the store's ``Filters``; ``errors.py``: ``{"error": ...}`` answers;
  ``downloads.py``: safe CSV;
- ``annotate.py``: the mentions to highlight in a text (actors, triggers, dates, places),
  from ``Coder.explain``;
- ``limits.py``: request size, text length and time limits, security headers;
- ``static/`` and ``templates/``: the pages, scripts and styles, all served by chronique itself.

The corpus itself is read by the store (``chronique.store.view.CorpusView``): the web has no
SQL of its own.
"""
