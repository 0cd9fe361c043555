"""What the REST API accepts and answers (pydantic models, shown in the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chronique.dates import date_problem

PUBLISHED_PATTERN = r"^(\d{4}|X{4})-(\d{2}|XX)(-(\d{2}|XX))?$"


class CodeRequest(BaseModel):
    """A text to code."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "text": "Le Mali et le Niger ont signé mardi un accord de défense.",
        "published": "2024-03-14"}]})

    text: str = Field(description="the article, plain text (French)")
    published: str | None = Field(None, pattern=PUBLISHED_PATTERN,
                                  description="publication date YYYY-MM-DD (X for unknown "
                                              "parts); anchors relative dates")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$",
                             description="'fr' codes the text whatever language it seems to "
                                         "be in; absent: texts detected as another language "
                                         "are refused (422)")
    doc_id: str | None = Field(None, max_length=200, description="id put in the records")

    @field_validator("published")
    @classmethod
    def _calendar_date(cls, value: str | None) -> str | None:
        why = date_problem(value) if value is not None else None
        if why:
            raise ValueError(why)
        return value


class MentionOut(BaseModel):
    """A highlighted span: an actor, an event trigger, a date or a place."""

    model_config = ConfigDict(extra="allow")
    kind: Literal["actor", "trigger", "date", "place"]
    start: int = Field(description="offset in the text, in Unicode code points")
    end: int
    text: str
    events: list[dict[str, Any]] = Field(description="[{index, role}]: the events (indexes "
                                                     "into `events`) and the mention's role")


class CodeResponse(BaseModel):
    doc_id: str
    text: str
    published: str | None
    published_source: str | None
    lang: str | None
    events: list[dict[str, Any]] = Field(description="event records (docs/event-record.md)")
    mentions: list[MentionOut]
    notes: list[str] = Field(default_factory=list,
                             description="what was repaired in the text (lone surrogates)")
    elapsed_ms: float


class EventsPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    events: list[dict[str, Any]]


class ErrorOut(BaseModel):
    error: str


ERRORS = {413: {"model": ErrorOut, "description": "request body or text too long"},
          422: {"model": ErrorOut, "description": "malformed JSON or invalid parameters"},
          504: {"model": ErrorOut, "description": "past the time limit"}}
CORPUS_ERRORS = {404: {"model": ErrorOut, "description": "no corpus loaded / no such document"},
                 422: ERRORS[422], 504: ERRORS[504]}
