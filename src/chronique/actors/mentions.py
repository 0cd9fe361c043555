"""Find actor mentions in a parsed sentence.

Reads the lexicon indexes (countries, demonyms, metonyms, organisations, persons, titles,
group nouns) and spaCy's PER entities. Returns ``Mention`` objects keyed by token, so that
the resolver can read what a noun phrase contains.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from chronique.lang import words
from chronique.lexicon import Actor, Lexicon
from chronique.lexicon.forms import fold

HONORIFICS = words("honorifics") | words("honorific_variants")
_KIND_RANK = {"person": 0, "organisation": 1, "title": 2, "country": 3, "metonym": 4}


@dataclass(frozen=True)
class Mention:
    """Words naming (part of) an actor, and what the lexicon says of them."""

    start: int  # token index in the paragraph Doc
    end: int
    kind: str   # country demonym metonym organisation person title group name
    actor: Actor
    countries: tuple[str, ...] = ()


class MentionFinder:
    """Find mentions in paragraph Docs; built once per lexicon."""

    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lexicon = lexicon
        self._norm = PhraseMatcher(nlp.vocab, attr="NORM")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        tables = {"country": lexicon.country_names, "organisation": lexicon.organisations,
                  "metonym": lexicon.metonyms, "person": lexicon.persons,
                  "title": lexicon.titles}
        for kind, table in tables.items():
            patterns = []
            for form in table:
                doc = nlp.make_doc(form)
                for token in doc:
                    token.norm_ = fold(token.text)
                patterns.append(doc)
            self._norm.add(kind, patterns)
        self._orth.add("organisation", [nlp.make_doc(a) for a in lexicon.acronyms])
        # "la Minusma", "la Cedeao", "l'Otan": long acronyms are also written as words
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._lower.add("organisation", [nlp.make_doc(a.lower()) for a in lexicon.acronyms
                                         if len(a) >= 4 and a.isupper()])
        self._lower_names = {fold(n) for n in lexicon.lowercase_names}

    def __call__(self, doc: Doc) -> dict[int, Mention]:
        """Mentions of a paragraph Doc, indexed by every token they cover."""
        spans: list[Span] = []
        for matcher in (self._norm, self._orth, self._lower):
            for span in matcher(doc, as_spans=True):
                if self._acceptable(span):
                    spans.append(span)
        spans.sort(key=lambda s: (-(s.end - s.start), _KIND_RANK.get(s.label_, 9)))
        by_token: dict[int, Mention] = {}
        for span in filter_spans(spans):
            mention = self._from_span(span)
            if mention:
                for i in range(span.start, span.end):
                    by_token[i] = mention
        for ent in doc.ents:
            if ent.label_ == "PER":
                # the tagger may take "ouzbek" in "le président ouzbek Chavkat ..." into the name
                start = ent.start
                while start < ent.end - 1 and not doc[start].text[:1].isupper():
                    start += 1
                ent = Span(doc, start, ent.end, label=ent.label_)
            if ent.label_ == "PER" and not any(i in by_token for i in range(ent.start, ent.end)):
                mention = self._person_entity(ent)
                for i in range(ent.start, ent.end):
                    by_token[i] = mention
        for token in doc[:-2]:
            # "algéro-tunisien" split by the tokenizer into "algéro", "-", "tunisien"
            if token.i in by_token or doc[token.i + 1].text != "-":
                continue
            joined = fold(doc[token.i: token.i + 3].text).replace(" ", "")
            single = self.lexicon.demonyms.get(joined)  # "sierra-léonais" split in three
            codes = [single] if single else self._compound(joined)
            if codes:
                mention = Mention(token.i, token.i + 3, "demonym",
                                  Actor(codes[0], None, kind="demonym", source="demonyms"),
                                  tuple(codes))
                for i in range(token.i, token.i + 3):
                    by_token[i] = mention
        for token in doc:
            if token.i in by_token:
                continue
            mention = self._token_mention(token)
            if mention:
                by_token[token.i] = mention
        return by_token

    def _acceptable(self, span: Span) -> bool:
        label = span.label_
        first = span[0]
        if label in {"country", "metonym", "person", "organisation"} and span.label_ != "title":
            if label != "organisation" and not first.text[:1].isupper() and not (
                    first.lower_.startswith("ex-") and first.text[3:4].isupper()) and \
                    fold(span.text) not in self._lower_names:
                return False
            # a country name inside a person's name ("Maurice Papon") is not a country
            if label in {"country", "metonym"} and first.ent_type_ == "PER" and \
                    first.ent_iob_ == "B" and span.end < len(span.doc) and \
                    span.doc[span.end].ent_type_ == "PER":
                return False
        if label == "organisation" and span[0].text.islower() and len(span) == 1 and \
                fold(span.text) not in self._lower_names:
            return False
        if label == "organisation" and len(span) == 1 and span[0].pos_ == "NUM":
            return False  # "Douze personnes ont été tuées" is not the Twelve
        return True

    def _from_span(self, span: Span) -> Mention | None:
        key = fold(span.text)
        table = {"country": None, "organisation": self.lexicon.organisations,
                 "metonym": self.lexicon.metonyms, "person": self.lexicon.persons,
                 "title": self.lexicon.titles}[span.label_]
        if span.label_ == "country":
            code = self.lexicon.country_names.get(key)
            return Mention(span.start, span.end, "country",
                           Actor(code, None, kind="country", source="countries")) if code else None
        actor = table.get(key) if table is not None else None
        if actor is None and span.label_ == "organisation":
            actor = self.lexicon.acronyms.get(span.text) or self.lexicon.acronyms.get(
                span.text.upper())
        if actor is None:
            return None
        return Mention(span.start, span.end, span.label_, actor)

    def _person_entity(self, ent: Span) -> Mention:
        words = [t for t in ent if fold(t.text) not in HONORIFICS]
        name = " ".join(t.text for t in words) or ent.text
        known = self.lexicon.persons.get(fold(name))
        actor = known or Actor(name=name, kind="name", source="ner")
        return Mention(ent.start, ent.end, "person" if known else "name", actor)

    def _token_mention(self, token) -> Mention | None:
        text = fold(token.text)
        lex = self.lexicon
        if token.is_alpha or "-" in text:
            code = lex.demonyms.get(text)
            if code:
                kind = "people" if text in lex.peoples else "demonym"
                return Mention(token.i, token.i + 1, "demonym",
                               Actor(code, None, kind=kind, source="demonyms"), (code,))
            if "-" in text:
                codes = self._compound(text)
                if codes:
                    return Mention(token.i, token.i + 1, "demonym",
                                   Actor(codes[0], None, kind="demonym", source="demonyms"),
                                   tuple(codes))
        if token.pos_ in {"NOUN", "PROPN"} or (token.pos_ == "ADJ" and token.dep_ != "amod"):
            sector = lex.groups.get(fold(token.lemma_)) or lex.groups.get(text)
            if sector:
                return Mention(token.i, token.i + 1, "group",
                               Actor(None, sector, kind="group", source="groups"))
            title = lex.titles.get(text) or lex.titles.get(fold(token.lemma_))
            if title:
                return Mention(token.i, token.i + 1, "title", title)
        return None

    def _compound(self, text: str) -> list[str]:
        """``franco-allemand`` -> [FRA, DEU]; every part but the last is a prefix."""
        parts = text.split("-")
        codes = [self.lexicon.prefixes.get(p) for p in parts[:-1]]
        last = self.lexicon.demonyms.get(parts[-1])
        if last and all(codes):
            return [c for c in codes if c] + [last]
        return []
