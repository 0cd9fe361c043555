"""Coreference inside a document: persons by surname, subject pronouns, "les deux pays".

``DocumentContext`` is created for one document and filled in reading order: persons as
they are introduced, the subjects of clauses, the countries named. Rules:

- a short name ("M. Diop", "Traoré") is the last introduced person sharing one name token;
- a subject pronoun (il/elle/ils/elles) is the last clause subject of the same gender and
  number (any subject when none agrees);
- "les deux pays"/"les deux parties" (anaphors.tsv) are the last two countries named;
- "ce dernier" is the last person named.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chronique.lexicon.forms import fold
from chronique.record import Entity


@dataclass
class Salient:
    entities: list[Entity]
    gender: str | None
    number: str | None
    person: bool


@dataclass
class DocumentContext:
    """What a document has said so far, for resolving short mentions."""

    persons: dict[str, Entity] = field(default_factory=dict)
    subjects: list[Salient] = field(default_factory=list)
    countries: list[tuple[str, Entity]] = field(default_factory=list)
    last_person: Entity | None = None
    organisations: list[Entity] = field(default_factory=list)
    cache: dict[tuple[int, int], list[Entity]] = field(default_factory=dict)
    #: the candidate participants of the sentence read before this one (learn/participants.py)
    previous: list = field(default_factory=list)
    #: the candidate participants of the document's opening sentences, and how many of its
    #: sentences have been read for it (learn/participants.py)
    opening: list = field(default_factory=list)
    opened: int = 0
    #: the candidate participants of the sentences read before the previous one, the latest
    #: first, and how many times each country or organisation has been named so far
    earlier: list = field(default_factory=list)
    named: dict[str, int] = field(default_factory=dict)
    #: how many sentences the document has (where a sentence stands: learn/features.py)
    sentences: int = 0
    #: the publication year, when known: officials of an organisation outside their term
    #: are not its officials (``Actor.holds_office``)
    year: int | None = None

    def add_person(self, entity: Entity) -> None:
        if not entity.name:
            return
        for word in entity.name.replace("-", " ").split():
            if len(word) > 2 and word[0].isupper():
                self.persons[fold(word)] = entity
        self.persons[fold(entity.name)] = entity
        self.last_person = entity

    def find_person(self, name: str) -> Entity | None:
        key = fold(name)
        if key in self.persons:
            return self.persons[key]
        for word in reversed(name.replace("-", " ").split()):
            found = self.persons.get(fold(word))
            if found:
                return found
        return None

    def add_subject(self, entities: list[Entity], gender: str | None, number: str | None) -> None:
        if entities:
            person = any(e.name for e in entities)
            if len(entities) > 1:
                number = "Plur"
            self.subjects.append(Salient(entities, gender, number, person))

    def add_country(self, code: str, entity: Entity) -> None:
        """Count the country toward the article's (a news outlet's, "(AFP)", tells nothing
        of where the story is)."""
        if code and code not in {"IGO", "NGO", "MNC"} and entity.sector != "MED":
            self.countries.append((code, entity))

    def add_organisation(self, entity: Entity) -> None:
        if entity.id and entity.country in {"IGO", "NGO"}:
            self.organisations.append(entity)

    def last_organisation(self, text: str, start: int, end: int) -> list[Entity]:
        """"L'organisation régionale", "le bloc": the last international organisation named."""
        if not self.organisations:
            return []
        return [_as_mention(self.organisations[-1], text, start, end, "anaphor")]

    def pronoun(self, text: str, start: int, end: int, gender: str | None,
                number: str | None) -> list[Entity]:
        for salient in reversed(self.subjects):
            if _agrees(salient, gender, number):
                return [_as_mention(e, text, start, end, "pronoun") for e in salient.entities]
        return []

    def last_countries(self, count: int, text: str, start: int, end: int) -> list[Entity]:
        seen: list[str] = []
        for code, _ in reversed(self.countries):
            if code not in seen:
                seen.append(code)
            if len(seen) == count:
                break
        return [Entity(text, start, end, country=code, sector="GOV", resolved_by="anaphor")
                for code in reversed(seen)]


def _agrees(salient: Salient, gender: str | None, number: str | None) -> bool:
    if number and salient.number and number != salient.number:
        return False
    return not (gender and salient.gender and gender != salient.gender)


def _as_mention(entity: Entity, text: str, start: int, end: int, how: str) -> Entity:
    return replace(entity, text=text, start=start, end=end, resolved_by=how)
