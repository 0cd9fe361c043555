"""The dates stage (coding/dates.py, dates.py, data/fr/dates.yaml): the date each event
takes."""

from __future__ import annotations

import pytest
from stagehelp import read, tokens_named

from chronique.coding.dates import DateStage, choose, is_future, without_dateline
from chronique.coding.state import DocState
from chronique.dates import PartialDate
from chronique.documents.readers import make_document

PUBLISHED = PartialDate.parse("2019-05-16")  # a Thursday


def test_an_act_to_come_is_dated_at_its_announcement(coder) -> None:
    text = "Le président malien a annoncé dimanche qu'il se rendrait mardi à Abidjan."
    sentences, _ = read(coder, text)
    sentence = sentences[0].sentence
    stage: DateStage = coder.date_stage
    state = DocState()
    dates = stage.find(sentence, make_document("t", text), PUBLISHED, state)
    assert [(d.text, d.date) for d in dates] == [("dimanche", "2019-05-12"),
                                                 ("mardi", "2019-05-14")]
    assert state.article_date == ("2019-05-12", "dimanche")
    rendrait = tokens_named(sentences[0], "rendrait")
    assert is_future(rendrait, coder.dates.future_governors)
    chosen = choose(rendrait, sentence, dates, state, PUBLISHED, future=True)
    assert (chosen.date, chosen.reason) == ("2019-05-12", "weekday")


def test_no_date_words_take_the_article_day_then_the_publication(coder) -> None:
    sentences, _ = read(coder, "Le Tchad a fermé sa frontière.")
    sentence = sentences[0].sentence
    anchor = tokens_named(sentences[0], "fermé")
    assert choose(anchor, sentence, [], DocState(), PUBLISHED) == (
        "2019-05-16", None, "publication")
    state = DocState(article_date=("2019-05-14", "mardi"))
    assert choose(anchor, sentence, [], state, PUBLISHED) == ("2019-05-14", None, "article-day")
    assert choose(anchor, sentence, [], DocState(), None) == (None, None, None)


def test_the_dateline_does_not_date_events(coder) -> None:
    text = "BAMAKO, 3 mars 2023 (AFP) - Le Mali a rappelé son ambassadeur."
    parsed = coder.parse.one(text)
    sentence = parsed.sentences[0]
    blanked = without_dateline(sentence, (0, 26))
    assert len(blanked) == len(sentence.text) and "mars" not in blanked
    assert blanked.endswith("Le Mali a rappelé son ambassadeur.")


def _dated(coder, text: str, published: str) -> dict[str, tuple]:
    document = make_document("t", text, published=published, lang="fr")
    [(_, events)] = list(coder.code_documents([document]))
    return {e.trigger.text: (e.date, e.date_reason) for e in events}


def test_the_page_header_does_not_date_events_nor_the_article(coder) -> None:
    text = ("Le Niger ferme son espace aérien\nPublié le 07/08/2023 à 09h40\n"
            "La junte a fermé dimanche l'espace aérien du pays.\n"
            "Elle a aussi rappelé son ambassadeur à Paris.")
    document = make_document("t", text, published="2023-08-07")
    assert text[slice(*document.header)] == "Publié le 07/08/2023 à 09h40"
    dates = _dated(coder, text, "2023-08-07")
    assert dates["a fermé dimanche l'espace"] == ("2023-08-06", "weekday")
    assert dates["a aussi rappelé son ambassadeur"] == ("2023-08-06", "article-day")


#: texts, their publication day, and the date (and reason) of some of their events: one test
#: per row (dates.yaml's rules at work in whole texts)
DATED = [
    pytest.param(
        "Les pays du Sahel quittent l'organisation régionale\n"
        "Les trois pays ont annoncé dimanche leur départ immédiat de l'organisation.\n"
        "Le Mali a accusé l'organisation de trahir ses pères fondateurs.", "2024-01-29",
        {"a accusé": ("2024-01-28", "article-day")},
        id="the-article-day-is-the-first-day-named-even-where-no-event-is-found"),
    pytest.param(
        "Le Canada expulse un diplomate indien\n"
        "OTTAWA, 19 septembre (Agence) - L'Inde a rejeté mardi les accusations du Canada.\n"
        "Le Premier ministre canadien avait accusé lundi New Delhi devant le Parlement.\n"
        "Il avait exhorté l'Inde à coopérer avec la justice canadienne.", "2023-09-19",
        {"avait exhorté": ("2023-09-18", "pluperfect-day"),
         "a rejeté": ("2023-09-19", "weekday")},
        id="a-background-act-in-the-pluperfect-takes-the-last-day-named"),
    pytest.param(
        "Le policier qui a tué mardi un adolescent a été arrêté jeudi par ses collègues "
        "à Nanterre.", "2023-06-30", {"a été arrêté": ("2023-06-29", "weekday")},
        id="a-date-of-another-verbs-clause-is-not-the-events"),
    pytest.param(
        "Alors que le Conseil de sécurité devait se réunir jeudi, le président américain "
        "a condamné mercredi l'assassinat.", "2021-07-08",
        {"a condamné": ("2021-07-07", "weekday")},
        id="a-date-of-another-verbs-clause-is-not-the-events-2"),
    pytest.param(
        "Heurts à Conakry après l'arrestation d'un opposant\n"
        "Le principal opposant guinéen a été arrêté lundi à son domicile de Conakry.\n"
        "Samedi, des milliers de ses partisans avaient marché vers le palais présidentiel. "
        "La police a dispersé les cortèges à coups de gaz lacrymogène.\n"
        "Le gouvernement a accusé l'opposition de vouloir semer le chaos.", "2020-10-28",
        {"a dispersé": ("2020-10-24", "paragraph-day"),
         "a accusé": ("2020-10-26", "article-day")},
        id="an-act-with-no-date-words-takes-the-day-its-paragraph-named"),
    pytest.param(
        "Le ministre nigérien qui avait démissionné samedi a rencontré mercredi le président "
        "et appelé à l'unité nationale.", "2021-03-05",
        {"appelé": ("2021-03-03", "weekday")},
        id="a-conjunct-takes-its-verbs-date-not-one-of-a-relative-clause"),
    pytest.param(
        "Burkina: une radio étrangère suspendue\n"
        "OUAGADOUGOU, 14 mars (Agence) - Le gouvernement a suspendu mercredi la diffusion "
        "d'une radio étrangère.\n"
        "Mardi, le ministre de la Communication avait dénoncé le récit de l'attaque de "
        "Djibo, menée le 2 février par des jihadistes.\n"
        "Il avait convoqué le représentant de la radio à Ouagadougou.", "2024-03-14",
        {"avait convoqué le représentant": ("2024-03-12", "pluperfect-day")},
        id="the-day-the-text-goes-on-telling-is-its-main-clauses"),
    pytest.param(
        "Procès des attentats de Bruxelles\n"
        "Les attentats du 22 mars 2016 avaient fait trente-deux morts à l'aéroport et dans "
        "le métro.\n"
        "La cour a condamné six accusés à la réclusion à perpétuité.", "2023-09-16",
        {"a condamné": ("2023-09-16", "publication")},
        id="a-day-years-before-the-publication-is-not-the-articles-day"),
    pytest.param(
        # the elections' day, not the pledge's: the pledge takes the publication day
        "Le chef de la junte malienne s'est engagé à organiser des élections le 12 novembre.",
        "2023-06-07", {"s'est engagé": ("2023-06-07", "publication")},
        id="a-date-of-an-infinitive-the-verb-governs-is-that-acts"),
]


@pytest.mark.parametrize(("text", "published", "expected"), DATED)
def test_events_of_a_text_take_their_dates(coder, text: str, published: str,
                                           expected: dict[str, tuple]) -> None:
    dates = _dated(coder, text, published)
    assert {trigger: dates[trigger] for trigger in expected} == expected
