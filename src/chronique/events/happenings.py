"""One event per happening: the reports of one happening in a document become one record.

A headline reports again the act its article tells ("La Cédéao suspend le Mali" / "La
Cédéao a suspendu mardi le Mali de ses instances"). A headline event and a body event are one
happening when they have the same type, the same participants (their keys) and the same
negation. The body's report is kept (it carries the date and place words); the headline's
stays as evidence in its ``mentions`` (trigger and sentence). In the body, an event noun
that names again a happening told before ("Wang Yi a rencontré mardi le président kazakh
... A l'issue de l'entretien, ...") is evidence of it when it has the same type and names no
one the earlier event does not. Two events of one sentence with the same type and the same
participants are one happening told with two verbs ("a promis des élections et s'est engagé à
..."): on the corpus the second was a repeat or wrong far more often than a second act.
Otherwise verb events of the body are not merged with each other: a speech that makes three
requests of one country in three sentences makes three events.
"""

from __future__ import annotations

from dataclasses import replace

from chronique.record import Event


def one_per_happening(events: list[Event], headline: int | None) -> list[Event]:
    """The document's events, each headline event merged into the first body event that
    reports the same happening (``headline``: the headline's sentence index, if any), and
    each body event noun that tells an earlier event again merged into it."""
    body = [e for e in events if e.sentence.index != headline]
    evidence: dict[int, list[Event]] = {}
    kept_heads = []
    for event in events:
        if headline is None or event.sentence.index != headline:
            continue
        match = next((i for i, b in enumerate(body) if _same_happening(b, event)), None)
        if match is None:
            kept_heads.append(event)
        else:
            evidence.setdefault(match, []).append(event)
    retold: set[int] = set()
    for i, event in enumerate(body):
        earlier = next((j for j in range(i) if j not in retold
                        and _retold(body[j], event)), None)
        if earlier is not None:
            evidence.setdefault(earlier, []).append(event)
            retold.add(i)
    merged = [_merge(b, evidence.get(i, [])) for i, b in enumerate(body) if i not in retold]
    return sorted(kept_heads + merged, key=lambda e: (e.sentence.index, e.trigger.start))


def _retold(before: Event, event: Event) -> bool:
    """The event tells the earlier one again: an event noun (``_told_again``), or a verb of
    the same sentence with the same type and participants ("a promis ... et s'est engagé à
    ...")."""
    if event.extras.get("kind") == "noun" and _told_again(before, event):
        return True
    return before.sentence.index == event.sentence.index and _same_happening(before, event)


def _told_again(before: Event, noun: Event) -> bool:
    """The event noun names the earlier happening again: same type and negation, and no
    participant the earlier event does not have."""
    if (before.event_type, before.negated) != (noun.event_type, noun.negated):
        return False
    known = {k for e in (*before.actor, *before.recipient) for k in e.keys()}
    named = {k for e in (*noun.actor, *noun.recipient) for k in e.keys()}
    return bool(named) and named <= known


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
