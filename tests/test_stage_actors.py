"""The actors/coref stage (coding/actors.py, actors/resolve.py, actors/coref.py): the reading
pass resolves noun phrases in order, so a pronoun finds the subject before it."""

from __future__ import annotations

import pytest
from stagehelp import read, tokens_named

from chronique.coding.actors import ActorStage


def test_a_pronoun_is_the_previous_subject(coder) -> None:
    assert isinstance(coder.actor_stage, ActorStage)
    sentences, ctx = read(coder, "Le président malien est arrivé à Paris. "
                                 "Il a rencontré son homologue français.")
    second = sentences[1]
    found = coder.resolver.resolve_one(tokens_named(second, "Il"), second.phrase, ctx)
    assert [(e.country, e.sector, e.resolved_by) for e in found] == [("MLI", "GOV", "pronoun")]


def test_a_counterpart_keeps_its_own_country(coder) -> None:
    sentences, ctx = read(coder, "Le président malien est arrivé à Paris. "
                                 "Il a rencontré son homologue français.")
    second = sentences[1]
    found = coder.resolver.resolve_one(tokens_named(second, "homologue"), second.phrase, ctx)
    assert [(e.text, e.country) for e in found] == [("homologue français", "FRA")]


def test_the_speaker_is_resolved(coder) -> None:
    sentences, ctx = read(coder, "Le Sénégal est prêt à relancer le dialogue avec la Gambie, "
                                 "a affirmé le ministre sénégalais.")
    first = sentences[0]
    speaker = coder.actor_stage.speaker(tokens_named(first, "ministre"), first.phrase, ctx)
    assert (speaker.country, speaker.sector) == ("SEN", "GOV")
    assert coder.actor_stage.speaker(None, first.phrase, ctx) is None


def test_coordinated_countries_are_two_entities(coder) -> None:
    sentences, ctx = read(coder, "Le Mali et le Niger ont signé un accord.")
    first = sentences[0]
    found = coder.resolver.resolve(tokens_named(first, "Mali"), first.phrase, ctx)
    assert [e.country for e in found] == ["MLI", "NER"]


@pytest.mark.parametrize("phrase", ["Les deux dirigeants", "Les deux présidents",
                                    "Les deux délégations"])
def test_the_two_leaders_are_the_two_countries_named(coder, phrase: str) -> None:
    # anaphors.tsv: "les deux dirigeants" refers back to the last two countries named
    text = (f"Le président sénégalais a reçu mardi à Dakar son homologue gambien. {phrase} ont "
            "signé un accord de coopération sur la sécurité des frontières.")
    events = coder.code_text(text, published="2024-05-15")
    signed = [e for e in events if e.trigger.text.startswith("ont signé")]
    assert signed and {a.country for a in signed[0].actor} == {"SEN", "GMB"}


@pytest.mark.parametrize(("sentence", "country"), [
    ("Des policiers ont arrêté mardi à Dakar deux journalistes de la radio française RFI.",
     "SEN"),
    ("Des gendarmes ont interpellé lundi à Niamey un reporter de la chaîne américaine CNN.",
     "NER"),
])
def test_the_police_are_of_the_place_not_of_the_sentence_s_foreigners(
        coder, sentence: str, country: str) -> None:
    # words/local_sectors.txt: a policeman without a country is of the event's place
    events = coder.code_text(sentence, published="2024-03-06")
    assert events and [a.country for a in events[0].actor] == [country]


@pytest.mark.parametrize(("published", "country", "ident"), [
    ("2016-03-22", "BEL", None),   # Belgian Prime Minister then
    ("2021-03-22", "IGO", "EU"),   # President of the European Council (persons.tsv: 2019-2024)
])
def test_an_official_outside_the_term_of_office_is_not_the_organisation_s(
        coder, published: str, country: str, ident: str | None) -> None:
    events = coder.code_text("Le Premier ministre Charles Michel a appelé les Belges au calme "
                             "après les attentats de Bruxelles.", published=published)
    assert events and (events[0].actor[0].country, events[0].actor[0].id) == (country, ident)


@pytest.mark.parametrize("text, head", [
    ("Le Parlement libyen siège à Tobrouk. Le gouvernement a sollicité jeudi l'Italie pour "
     "former ses garde-côtes.", "gouvernement"),
    ("La crise libyenne s'aggrave à Tripoli. Le GNA a demandé mardi l'aide militaire de la "
     "Turquie.", "GNA"),
])
def test_an_actor_without_its_country_is_not_of_the_party_it_acts_on(coder, text, head
                                                                      ) -> None:
    # the only country of the sentence is the verb's other party: the article's country
    sentences, ctx = read(coder, text)
    second = sentences[1]
    found = coder.resolver.resolve_one(tokens_named(second, head), second.phrase, ctx)
    assert [e.country for e in found] == ["LBY"]


def test_a_news_agency_does_not_make_the_article_s_country(coder) -> None:
    # "(AFP)" names a French agency; the soldiers of a Tunisian story are Tunisia's
    text = ("Crise politique en Tunisie\n\nTUNIS, 26 juillet 2021 (AFP) - Le président Kaïs "
            "Saïed a suspendu dimanche les travaux du Parlement.\n\nCe lundi matin, des unités "
            "de l'armée ont été déployées autour du siège du Parlement.")
    events = coder.code_text(text, published="2021-07-26")
    deployed = [e for e in events if e.event_type == "MOBILIZE"]
    assert deployed and {e.country for e in deployed[0].actor} == {"TUN"}
