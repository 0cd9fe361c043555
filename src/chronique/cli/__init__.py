"""The command line (``chronique``): ``main.py`` parses the arguments and dispatches;
``code.py`` runs ``chronique code`` (engine, outputs, store, progress); ``corpus.py`` the
store commands (``export``, ``stats``, ``eval-clusters``); ``progress.py`` the progress bar.
The library never prints: this package does."""

from chronique.cli.main import main

__all__ = ["main"]
