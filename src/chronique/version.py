"""The version of chronique (one place; the package front and every module read it here)."""

__version__ = "0.1.0"
