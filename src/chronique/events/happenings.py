"""One event per happening: the reports of one happening in a document become one record.

A headline reports again the act its article tells ("La Cédéao suspend le Mali" / "La
Cédéao a suspendu mardi le Mali de ses instances"). A headline event and a body event are one
happening when they have the same type, the same participants (their keys) and the same
negation. The body's report is kept (it carries the date and place words); the headline's
stays as evidence in its ``mentions`` (trigger and sentence). Body events are never merged
with each other: a speech that makes three requests of one country makes three events.
"""

from __future__ import annotations

from dataclasses import replace

from chronique.record import Event


def one_per_happening(events: list[Event], headline: int | None) -> list[Event]:
    """The document's events, each headline event merged into the first body event that
    reports the same happening (``headline``: the headline's sentence index, if any)."""
    if headline is None:
        return events
    body = [e for e in events if e.sentence.index != headline]
    evidence: dict[int, list[Event]] = {}
    kept_heads = []
    for event in events:
        if event.sentence.index != headline:
            continue
        match = next((i for i, b in enumerate(body) if _same_happening(b, event)), None)
        if match is None:
            kept_heads.append(event)
        else:
            evidence.setdefault(match, []).append(event)
    merged = [_merge(b, evidence.get(i, [])) for i, b in enumerate(body)]
    return sorted(kept_heads + merged, key=lambda e: (e.sentence.index, e.trigger.start))


def _key(event: Event) -> tuple:
    return (event.event_type, frozenset(k for e in event.actor for k in e.keys()),
            frozenset(k for e in event.recipient for k in e.keys()), event.negated)


def _same_happening(a: Event, b: Event) -> bool:
    return _key(a) == _key(b) and bool(_key(a)[1] or _key(a)[2])


def _merge(kept: Event, others: list[Event]) -> Event:
    if not others:
        return kept
    mentions = [{"trigger": e.trigger.to_dict(), "sentence": e.sentence.index,
                 "rule": e.rule} for e in others]
    return replace(kept, extras={**kept.extras, "mentions": mentions})
