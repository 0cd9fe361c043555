"""The recode stage (coding/recode.py, data/fr/recode.yaml): PLOVER re-typing rules, each
tag reaching the record's rule."""

from __future__ import annotations

from types import SimpleNamespace

from chronique.coding.recode import Coding, Facts, Recoder
from chronique.lang import table
from chronique.record import Entity


def facts(lemma: str = "x", pattern_type: str = "ASSAULT", countries=("MLI",),
          announced: bool = False, reported: bool = False, governors=()) -> Facts:
    anchor = SimpleNamespace(lemma_=lemma)
    actors = tuple(Entity(c, 0, 1, country=c) for c in countries)
    return Facts(anchor, pattern_type, actors, announced, reported,
                 lambda _: [SimpleNamespace(lemma_=g) for g in governors])


def test_every_rule_has_an_id_a_tag_and_a_type() -> None:
    rules = table("recode")["rules"]
    assert len({r["id"] for r in rules}) == len(rules) == 5
    assert all(r["tag"] and r["then"]["type"] for r in rules)


def test_joint_exercises_of_two_countries_are_cooperation() -> None:
    recode = Recoder()
    out = recode(Coding("MOBILIZE", "exercise", "asserted", "mobilize/manoeuvre"),
                 facts("manœuvre", "MOBILIZE", ("FRA", "EGY")))
    assert out == Coding("COOPERATE", None, "asserted", "mobilize/manoeuvre+joint")
    alone = recode(Coding("MOBILIZE", None, "asserted", "r"), facts("manœuvre", "MOBILIZE"))
    assert alone.event_type == "MOBILIZE"


def test_preparing_an_attack_is_mobilization() -> None:
    out = Recoder()(Coding("ASSAULT", None, "asserted", "r"),
                    facts(governors=("apprêter",)))
    assert (out.event_type, out.rule) == ("MOBILIZE", "r+preparing")


def test_an_announced_hostile_act_is_a_threat_with_its_mode() -> None:
    out = Recoder()(Coding("COERCE", "arrest", "intended", "r"),
                    facts(pattern_type="COERCE", announced=True, reported=True))
    assert out == Coding("THREATEN", "arrest", "reported", "r+announced")
    unspoken = Recoder()(Coding("PROTEST", None, "intended", "r"),
                         facts(pattern_type="PROTEST", announced=True))
    assert unspoken == Coding("THREATEN", "restrict", "asserted", "r+announced")


def test_a_future_retreat_is_a_concession_and_chains_are_exclusive() -> None:
    out = Recoder()(Coding("RETREAT", None, "hypothetical", "r"),
                    facts(pattern_type="RETREAT", governors=("annoncer",)))
    assert out == Coding("CONCEDE", None, "hypothetical", "r+future")
    # joint exercises re-typed to COOPERATE then go on to the future-cooperation rule
    chained = Recoder()(Coding("MOBILIZE", None, "intended", "r"),
                        facts("exercice", "MOBILIZE", ("FRA", "EGY")))
    assert chained == Coding("AGREE", None, "intended", "r+joint+future")


def test_an_announced_resignation_is_a_resignation() -> None:
    # "a annoncé sa démission" resigns; "démissionnera" (intended) is still a concession
    announced = Recoder()(Coding("RETREAT", "resign", "asserted", "r"),
                          facts(pattern_type="RETREAT", governors=("annoncer",)))
    assert announced == Coding("RETREAT", "resign", "asserted", "r")
    future = Recoder()(Coding("RETREAT", "resign", "intended", "r"),
                       facts(pattern_type="RETREAT"))
    assert future.event_type == "CONCEDE"


def test_an_announced_resignation_in_a_sentence(coder) -> None:
    events = coder.code_text("Le Premier ministre malien a annoncé vendredi soir sa démission.",
                             published="2019-05-17")
    assert [(e.event_type, e.mode) for e in events] == [("RETREAT", "resign")]


def test_future_cooperation_in_a_sentence(coder) -> None:
    events = coder.code_text("Le Niger va signer un accord de défense avec le Tchad.",
                             published="2019-05-16")
    assert [(e.event_type, e.rule) for e in events] == [("AGREE", "support/signer+future")]
