"""Every error answer is ``{"error": "..."}`` (422 for malformed JSON and bad parameters)."""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("chronique.web")


def validation_message(error: dict) -> str:
    """One line for one pydantic validation error."""
    loc = [str(p) for p in error.get("loc", ()) if p != "body"]
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "invalid JSON")
        where = f" at character {loc[-1]}" if loc and loc[-1].isdigit() else ""
        return f"malformed JSON{where}: {reason}"
    if error.get("type") == "missing" and not loc:
        return "missing JSON body"
    if error.get("type") == "string_unicode":
        return (f"{'.'.join(loc) or 'body'}: invalid Unicode (a lone surrogate such as "
                "\\ud800, which no text can hold)")
    return f"{'.'.join(loc) or 'body'}: {error.get('msg')}"


async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    detail = [{"loc": [str(p) for p in e.get("loc", ()) if p != "body"], "type": e.get("type"),
               "msg": e.get("msg")} for e in errors]
    return JSONResponse({"error": "; ".join(validation_message(e) for e in errors),
                         "detail": detail}, status_code=422)


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = "not found"
    return JSONResponse({"error": message}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def crashed(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error")
    return JSONResponse({"error": "internal error"}, status_code=500)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crashed)
