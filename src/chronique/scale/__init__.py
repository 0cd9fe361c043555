"""Scale-out: code documents over worker processes or a Dask cluster, with the same output
and order as one process. Every engine has the ``Coder.code_documents`` interface."""

from chronique.scale.chunks import chunked
from chronique.scale.engine import make_engine

__all__ = ["chunked", "make_engine"]
