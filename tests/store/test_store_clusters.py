"""Cross-article clustering: the sample corpus against its expected clusters, and the rules."""

from __future__ import annotations

import json
import random
from datetime import date

from store_fixtures import EXPECTED, corpus_db, corpus_records  # noqa: F401

from chronique.cli import main
from chronique.evaluate.clusters import read_expected, score
from chronique.store import Corpus
from chronique.store.cluster import Mention, cluster_mentions, same_happening


def test_sample_corpus_clusters_reach_the_targets(corpus_db, capsys):  # noqa: F811
    assert main(["eval-clusters", "--db", str(corpus_db), "--expected", str(EXPECTED),
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["events"] >= 40 and result["labelled"] >= 30
    for level in ("all", "cross_document"):
        assert result[level]["precision"] >= 0.9, result
        assert result[level]["recall"] >= 0.8, result
        assert result[level]["expected_pairs"] >= 20  # enough pairs for the figures to mean something
    assert main(["eval-clusters", "--db", str(corpus_db), "--expected", str(EXPECTED)]) == 0
    printed = capsys.readouterr().out
    assert "cross-document pairs" in printed and "precision" in printed


def _clusters_of(corpus_db, happening: str) -> set[str]:  # noqa: F811
    happenings = {h["id"]: h for h in read_expected(EXPECTED)}
    from chronique.evaluate.clusters import label

    with Corpus(corpus_db) as corpus:
        return {r["cluster_id"] for r in corpus.records()
                if label(r, list(happenings.values())) == happening}


def test_reports_of_one_happening_share_a_cluster(corpus_db):  # noqa: F811
    # (H3 also has a one-sided report, "dénonce", without the Moroccan side: left apart)
    for happening in ("H5", "H6", "H7", "H8", "D1", "D5"):
        assert len(_clusters_of(corpus_db, happening)) == 1, happening


def test_distinct_happenings_do_not_merge(corpus_db):  # noqa: F811
    pairs = [("H1", "D1"), ("H1", "D6"), ("H3", "D5"), ("H3", "D2"), ("H4", "D3"),
             ("H4", "D7"), ("H2", "D4")]
    for a, b in pairs:
        assert not _clusters_of(corpus_db, a) & _clusters_of(corpus_db, b), (a, b)


def test_cluster_rows_know_their_reports(corpus_db):  # noqa: F811
    with Corpus(corpus_db) as corpus:
        rows = corpus.clusters(event_type="ACCUSE").df()
    big = rows[rows["documents"] == 3].iloc[0]
    assert sorted(big["doc_ids"]) == ["a08", "a09", "a10"]
    assert list(big["actor_codes"]) == ["DZA"] and list(big["recipient_codes"]) == ["MAR"]
    assert len(big["urls"]) == 3 and big["mentions"] == len(big["event_ids"])


def _m(doc, seq, keys=("CHN", "KAZ"), day=date(2024, 4, 9), etype="CONSULT", actors=None,
       recipients=None, place=None, strong=True, published=None):
    actors = frozenset(actors if actors is not None else keys)
    return Mention(doc, seq, f"{doc}-{seq}", etype, (False, "fact"), actors,
                   frozenset(recipients or ()), day, published or day, place and place[0],
                   place and place[1], strong)


def test_rules_of_same_happening():
    base = _m("a", 0)
    assert same_happening(base, _m("b", 0, day=date(2024, 4, 10)))
    assert not same_happening(base, _m("b", 0, day=date(2024, 4, 11)))        # 2 days apart
    assert not same_happening(base, _m("b", 0, keys=("CHN", "RUS")))          # other pair
    assert same_happening(base, _m("b", 0, keys=("CHN", "KAZ", "UZB")))       # a third party
    assert not same_happening(_m("a", 0, keys=("CHN",)), base)                # one side only...
    assert same_happening(_m("a", 0, keys=("CHN",), place=("KAZ", (51.2, 71.4))),
                          _m("b", 0, place=("KAZ", (51.1, 71.5))))            # ...placed in KAZ
    paris, lyon, elysee = (48.86, 2.35), (45.76, 4.84), (48.87, 2.32)
    assert not same_happening(_m("a", 0, place=("FRA", paris)), _m("b", 0, place=("FRA", lyon)))
    assert same_happening(_m("a", 0, place=("FRA", paris)), _m("b", 0, place=("FRA", elysee)))
    assert same_happening(_m("a", 0, place=("FRA", paris)),
                          _m("b", 0, place=("FRA", lyon), strong=False))      # a dateline
    accuse = _m("a", 0, etype="ACCUSE", actors=("DZA",), recipients=("MAR",), keys=())
    back = _m("b", 0, etype="ACCUSE", actors=("MAR",), recipients=("DZA",), keys=())
    assert not same_happening(accuse, back)                                   # the reply
    meeting = _m("a", 0, actors=("CHN",), recipients=("KAZ",), keys=())
    assert same_happening(meeting, _m("b", 0, actors=("KAZ",), recipients=("CHN",), keys=()))


def test_clustering_does_not_depend_on_input_order():
    mentions = [_m(d, s, day=date(2024, 4, 9 + (i % 4))) for i, (d, s) in
                enumerate((f"d{i}", i % 2) for i in range(12))]
    mentions += [_m(f"x{i}", 0, keys=("DZA", "MAR"), etype="ACCUSE", day=date(2024, 5, 2 + i))
                 for i in range(5)]

    def partition(ms):
        return sorted(sorted(m.event_id for m in c.members) for c in cluster_mentions(ms))

    reference = partition(mentions)
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert partition(shuffled) == reference
    # complete link: no cluster spans more than one day between its members
    for cluster in cluster_mentions(mentions):
        days = [m.day for m in cluster.members]
        assert (max(days) - min(days)).days <= 1


def test_scores_count_pairs():
    events = [{"doc_id": "a", "event_type": "AID", "sentence": {"text": "x aide"},
               "cluster_id": "c1"},
              {"doc_id": "b", "event_type": "AID", "sentence": {"text": "y aide"},
               "cluster_id": "c1"},
              {"doc_id": "c", "event_type": "AID", "sentence": {"text": "z aide"},
               "cluster_id": "c1"}]
    gold = [{"id": "H", "reports": [{"doc": "a", "text": "aide"}, {"doc": "b", "text": "aide"}]}]
    result = score(events, gold)
    assert result["all"]["precision"] == round(1 / 3, 4) and result["all"]["recall"] == 1.0


def test_top_level_corpus_gives_dataframes(corpus_db):  # noqa: F811
    import chronique

    with chronique.Corpus(corpus_db) as corpus:
        months = corpus.counts(by="month").df()
        assert list(months.columns[:2]) == ["period", "events"]
        # counting happenings (clusters) never gives more than counting reports
        mentions = corpus.counts(by="month", unit="mention").df()
        assert months["events"].sum() <= mentions["events"].sum()
        # every cluster of events that happened (negated ones are not happenings)
        happened = {r["cluster_id"] for r in corpus.records()}
        assert months["events"].sum() == len(happened)
