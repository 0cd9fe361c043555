"""The application's views, one module per part: HTML pages and files (``pages``), the
service's health (``service``), coding a text (``coding``), browsing the corpus (``corpus``).
Each module lists its routes in a ``Routes``; ``create_app`` adds them to the application."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI


class Routes:
    """Routes declared with decorators where the views are written, added to an application
    later (as ``app.add_api_route``: every route is the application's own)."""

    def __init__(self, **defaults: Any) -> None:
        self.defaults = defaults
        self.entries: list[tuple[str, Callable[..., Any], dict[str, Any]]] = []

    def add(self, path: str, endpoint: Callable[..., Any], methods: list[str],
            **options: Any) -> None:
        self.entries.append((path, endpoint, {**self.defaults, **options, "methods": methods}))

    def get(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._decorator(path, ["GET"], options)

    def post(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._decorator(path, ["POST"], options)

    def _decorator(self, path: str, methods: list[str],
                   options: dict[str, Any]) -> Callable[[Callable], Callable]:
        def register(endpoint: Callable) -> Callable:
            self.add(path, endpoint, methods, **options)
            return endpoint
        return register

    def add_to(self, app: FastAPI) -> None:
        for path, endpoint, options in self.entries:
            app.add_api_route(path, endpoint, **options)
