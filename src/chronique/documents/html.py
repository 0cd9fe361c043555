"""Main text and metadata of a web page (trafilatura)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    url: str | None


def extract_page(html: str) -> Page:
    """The main text of an HTML page, its title, date and canonical URL when it states them."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    return Page(text, getattr(meta, "title", None) if meta else None,
                getattr(meta, "date", None) if meta else None,
                getattr(meta, "url", None) if meta else None)
