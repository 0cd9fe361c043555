"""Reading documents and their metadata."""

from chronique.documents.readers import Document, Problem, read_inputs

__all__ = ["Document", "Problem", "read_inputs"]
