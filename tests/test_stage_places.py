"""The places stage (coding/places.py, places/locate.py, places/gazetteer.py): the place each
event takes, and the participants it implies (coding/invented.py)."""

from __future__ import annotations

from dataclasses import replace

from stagehelp import read

from chronique.coding.invented import from_place, place_country, unclaimed
from chronique.coding.places import PlaceStage
from chronique.coding.state import DocState, Scope
from chronique.documents.readers import make_document
from chronique.record import Entity, Place, Span


def scope_and_draft(coder, text: str, word: str):
    sentences, ctx = read(coder, text)
    sentence, tokens, phrase = sentences[0]
    triggers = coder.trigger_stage.triggers(sentence, tokens, phrase)
    stage: PlaceStage = coder.place_stage
    scope = Scope(make_document("t", text), sentence, tokens, phrase, DocState(ctx=ctx), None,
                  triggers, stage.find(sentence, tokens, ()), [], ())
    trigger = next(t for t in triggers if t.token.text == word)
    return scope, coder.modality_stage(trigger, coder.assigner(trigger, phrase, ctx))


def test_the_place_of_the_clause(coder) -> None:
    scope, draft = scope_and_draft(
        coder, "Les soldats maliens ont attaqué un camp à Gao, dans le nord du Mali.", "attaqué")
    assert [(p.entry.name, p.locative) for p in scope.places] == [("Gao", True), ("Mali", True)]
    place = coder.place_stage(draft, scope)
    assert (place.name, place.country, place.reason) == ("Gao", "MLI", "clause")
    assert scope.state.article_place.reason == "article"


def test_a_participant_country_is_not_the_place(coder) -> None:
    scope, draft = scope_and_draft(coder, "Le Tchad pourrait fermer sa frontière avec le "
                                          "Soudan.", "fermer")
    assert coder.place_stage(draft, scope) is None


def test_national_groups_take_the_country_of_the_place() -> None:
    police = Entity("la police", 0, 9, sector="COP")
    named = Entity("Mali", 10, 14, country="MLI")
    assert place_country((police, named), "NER") == (
        Entity("la police", 0, 9, country="NER", sector="COP", resolved_by="location"), named)


def test_an_attack_on_a_place_with_no_target_named(coder) -> None:
    _, draft = scope_and_draft(
        coder, "Les soldats maliens ont attaqué un camp à Gao, dans le nord du Mali.", "attaqué")
    place = Place("Gao", "Gao", "MLI", None, 16.3, -0.04, None, None, None, "clause")
    bare = from_place(replace(draft, recipients=()), place, Span("attaqué", 24, 31))
    assert [(r.country, r.resolved_by) for r in bare.recipients] == [("MLI", "location")]
    assert not unclaimed(draft.anchor)  # the soldiers are named


def _placed(coder, text: str) -> dict[str, tuple]:
    [(_, events)] = list(coder.code_documents([make_document("t", text, lang="fr")]))
    return {e.trigger.text: e.location and (e.location.name, e.location.country,
                                            e.location.reason) for e in events}


def test_a_city_the_sentence_names_in_any_role_places_the_event(coder) -> None:
    placed = _placed(coder, "Un tribunal de Niamey a acquitté mardi sept militants de la "
                            "société civile.")
    assert placed["a acquitté"] == ("Niamey", "NER", "sentence")


def test_a_name_is_never_cut_short_to_find_a_place(coder) -> None:
    scope, _ = scope_and_draft(coder, "L'Algérie et la Tunisie ont rouvert vendredi le poste "
                                      "frontalier d'Oum Teboul.", "rouvert")
    assert all(p.entry.name != "Oum" for p in scope.places)


def test_seats_of_power_and_french_city_names(coder) -> None:
    placed = _placed(coder, "Le président tchadien a été reçu mercredi au Kremlin par "
                            "Vladimir Poutine.")
    assert placed["a été reçu"][:2] == ("Kremlin", "RUS")
    gazetteer = coder.place_stage.gazetteer
    assert [gazetteer.lookup(n).country for n in ("Pékin", "Vienne", "Mexico", "Maison Blanche")
            ] == ["CHN", "AUT", "MEX", "USA"]


def test_a_dateline_town_the_gazetteer_lacks_is_placed_in_its_bracketed_country(coder):
    # "OBERDORFLI" is no town of the gazetteer: the dateline's "(Suisse)" places the event
    text = ("Sommet pour la paix en Ukraine\nOBERDORFLI (Suisse), 16 juin 2024 (AFP) - La France "
            "et l'Allemagne ont apporté dimanche leur soutien au communiqué final.")
    events = coder.code_text(text)
    assert events and events[0].location.country == "CHE"
    assert events[0].location.reason == "dateline"


def test_the_east_of_a_country_is_an_area_though_the_tagger_reads_est_as_a_verb(coder) -> None:
    scope, draft = scope_and_draft(
        coder, "Des drones turcs ont frappé mardi un dépôt d'armes dans l'est de la Libye.",
        "frappé")
    assert [(p.entry.name, p.locative) for p in scope.places] == [("Libye", True)]
    place = coder.place_stage(draft, scope)
    assert (place.country, place.reason) == ("LBY", "clause")
