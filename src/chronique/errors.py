"""Errors the library raises; the CLI turns them into messages and exit codes."""


class ChroniqueError(Exception):
    """Base class of every error chronique raises on purpose."""


class InputError(ChroniqueError):
    """An input cannot be read or coded; the message names the input and the reason."""


class DataFileError(ChroniqueError):
    """A data file (shipped or user lexicon) is malformed; the message names file and line."""


class DocumentTimeout(ChroniqueError):
    """Coding a document (or a batch) ran past its time budget (``chronique.run.budget``)."""


class StoreLocked(ChroniqueError):
    """The corpus store is open for writing in another process."""
