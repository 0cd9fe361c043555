"""The coder: builds every stage once and runs them in order over documents.

    parsed    = parse(document)            nlp.py
    mentions  = finder(paragraph)          actors/mentions.py
    entities  = resolver(np head)          actors/resolve.py + actors/coref.py
    triggers  = matcher(sentence)          events/triggers.py
    arguments = assigner(trigger)          events/arguments.py
    modality  = modality(trigger)          events/modality.py
    dates     = dates.find(sentence)       dates.py
    places    = places(sentence)           places/locate.py
    events    = builder(...)               build.py
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.mentions import MentionFinder
from chronique.actors.resolve import ActorResolver, Phrase, honorific_gender
from chronique.build import EventBuilder
from chronique.coding.recode import Coding, Facts, Recoder
from chronique.dates import DateResolver, PartialDate
from chronique.documents.readers import Document, make_document
from chronique.events.arguments import ArgumentAssigner
from chronique.events.happenings import one_per_happening
from chronique.events.modality import DENIAL, ModalityReader
from chronique.events.ontology import Ontology
from chronique.events.triggers import Trigger, TriggerMatcher
from chronique.lang import setting, words
from chronique.learn.calibration import Calibration, kind_and_raw
from chronique.learn.combine import revise
from chronique.learn.participants import candidates, load_participants
from chronique.learn.trigger_model import SHIPPED, load_model
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold
from chronique.nlp import Parsed, Sentence, load_nlp, parse_many
from chronique.places.gazetteer import Gazetteer
from chronique.places.locate import PlaceFinder, PlaceMention, clause_place
from chronique.record import Entity, Event, Place, SentenceRef, Span
from chronique.settings import Settings
from chronique.version import __version__

EMBEDDING_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}
NP_HEAD_POS = {"NOUN", "PROPN", "PRON"}


@dataclass
class _DocState:
    ctx: DocumentContext = field(default_factory=DocumentContext)
    article_date: tuple[str, str] | None = None
    article_place: object = None
    seen: set = field(default_factory=set)
    acts: list = field(default_factory=list)  # actors of the article's acts so far


class Coder:
    """Code French documents into PLOVER event records."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.model)
        self.lexicon = Lexicon.load(self.settings.lexicons)
        self.gazetteer = Gazetteer(tuple(self.settings.lexicons), self.lexicon.country_names,
                                   self.lexicon.country_label)
        self.finder = MentionFinder(self.lexicon, self.nlp)
        self.resolver = ActorResolver(self.lexicon, self.gazetteer)
        self.matcher = TriggerMatcher(self.lexicon)
        self.modality = ModalityReader(self.lexicon)
        self.assigner = ArgumentAssigner(self.resolver, self.lexicon.cue_words("light_verbs"),
                                         self.modality.saying)
        self.dates = DateResolver()
        self.recoder = Recoder()
        self.places = PlaceFinder(self.gazetteer)
        self.builder = EventBuilder(Ontology(self.lexicon), __version__)
        self.acts = {key: frozenset(self.lexicon.cues["condemned_acts"][key])
                     for key in ("types", "event_types", "modes")}
        self.trigger_model = None if self.settings.rules_only else load_model(
            self.settings.trigger_model)
        self.participant_model = None if self.settings.rules_only else load_participants(
            self.settings.trigger_model)
        self.calibration = None if self.settings.rules_only else Calibration.load(
            (self.settings.trigger_model or SHIPPED) / "calibration.json")

    # -- public --------------------------------------------------------------------------
    def code_documents(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Code documents in batches through ``nlp.pipe``; yields each with its events."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_text(self, text: str, *, published: str | None = None,
                  doc_id: str = "text") -> list[Event]:
        document = make_document(doc_id, text, published=published)
        return next(self.code_documents([document]))[1]

    def explain(self, document: Document) -> dict[str, list]:
        """The document coded, with what the coder read on the way (what the web draws):
        ``events`` (its ``Event`` records), ``actors`` (every noun phrase the reading pass
        resolved to an actor, in reading order, with coreference resolved as when coding: pairs
        ``(Entity, found_as)``, ``found_as`` the kind of lexicon mention that named it) and
        ``dates`` (every date expression, ``DateExpression`` with offsets in the text)."""
        parsed = next(parse_many(self.nlp, [document.text]))
        events = self.code_parsed(document, parsed)
        anchor = PartialDate.parse(document.published)
        actors: list[tuple[Entity, str | None]] = []
        dates = []
        for sentence, tokens, phrase in self.read_sentences(parsed, ctx := DocumentContext()):
            at = {phrase.offset + t.idx: t.i for t in tokens}
            for token in tokens:  # what the reading pass resolved (answered from its memo)
                if token.pos_ not in NP_HEAD_POS or token.dep_ in {"flat:name", "fixed", "case"}:
                    continue
                found = self.resolver.resolve_one(token, phrase, ctx)
                heads = [token.i] * len(found)
                if token.dep_ in SUBJECT_DEPS and found:  # with its conjuncts, as read
                    more = self.resolver.resolve(token, phrase, ctx)
                    found = found + [e for e in more if e not in found]
                    heads += [at.get(e.start, token.i) for e in found[len(heads):]]
                for entity, head in zip(found, heads, strict=True):
                    mention = phrase.mentions.get(head)
                    if entity.keys():
                        actors.append((entity, mention.kind if mention else None))
            dates.extend(replace(expr, start=sentence.start + expr.start,
                                 end=sentence.start + expr.end)
                         for expr in self.dates.find(sentence.text, anchor))
        return {"events": events, "actors": actors, "dates": dates}

    def _code_batch(self, batch: list[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for document, parsed in zip(batch, parse_many(self.nlp, [d.text for d in batch],
                                                      self.settings.batch_size), strict=True):
            yield document, self.code_parsed(document, parsed)

    # -- one document --------------------------------------------------------------------
    def code_parsed(self, document: Document, parsed: Parsed) -> list[Event]:
        state = _DocState()
        published = PartialDate.parse(document.published)
        events: list[Event] = []
        for sentence, tokens, phrase in self.read_sentences(parsed, state.ctx):
            events.extend(self._sentence_events(document, sentence, tokens, phrase, state,
                                                published))
        return one_per_happening([self._backfill(e, state) for e in events], _headline(parsed))

    def read_sentences(self, parsed: Parsed, ctx: DocumentContext
                       ) -> Iterator[tuple[Sentence, list[Token], Phrase]]:
        """Each sentence with its tokens and lexicon mentions, once the reading pass has
        resolved its noun phrases into ``ctx`` (coreference sees what came before)."""
        mentions_by_doc: dict[int, dict] = {}
        for sentence in parsed.sentences:
            doc = sentence.doc
            if id(doc) not in mentions_by_doc:
                mentions_by_doc[id(doc)] = self.finder(doc)
            phrase = Phrase(sentence.offset, mentions_by_doc[id(doc)])
            tokens = list(sentence.tokens())
            self._read_entities(tokens, phrase, ctx)
            yield sentence, tokens, phrase

    @staticmethod
    def _backfill(event: Event, state: _DocState) -> Event:
        """Events before the article's first dated/placed event take the article's day and
        place too (rule ``article-day``; location reason ``article``)."""
        changes = {}
        if event.location is None and state.article_place is not None:
            changes["location"] = state.article_place
        if event.date_reason in {None, "publication"} and state.article_date is not None:
            changes.update(date=state.article_date[0], date_text=None, date_reason="article-day")
        return replace(event, **changes) if changes else event

    def _read_entities(self, tokens: list[Token], phrase: Phrase, ctx: DocumentContext) -> None:
        """Resolve noun phrases in reading order, so coreference sees what came before."""
        for token in tokens:
            if token.pos_ not in NP_HEAD_POS or token.dep_ in {"flat:name", "fixed", "case"}:
                continue
            entities = self.resolver.resolve_one(token, phrase, ctx)
            for entity in entities:
                if entity.resolved_by != "anaphor":
                    ctx.add_organisation(entity)
            if token.dep_ in SUBJECT_DEPS and entities:
                gender = honorific_gender(token) or (token.morph.get("Gender") or [None])[0]
                number = (token.morph.get("Number") or [None])[0]
                ctx.add_subject(self.resolver.resolve(token, phrase, ctx), gender, number)

    def _sentence_events(self, document: Document, sentence: Sentence, tokens: list[Token],
                         phrase: Phrase, state: _DocState,
                         published: PartialDate | None) -> list[Event]:
        ctx = state.ctx
        triggers = self.triggers(sentence, tokens, phrase)
        obligations = self._obligations(tokens, phrase, ctx)
        suppressed = self._suppressed(triggers, obligations)
        prefer = tuple(dict.fromkeys(code for code, _ in reversed(ctx.countries)))
        places = self.places(sentence.doc, tokens, sentence.offset, prefer)
        dates = self.dates.find(_without_dateline(sentence, document.dateline), published)
        sref = SentenceRef(sentence.index, sentence.text, sentence.start, sentence.end)
        out: list[Event] = []
        cands = None  # the sentence's candidate participants, when the model needs them
        items = [(t, None) for t in triggers if t.token.i not in suppressed]
        items += [(None, o) for o in obligations]
        for trigger, obligation in items:
            if trigger is not None:
                pattern = trigger.pattern
                args = self.assigner(trigger, phrase, ctx)
                if self.participant_model is not None:
                    if cands is None:
                        cands = candidates(self.resolver, tokens, phrase, ctx)
                    args = self.participant_model.decide(trigger.token, pattern.type, cands, args)
                mod = self.modality(trigger.token, pattern.modality, pattern.type)
                actors, recipients = args.actor, args.recipient
                anchor, event_type, mode = trigger.token, pattern.type, pattern.mode
                order = next((t for t in triggers if t.token.i != anchor.i
                              and _ordered(t.token, trigger) and _governs(t.token, anchor)), None)
                if order is not None:
                    # "a ordonné au journal de suspendre sa parution": the government acts
                    given = self.assigner(order, phrase, ctx)
                    if any(a.keys() for a in given.actor):
                        actors = given.actor
                    if not any(r.keys() for r in recipients) or _self_recipients(recipients,
                                                                                 actors):
                        recipients = given.recipient or recipients
                if not any(a.keys() for a in actors) and pattern.pos == "verb":
                    # "les frappes de drones américains ... ont tué": the actor of the event
                    # noun that is the verb's subject
                    for other in triggers:
                        if other.pattern.pos == "noun" and other.pattern.type == pattern.type \
                                and _subject_of(other.token, anchor):
                            found = self.assigner(other, phrase, ctx).actor
                            if any(a.keys() for a in found):
                                actors = found
                                break
                if not any(r.keys() for r in recipients) and pattern.type in {
                        "PROTEST", "THREATEN", "REJECT", "ACCUSE"}:
                    # a protest's target is whom its purpose clause addresses
                    for other in _purpose_of(anchor, triggers):
                        found = self.assigner(other, phrase, ctx).recipient
                        if any(r.keys() for r in found):
                            recipients = found
                            break
                context, rule, kind = pattern.context, pattern.id, pattern.pos
                span_tokens = (trigger.start_token, trigger.end_token)
                fallback = args.how not in {"slots", "reciprocal", "model"}
                modality, negated = mod.modality, mod.negated
                speaker_token = mod.speaker_token
                coding = self.recoder(
                    Coding(event_type, mode, modality, rule),
                    Facts(anchor, pattern.type, tuple(actors), mod.announced,
                          speaker_token is not None, self.modality.governors))
                event_type, mode, modality, rule = (coding.event_type, coding.mode,
                                                    coding.modality, coding.rule)
            else:
                anchor, speaker_token, actors, recipients = obligation
                event_type, mode, context = "REQUEST", None, ()
                rule = self.lexicon.cues["obligation"]["id"]
                kind, fallback, modality = "rule", False, "requested"
                negated = self.modality.is_negated(anchor)
                span_tokens = (anchor.i, anchor.i + 1)
            speaker = None
            if speaker_token is not None:
                found = self.resolver.resolve(speaker_token, phrase, ctx)
                speaker = found[0] if found else None
            if not actors and speaker is not None and event_type in {"REQUEST", "AGREE"} \
                    and trigger is not None and trigger.pattern.pos == "noun":
                actors = (speaker,)
            if speaker is not None and speaker.keys() and trigger is not None and not any(
                    a.keys() for a in actors) and _speaker_subject(anchor):
                # "a annoncé qu'ils allaient ...", "« Nos forces ont secouru ... », a affirmé
                # le porte-parole de l'armée": the speaker speaks of itself
                actors = (speaker,)
            if not self.settings.keep_unresolved and not any(
                    e.keys() for e in (*actors, *recipients)):
                continue
            trigger_span = self._span(sentence, *span_tokens)
            future = trigger is not None and modality != "requested" and _future(
                anchor, self.dates.future_governors)
            date, date_text, date_reason = self._date(anchor, sentence, dates, state, published,
                                                      future)
            location = self._location(anchor, places, actors, recipients, state, document,
                                      prefer)
            if location is not None and location.country:
                actors = place_country(actors, location.country)
                recipients = place_country(recipients, location.country)
                if event_type == "ASSAULT" and not any(r.keys() for r in recipients) and \
                        location.reason in {"clause", "sentence"}:
                    # "ont tiré des roquettes sur des quartiers de Kharkiv": an attack is on the
                    # place it strikes when no target is named (PLOVER: recipient required)
                    recipients = (Entity(trigger_span.text, trigger_span.start, trigger_span.end,
                                         country=location.country, resolved_by="location"),)
                if event_type == "ASSAULT" and not any(a.keys() for a in actors) and \
                        location.reason in {"clause", "sentence"} and _unclaimed(anchor):
                    # "l'explosion d'une bombe près de Samarra a tué ...": attackers nobody
                    # names are unidentified armed forces of the place (sector UAF)
                    actors = (Entity(trigger_span.text, trigger_span.start, trigger_span.end,
                                     country=location.country, sector="UAF",
                                     resolved_by="location"),)
            if speaker is not None and speaker.country and speaker.country not in {
                    "IGO", "NGO", "MNC"} and (location is None or not location.country):
                # "..., selon le secrétaire fédéral pakistanais": officials named by their
                # title alone are of the country of the national source that reports them
                actors = place_country(actors, speaker.country, "speaker")
                recipients = place_country(recipients, speaker.country, "speaker")
            if trigger is not None and trigger.pattern.raw.get("domestic") and not any(
                    r.keys() for r in recipients):
                # "a levé l'état d'urgence imposé au Darfour": the people of the place, else
                # of the country whose authorities decide it
                home = (location.country if location is not None and location.country else
                        next((a.country for a in actors if a.country and not a.id), None))
                if home:
                    recipients = (Entity(trigger_span.text, trigger_span.start, trigger_span.end,
                                         country=home, resolved_by="location"),)
            recipients, rule = self._condemned_act(event_type, mode, actors, recipients, state,
                                                   rule)
            if event_type in self.acts["types"] and any(a.keys() for a in actors):
                state.acts.append(tuple(actors))
            event = self.builder(
                doc_id=document.id, event_type=event_type, mode=mode, context=tuple(context),
                actors=tuple(actors), recipients=tuple(recipients), trigger=trigger_span,
                sentence=sref, date=date, date_text=date_text, date_reason=date_reason,
                location=location, negated=negated, modality=modality, speaker=speaker,
                rule=rule, kind=kind, fallback=fallback,
                meta={"lang": document.lang, "published": document.published,
                      "published_source": document.published_source, "url": document.url})
            event = self._calibrated(event, trigger, kind)
            key = (event.event_type, _keys(event.actor), _keys(event.recipient), event.date,
                   event.negated, event.modality)
            if kind == "noun" and key in state.seen:
                continue
            state.seen.add(key)
            out.append(event)
        return out

    def rule_triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase
                      ) -> tuple[list[Trigger], set[int]]:
        """The lexicon's triggers of a sentence, and the tokens inside names (never events)."""
        names = {i for i, m in phrase.mentions.items() if m.kind in {"organisation", "person"}}
        # words inside the name of an institution ("Forum de coopération locale") are not events
        names |= {i for ent in sentence.doc.ents if ent.label_ in {"ORG", "MISC"} and len(ent) > 2
                  for i in range(ent.start, ent.end) if sentence.doc[i].pos_ == "NOUN"}
        return [t for t in self.matcher(tokens) if t.token.i not in names], names

    def triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase) -> list[Trigger]:
        """The rule triggers, revised by the trigger model when there is one (learn/combine.py)."""
        triggers, names = self.rule_triggers(sentence, tokens, phrase)
        if self.trigger_model is None:
            return triggers
        return revise(self.trigger_model, tokens, triggers, names)

    # -- helpers ---------------------------------------------------------------------------
    def _calibrated(self, event: Event, trigger: Trigger | None, kind: str) -> Event:
        """The trigger's part of speech and the model's probability kept with the event; its
        confidence the precision such events had on the dev split (learn/calibration.py)."""
        extras = {**event.extras, "kind": kind}
        probability = trigger.pattern.raw.get("probability") if trigger is not None else None
        if probability is not None:
            extras["probability"] = probability
        event = replace(event, extras=extras)
        if self.calibration is None:
            return event
        return replace(event, confidence=self.calibration(*kind_and_raw(event)))

    def _condemned_act(self, event_type: str, mode: str | None, actors, recipients,
                       state: _DocState, rule: str):
        """A condemnation that names no one targets the doers of the article's latest act
        (cues.yaml: condemned_acts)."""
        if event_type not in self.acts["event_types"] or mode not in self.acts["modes"] or any(
                r.keys() for r in recipients if not _self_recipients((r,), actors)):
            return recipients, rule
        mine = _keys(tuple(actors))
        for doers in reversed(state.acts):
            if _keys(doers) and not _keys(doers) & mine:
                found = tuple(replace(d, resolved_by="act") for d in doers)
                return found, f"{rule}+{self.lexicon.cues['condemned_acts']['id']}"
        return recipients, rule

    def _obligations(self, tokens: list[Token], phrase: Phrase, ctx: DocumentContext):
        """"X a déclaré que Y doivent ..." -> a request from X to Y (cues.yaml: obligation)."""
        out = []
        governors = {t.head.i for t in tokens if t.dep_ == "xcomp"}
        for token in tokens:
            if token.i not in governors or not self.modality.is_obligation(token):
                continue
            speaker = self.modality.speaker(token)
            if speaker is None:
                continue
            recipients = tuple(self.assigner.slot(token, "nsubj", phrase, ctx))
            actors = tuple(self.resolver.resolve(speaker, phrase, ctx))
            actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
            trimmed = tuple(r for r in recipients if not r.keys() <= actor_keys or not r.keys())
            out.append((token, speaker, actors, trimmed or recipients))
        return out

    @staticmethod
    def _suppressed(triggers: list[Trigger], obligations) -> set[int]:
        """Triggers inside the phrase of another trigger ("a promis de poursuivre l'aide",
        "a condamné l'attaque", "appuierait une résolution visant à durcir les sanctions"):
        the governing one is the event. Coordination ("a salué ... et a appelé") is not
        embedding."""
        heads = {t.token.i for t in triggers} | {o[0].i for o in obligations}
        out = set()
        embedding = [t for t in triggers if t.pattern.type in EMBEDDING_TYPES]
        for trigger in triggers:
            if _follows_infinitive_mark(trigger, embedding):
                # "L'Algérie menace de couper ...", however the parser attached the infinitive
                out.add(trigger.token.i)
                continue
            if trigger.pattern.type == "REQUEST" and _purpose(trigger.token, heads):
                # "ont bloqué les routes pour réclamer ...": the protest is the event
                out.add(trigger.token.i)
                continue
            if _participial_adjunct(trigger.token):
                continue
            node = trigger.token
            for _ in range(setting("depths", "suppressed")):
                if node.head.i == node.i or node.dep_ in {"parataxis", "ROOT"}:
                    break
                coordinated = node.dep_ == "conj"
                node = node.head
                if not coordinated and node.i in heads and node.i != trigger.token.i:
                    if fold(node.lemma_) in DENIAL:
                        out.add(node.i)  # "a démenti avoir mobilisé": the denied event, negated
                    elif _ordered(node, trigger):
                        out.add(node.i)  # "a ordonné des patrouilles": the ordered action
                    else:
                        out.add(trigger.token.i)
                    break
        return out

    @staticmethod
    def _span(sentence: Sentence, start: int, end: int) -> Span:
        doc = sentence.doc
        s = sentence.offset + doc[start].idx
        e = sentence.offset + doc[end - 1].idx + len(doc[end - 1].text)
        return Span(doc[start:end].text, s, e)  # Doc.text would join the whole paragraph

    def _date(self, anchor: Token, sentence: Sentence, dates, state: _DocState,
              published: PartialDate | None, future: bool = False):
        resolved = [d for d in dates if d.date]
        if resolved and future:
            # "a annoncé dimanche qu'il se rendrait mardi à Abidjan": coded at its
            # announcement, not at the day of the act to come (dates.yaml: future-act)
            own = _subtree_range(anchor.head if anchor.dep_ == "xcomp" else anchor, sentence)
            resolved = [d for d in resolved if not own[0] <= d.start < own[1]]
        if resolved:
            clause = self._clause_range(anchor, sentence)
            inside = [d for d in resolved if clause[0] <= d.start < clause[1]]
            chosen = (inside or resolved)[0]
            if state.article_date is None and not chosen.date.endswith("X"):
                # the article's day is a day: "en août" in a background sentence is not it
                state.article_date = (chosen.date, chosen.text)
            return chosen.date, chosen.text, chosen.rule
        if state.article_date is not None:
            return state.article_date[0], None, "article-day"
        if published is not None:
            return published.iso(), None, "publication"
        return None, None, None

    @staticmethod
    def _clause_range(anchor: Token, sentence: Sentence) -> tuple[int, int]:
        top = anchor
        while top.dep_ not in {"ROOT", "parataxis", "ccomp"} and top.head.i != top.i:
            top = top.head
        return _subtree_range(top, sentence)

    def _location(self, anchor: Token, places: list[PlaceMention], actors, recipients,
                  state: _DocState, document: Document, prefer):
        participants = {e.country for e in (*actors, *recipients) if e.country}
        mention = clause_place(anchor, places, self.modality.governors(anchor), participants)
        reason = "clause"
        if mention is None:
            local = [p for p in places if p.locative and p.entry.kind != "country"] or \
                [p for p in places if p.locative and p.entry.country not in participants]
            mention, reason = (local[0] if local else None), "sentence"
        if mention is not None:
            place = mention.place(reason)
            if state.article_place is None:
                state.article_place = replace(place, reason="article")
            return place
        if document.dateline_city:
            entry = self.gazetteer.lookup(document.dateline_city, prefer)
            if entry is not None:
                return Place(document.dateline_city, entry.name, entry.country, entry.admin1,
                             entry.lat, entry.lon, entry.geonames_id, None, None, "dateline")
        return state.article_place


SELF_WORDS = words("self_words")


def _subtree_range(top: Token, sentence: Sentence) -> tuple[int, int]:
    """Character range, in the sentence, of ``top`` and everything it governs."""
    doc_start = sentence.start - sentence.offset
    return top.left_edge.idx - doc_start, top.right_edge.idx + len(top.right_edge.text) - doc_start


def _future(anchor: Token, governors: frozenset[str]) -> bool:
    """The event is told in the future: "se rendra", "va signer", "doit se réunir", or "a
    annoncé qu'il se rendrait" (a simple conditional in reported speech)."""
    if "Fut" in anchor.morph.get("Tense"):
        return True
    if anchor.dep_ == "ccomp" and _simple_conditional(anchor) and not any(
            c.dep_.startswith("aux") for c in anchor.children):
        return True
    head = anchor.head
    return anchor.dep_ == "xcomp" and fold(head.lemma_) in governors and \
        "Pres" in head.morph.get("Tense")


def _simple_conditional(token: Token) -> bool:
    """"rendrait", "signeraient" (the parser often reads them as imperfects): a form in
    -rait/-raient that is not the imperfect of its lemma ("montrait" is)."""
    if "Cnd" in token.morph.get("Mood"):
        return True
    form, stem = fold(token.text), fold(token.lemma_)[:-2]
    return any(form.endswith("r" + end) and form != stem + end for end in ("ait", "aient"))


def _headline(parsed: Parsed) -> int | None:
    """The headline's sentence index: a first line of one sentence, with more text after it
    and no final full stop."""
    sentences = parsed.sentences
    if len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph:
        return None
    return None if sentences[0].text.rstrip().endswith(".") else sentences[0].index


def _without_dateline(sentence: Sentence, dateline: tuple[int, int] | None) -> str:
    """The sentence's text with the dateline's words blanked (same offsets): the dateline
    dates the article, not its events."""
    if dateline is None or dateline[0] >= sentence.end or dateline[1] <= sentence.start:
        return sentence.text
    start, end = max(dateline[0], sentence.start), min(dateline[1], sentence.end)
    text = sentence.text
    a, b = start - sentence.start, end - sentence.start
    return text[:a] + " " * (b - a) + text[b:]


def _speaker_subject(token: Token) -> bool:
    """The trigger's subject is a pronoun or a first-person possessive phrase, which in
    reported speech names the speaker."""
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return fold(subject.text) in SELF_WORDS
    return any(c.dep_ == "det" and fold(c.text) in words("first_person_possessives") for c in subject.children)


DEVICES = words("device_nouns")


def _unclaimed(anchor: Token) -> bool:
    """An attack whose doer nobody names: a verb whose subject is a device or an event
    ("l'explosion d'une bombe a tué ...", "une roquette a frappé ..."), a passive without
    agent, or an event noun that is such a subject itself."""
    if anchor.pos_ in {"NOUN", "PROPN", "X"}:
        return fold(anchor.lemma_) in DEVICES and anchor.dep_ in SUBJECT_DEPS
    subject = next((c for c in anchor.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return any(c.dep_ == "aux:pass" for c in anchor.children) and not any(
            c.dep_ == "obl:agent" for c in anchor.children)
    return fold(subject.lemma_) in DEVICES


ORDERS = words("order_verbs")
MATERIAL = {"MOBILIZE", "COERCE", "ASSAULT", "SANCTION", "RETREAT", "AID"}


def _ordered(order: Token, trigger: Trigger) -> bool:
    """An order of a material action ("a ordonné des patrouilles", "a ordonné au journal de
    suspendre sa parution"): the action is the event, the one who orders it its actor."""
    if fold(order.lemma_) not in ORDERS or trigger.pattern.type not in MATERIAL:
        return False
    if trigger.pattern.pos == "noun":
        return True  # "a ordonné des patrouilles / l'arrestation de X / le retrait des troupes"
    # "a ordonné au journal de suspendre sa parution": a constraint on the addressee; "a
    # ordonné aux rebelles de déposer les armes" stays a demand (REQUEST)
    return trigger.pattern.type == "COERCE"


def _governs(head: Token, token: Token) -> bool:
    node = token
    for _ in range(setting("depths", "order_governs")):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == head.i:
            return True
    return False


def _self_recipients(recipients, actors) -> bool:
    keys = {k for r in recipients for k in r.keys()}
    mine = {k for a in actors for k in a.keys()}
    return bool(keys) and keys <= mine


def _subject_of(noun: Token, verb: Token) -> bool:
    """The noun is the verb's subject, or the verb hangs on it (a parse that lost the
    subject: "les frappes ..., qui ont lieu ..., ont tué")."""
    if noun.head.i == verb.i and noun.dep_ in {"nsubj", "nsubj:pass"}:
        return True
    return verb.head.i == noun.i and verb.dep_ in {"advcl", "acl", "dep"} and noun.i < verb.i


def _participial_adjunct(token: Token) -> bool:
    """A present participle or gerund clause beside its main verb ("a rappelé son
    ambassadeur, condamnant les propos ...", "en appelant la junte à ..."): an act of its own,
    not the content of the main verb."""
    return token.dep_ == "advcl" and "Part" in token.morph.get("VerbForm") and \
        "Pres" in token.morph.get("Tense")


def _follows_infinitive_mark(trigger: Trigger, embedding: list[Trigger]) -> bool:
    """An infinitive trigger right after an embedding verb trigger and "de" / "à"
    ("menace de couper", "a promis de livrer", "a refusé de signer")."""
    token = trigger.token
    if "Inf" not in token.morph.get("VerbForm") or token.i < 2:
        return False
    doc = token.doc
    mark = doc[token.i - 1]
    if fold(mark.text) not in words("infinitive_marks"):
        return False
    for other in embedding:
        if other.token.i != token.i and 0 < mark.i - other.token.i <= 3 and all(
                doc[j].pos_ in {"ADV", "VERB", "AUX"} for j in range(other.token.i + 1, mark.i)):
            return True
    return False


def _purpose(token: Token, heads: set[int]) -> bool:
    """A "pour / afin de" + infinitive clause of another event's clause."""
    if token.dep_ not in {"advcl", "acl"} or token.head.i == token.i:
        return False
    if not any(c.dep_ == "mark" and fold(c.text) in words("purpose_marks") for c in token.children):
        return False
    head = token.head
    return head.i in heads or any(c.i in heads for c in head.children
                                  if c.dep_ in {"obj", "nsubj", "nsubj:pass"}
                                  or c.dep_.startswith("obl"))


def _purpose_of(anchor: Token, triggers: list[Trigger]) -> list[Trigger]:
    """Triggers in a "pour / afin de" clause of the event's clause ("ont bloqué les routes
    pour réclamer ... au gouvernement")."""
    clause = {anchor.i, anchor.head.i} if anchor.pos_ in {"NOUN", "PROPN"} else {anchor.i}
    return [t for t in triggers if t.token.i != anchor.i and t.token.head.i in clause
            and t.token.dep_ in {"advcl", "acl"} and _purpose(t.token, clause)]


def place_country(entities, country: str, how: str = "location") -> tuple[Entity, ...]:
    """A national group named without its country ("des manifestants", "la police") is of
    the country where the event happens (``resolved_by: location``), or of the national
    source reporting it (``speaker``)."""
    return tuple(replace(e, country=country, resolved_by=how)
                 if e.country is None and e.sector and not e.id else e for e in entities)


def _keys(entities: tuple[Entity, ...]) -> frozenset:
    return frozenset(k for e in entities for k in e.keys())


def resolve_mention(coder: Coder, sentence: str, mention: str) -> list[Entity]:
    """Entities of the noun phrase ``mention`` (a substring) in ``sentence``, as the coder
    resolves it in context (used by the mention test table and the web view)."""
    start = sentence.find(mention)
    if start < 0:
        raise ValueError(f"{mention!r} is not in the sentence")
    end = start + len(mention)
    parsed = next(parse_many(coder.nlp, [sentence]))
    ctx = DocumentContext()
    for sent in parsed.sentences:
        doc = sent.doc
        phrase = Phrase(sent.offset, coder.finder(doc))
        tokens = list(sent.tokens())
        coder._read_entities(tokens, phrase, ctx)
        inside = [t for t in tokens if start <= sent.offset + t.idx < end]
        if not inside:
            continue
        heads = [t for t in inside if t.head not in inside or t.head.i == t.i]
        places = coder.places(doc, tokens, sent.offset, ())
        country = next((p.entry.country for p in places if p.locative), None)
        for head in heads:
            found = coder.resolver.resolve(head, phrase, ctx)
            if found:
                return list(place_country(found, country)) if country else found
        for token in inside:
            found = coder.resolver.resolve_one(token, phrase, ctx)
            if found:
                return list(place_country(found, country)) if country else found
    return []
