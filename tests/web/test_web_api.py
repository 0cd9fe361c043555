"""The REST API through FastAPI's test client: coding, the corpus endpoints, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from webtools import ARTICLES, SEED, XSS_DOC_ID

from chronique.exports.writers import CSV_COLUMNS

SEED_TEXT = SEED.read_text(encoding="utf-8")
NIGER = ("Le Niger et le Tchad ont signé jeudi à N'Djamena un accord de coopération militaire, "
         "a annoncé le ministre nigérien de la Défense.")


@pytest.fixture(scope="module")
def seed_answer(client):
    response = client.post("/api/code", json={"text": SEED_TEXT, "published": "2019-05-16"})
    assert response.status_code == 200
    return response.json()


# -- POST /api/code -------------------------------------------------------------------
def test_code_returns_the_coders_records(seed_answer, coder):
    expected = [e.to_dict() for e in coder.code_text(SEED_TEXT, published="2019-05-16")]
    assert seed_answer["events"] == expected
    assert seed_answer["text"] == SEED_TEXT
    assert seed_answer["published"] == "2019-05-16"
    assert seed_answer["lang"] == "fr"
    assert seed_answer["elapsed_ms"] > 0


def test_every_mention_indexes_the_text(seed_answer):
    text = seed_answer["text"]
    assert {m["kind"] for m in seed_answer["mentions"]} >= {"actor", "trigger", "date"}
    for mention in seed_answer["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    starts = [(m["start"], -m["end"]) for m in seed_answer["mentions"]]
    assert starts == sorted(starts)


def test_mentions_link_every_event_field(seed_answer):
    """Each event's trigger, actors, recipients, speaker, place and date words are mentions
    that point back to the event with their role."""
    by_span = {(m["kind"], m["start"], m["end"]): m for m in seed_answer["mentions"]}
    for i, event in enumerate(seed_answer["events"]):
        trigger = by_span[("trigger", event["trigger"]["start"], event["trigger"]["end"])]
        assert {"index": i, "role": "trigger"} in trigger["events"]
        assert trigger["event_type"] == event["event_type"] and trigger["rule"] == event["rule"]
        for side in ("actor", "recipient"):
            for entity in event[side]:
                mention = by_span[("actor", entity["start"], entity["end"])]
                assert {"index": i, "role": side} in mention["events"]
        if event["speaker"]:
            mention = by_span[("actor", event["speaker"]["start"], event["speaker"]["end"])]
            assert {"index": i, "role": "speaker"} in mention["events"]
        place = event["location"]
        if place and place["start"] is not None:
            assert {"index": i, "role": "location"} in by_span[
                ("place", place["start"], place["end"])]["events"]
        if event["date_text"]:
            dated = [m for m in seed_answer["mentions"] if m["kind"] == "date"
                     and {"index": i, "role": "date"} in m["events"]]
            assert [m["text"] for m in dated] == [event["date_text"]]


def test_actor_mentions_say_how_they_were_resolved(seed_answer):
    actors = [m for m in seed_answer["mentions"] if m["kind"] == "actor"]
    chine = [m for m in actors if m["text"] == "Chine"]
    assert chine and all(m["country"] == "CHN" and m["resolved_by"] == "lexicon" for m in chine)
    # coreference: a pronoun or "les deux pays" resolved to a country, and said so
    assert any(m["resolved_by"] in {"pronoun", "anaphor", "coreference"} and m["country"]
               for m in actors)
    # actors named in the text but taking part in no event are highlighted too
    assert any(not m["events"] for m in actors)
    dates = {m["text"]: m["date"] for m in seed_answer["mentions"] if m["kind"] == "date"}
    assert dates["mercredi"] == "2019-05-15"


def test_code_as_csv(client, seed_answer):
    response = client.post("/api/code?format=csv", json={"text": SEED_TEXT,
                                                         "published": "2019-05-16"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert [(r["event_type"], r["cameo"]) for r in rows] == [
        (e["event_type"], e["cameo"]) for e in seed_answer["events"]]
    assert [float(r["goldstein"]) for r in rows] == [e["goldstein"] for e in seed_answer["events"]]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    text = "=HYPERLINK(\"http://exemple.org\") " + NIGER
    rows = list(csv.DictReader(io.StringIO(client.post(
        "/api/code?format=csv", json={"text": text, "lang": "fr"}).text)))
    assert rows
    assert all(not v.startswith(("=", "+", "@")) for row in rows for v in row.values())
    assert rows[0]["sentence"].startswith("'=HYPERLINK(")


def test_code_with_a_date_and_an_id(client):
    answer = client.post("/api/code", json={"text": NIGER, "published": "2024-02-16",
                                            "doc_id": "tchad-1"}).json()
    assert answer["doc_id"] == "tchad-1"
    assert answer["events"] and all(e["doc_id"] == "tchad-1" for e in answer["events"])
    event = answer["events"][0]
    assert event["date"] == "2024-02-15" and event["date_text"] == "jeudi"
    codes = {a["country"] for a in event["actor"] + event["recipient"]}
    assert {"NER", "TCD"} <= codes


def test_emoji_and_astral_characters_keep_offsets_in_code_points(client):
    text = "🇫🇷 La France 🤝 et l'Allemagne ont signé mardi un accord de défense 𝔞𝔟𝔠."
    answer = client.post("/api/code", json={"text": text, "lang": "fr"}).json()
    assert answer["mentions"]
    for mention in answer["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]


# -- errors ---------------------------------------------------------------------------
@pytest.mark.parametrize("body, status, words", [
    (b'{"text": "Le Mali a sign', 422, "malformed JSON"),
    (b'{"text": "Le Mali",}', 422, "malformed JSON at character"),
    (b'', 422, "missing JSON body"),
    (b'[1, 2]', 422, "body"),
    (b'{"published": "2024-01-01"}', 422, "text: Field required"),
    (b'{"text": 12}', 422, "text: Input should be a valid string"),
    (b'{"text": "   \\n  "}', 422, "text is empty"),
    (b'{"text": "Le Mali\\u0000 a sign\\u00e9."}', 422, "NUL"),
    (b'{"text": "Le Mali a sign\\u00e9.", "published": "16 mai"}', 422, "published"),
    (b'{"text": "Le Mali a sign\\u00e9.", "lang": "en"}', 422, "French"),
])
def test_bad_requests_get_a_message(client, body, status, words):
    response = client.post("/api/code", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == status
    assert words in response.json()["error"]


def test_english_text_is_refused_unless_forced(client):
    english = ("The United States and China signed a trade agreement on Tuesday in Geneva, "
               "officials said, after months of talks between the two governments about "
               "tariffs, technology transfers and farm purchases that weighed on markets.")
    response = client.post("/api/code", json={"text": english})
    assert response.status_code == 422
    assert "does not look French (detected language: en)" in response.json()["error"]
    assert client.post("/api/code", json={"text": english, "lang": "fr"}).status_code == 200


def test_text_over_the_limit_gets_413(client):
    text = (NIGER + "\n") * (100_000 // len(NIGER) + 1)
    response = client.post("/api/code", json={"text": text})
    assert response.status_code == 413
    assert response.json()["error"] == (f"text too long: {len(text)} characters; the limit is "
                                        "100000")


def test_body_over_the_limit_gets_413(client):
    body = json.dumps({"text": "é" * 700_000}, ensure_ascii=False).encode()
    assert len(body) > 1024 * 1024
    response = client.post("/api/code", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"].startswith("request body too large: the limit is 1048576")


def test_streamed_body_over_the_limit_gets_413(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(40):
            yield b"x" * 32_768
        yield b'"}'

    response = client.post("/api/code", content=chunks(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_request_past_the_time_limit_gets_504(corpus, coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app
    from chronique.web.limits import Limits

    text = (ARTICLES / "fra-deu-energie.txt").read_text(encoding="utf-8") * 40
    app = create_app(corpus, coder, limits=Limits(time_limit=0.05))
    with TestClient(app) as slow:
        response = slow.post("/api/code", json={"text": text, "lang": "fr"})
        app.state.chronique.coder_pool.shutdown(wait=True)  # the job finishes, unseen
    assert response.status_code == 504
    assert "time limit (0.05 s)" in response.json()["error"]


def test_a_full_queue_gets_503(corpus, coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app
    from chronique.web.limits import Limits

    with TestClient(create_app(corpus, coder, limits=Limits(max_queue=0))) as busy:
        response = busy.post("/api/code", json={"text": NIGER})
    assert response.status_code == 503
    assert "busy" in response.json()["error"]
    assert response.headers["retry-after"] == "2"


# -- corpus endpoints -----------------------------------------------------------------
def test_events_page_and_filters(client):
    everything = client.get("/api/events", params={"per_page": 200}).json()
    assert everything["total"] == len(everything["events"]) > 15
    dates = [e["date"] for e in everything["events"]]
    assert dates == sorted(dates, reverse=True)
    docs = {e["doc_id"] for e in everything["events"]}
    assert docs == {"mli-ner-defense", "mar-esp-migration", "fra-deu-energie", XSS_DOC_ID,
                    "rus-ukr-frappes", "chn-usa-sanctions", "fra-deu-sommet"}

    def get(**params):
        answer = client.get("/api/events", params={"per_page": 200, **params})
        assert answer.status_code == 200, answer.text
        return answer.json()["events"]

    def codes(event):
        return {c for e in event["actor"] + event["recipient"]
                for c in (e["country"], e["id"]) if c}

    assault = get(type="ASSAULT")
    assert [e["doc_id"] for e in assault] == ["rus-ukr-frappes"]
    both = get(type="ACCUSE,THREATEN")
    assert {e["event_type"] for e in both} == {"ACCUSE", "THREATEN"}
    assert get(type=["ACCUSE", "THREATEN"]) == both
    assert all("MAR" in codes(e) for e in get(country="mar"))
    dyad = get(dyad="DEU,FRA")
    assert dyad and all({"FRA", "DEU"} <= codes(e) for e in dyad)
    assert {e["doc_id"] for e in dyad} == {"fra-deu-energie", "fra-deu-sommet"}
    assert get(dyad="FRA,DEU") == dyad
    spring = get(**{"from": "2024-05-01", "to": "2024-05-31"})
    assert spring and all("2024-05-01" <= e["date"] <= "2024-05-31" for e in spring)
    assert {e["doc_id"] for e in spring} == {"rus-ukr-frappes", "chn-usa-sanctions"}
    assert all(e["quad_class"] == 4 for e in get(quad_class=4))
    found = get(q="KHARKIV")
    assert len(found) == 1 and "Kharkiv" in found[0]["sentence"]["text"]
    assert get(q="negociations rapides") == []
    assert len(get(q="DÉFENSE")) == len(get(q="defense")) > 0   # case and accents ignored
    assert all(e["doc_id"] == "fra-deu-sommet" for e in get(doc_id="fra-deu-sommet"))

    first = client.get("/api/events", params={"per_page": 4, "page": 2}).json()
    assert first["pages"] == (everything["total"] + 3) // 4
    assert first["events"] == everything["events"][4:8]


def test_events_records_are_whole(client, coder):
    """A corpus event is the record the coder wrote, plus its cluster."""
    stored = client.get("/api/events", params={"doc_id": "fra-deu-sommet"}).json()["events"]
    text = (ARTICLES / "fra-deu-sommet.txt").read_text(encoding="utf-8")
    from chronique.documents.readers import make_document

    document = make_document("fra-deu-sommet", text, published="2024-06-06", lang="fr")
    coded = [e.to_dict() for e in next(coder.code_documents([document]))[1]]
    assert len(stored) == len(coded)
    by_id = {e["event_id"]: e for e in stored}
    for record in coded:
        mine = dict(by_id[record["event_id"]])
        assert mine.pop("cluster_id")
        for key in ("n_mentions", "n_documents"):
            mine.pop(key, None)
        assert mine == record


def test_events_download(client):
    total = client.get("/api/events", params={"country": "FRA"}).json()["total"]
    response = client.get("/api/events", params={"country": "FRA", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and list(rows[0]) == CSV_COLUMNS
    lines = client.get("/api/events", params={"country": "FRA", "format": "jsonl"}).text
    records = [json.loads(line) for line in lines.splitlines()]
    assert len(records) == total and all(r["event_type"] for r in records)


@pytest.mark.parametrize("params, words", [
    ({"type": "ATTACK"}, "unknown event type 'ATTACK'"),
    ({"country": "<script>"}, "country"),
    ({"dyad": "FRA"}, "dyad"),
    ({"from": "2024-13"}, "from"),
    ({"from": "2024-06-01", "to": "2024-01-01"}, "is after"),
    ({"quad_class": 5}, "quad_class"),
    ({"per_page": 1000}, "per_page"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_get_422(client, params, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert words in response.json()["error"]


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["by"] == "month" and stats["count"] == "clusters"
    periods = [p["period"] for p in stats["series"]]
    assert periods == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    for point in stats["series"]:
        assert point["cooperation"] == point["verbal_cooperation"] + point["material_cooperation"]
        assert point["conflict"] == point["verbal_conflict"] + point["material_conflict"]
    may = next(p for p in stats["series"] if p["period"] == "2024-05")
    assert may["conflict"] > may["cooperation"] and may["mean_goldstein"] < 0
    assert stats["totals"]["events"] == sum(p["events"] for p in stats["series"]) + \
        stats["totals"]["undated"]
    assert sum(t["events"] for t in stats["types"]) == stats["totals"]["events"]
    edges = {(e["source"], e["target"]): e for e in stats["network"]["edges"]}
    assert edges[("DEU", "FRA")]["mean_goldstein"] > 0
    assert edges[("RUS", "UKR")]["mean_goldstein"] < 0
    nodes = {n["code"] for n in stats["network"]["nodes"]}
    assert {s for pair in edges for s in pair} <= nodes
    summary = stats["summary"]
    assert summary["documents"] == 7 and summary["clustered"] is True
    assert summary["date_min"] == "2024-01-08" and summary["date_max"] == "2024-06-05"


def test_stats_by_week_and_day_fill_the_gaps(client):
    weeks = client.get("/api/stats", params={"by": "week", "dyad": "FRA,DEU"}).json()["series"]
    assert weeks[0]["period"] == "2024-03-11" and weeks[-1]["period"] == "2024-06-03"
    assert len(weeks) == 13 and sum(w["events"] for w in weeks) >= 2
    assert all(w["events"] == 0 for w in weeks[1:-1])
    days = client.get("/api/stats", params={"by": "day", "country": "UKR"}).json()["series"]
    assert [d["period"] for d in days] == ["2024-05-16"]


def test_stats_count_clusters_mentions_or_one_a_day(client):
    def stats(count):
        answer = client.get("/api/stats", params={"count": count, "negated": "true"}).json()
        assert answer["count"] == count
        return answer["totals"]

    clusters, mentions, daily = stats("clusters"), stats("mentions"), stats("one-a-day")
    total = client.get("/api/events").json()["total"]
    assert mentions["events"] == mentions["reports"] == total
    assert clusters["reports"] == daily["reports"] == total
    assert clusters["events"] == client.get("/api/health").json()["corpus"]["clusters"]
    # one-a-day collapses only what shares a day and a coding (tests/store checks which)
    assert clusters["events"] < total and daily["events"] <= total


def test_document(client):
    doc = client.get("/api/documents/fra-deu-sommet").json()
    assert doc["doc_id"] == "fra-deu-sommet"
    assert doc["document"]["title"] == "Sommet franco-allemand à Hambourg"
    assert doc["document"]["published"] == "2024-06-06"
    indexes = [e["sentence"]["index"] for e in doc["events"]]
    assert indexes == sorted(indexes) and doc["events"]
    source = (ARTICLES / "fra-deu-sommet.txt").read_text(encoding="utf-8")
    for mention in doc["mentions"]:
        assert source[mention["start"]:mention["end"]] == mention["text"]
    kinds = {m["kind"] for m in doc["mentions"]}
    assert {"actor", "trigger", "date"} <= kinds


def test_document_with_a_hostile_id_and_a_missing_one(client):
    from urllib.parse import quote

    doc = client.get("/api/documents/" + quote(XSS_DOC_ID, safe="")).json()
    assert doc["doc_id"] == XSS_DOC_ID and doc["events"]
    missing = client.get("/api/documents/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"] == "no document 'nothing-here' in the corpus"
    assert client.get("/api/documents/..%2F..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_without_a_corpus(coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    with TestClient(create_app(None, coder)) as bare:
        for path in ("/api/events", "/api/stats", "/api/documents/x"):
            response = bare.get(path)
            assert response.status_code == 404
            assert "chronique serve --db" in response.json()["error"]
        assert bare.get("/api/health").json()["corpus"] is None
        assert 'data-corpus="0"' in bare.get("/corpus").text
        assert bare.post("/api/code", json={"text": NIGER}).status_code == 200


def test_health_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["coder_loaded"] is True
    assert health["limits"]["max_body_bytes"] == 1024 * 1024
    assert health["limits"]["max_text_chars"] == 100_000
    assert health["corpus"]["documents"] == 7
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/health", "/api/code", "/api/events", "/api/stats",
                                  "/api/documents/{doc_id}"}
    assert "413" in spec["paths"]["/api/code"]["post"]["responses"]
    assert client.get("/redoc").status_code == 404    # no page that loads a CDN


def test_unknown_route_and_method(client):
    assert client.get("/api/nothing").json() == {"error": "not found"}
    response = client.delete("/api/code")
    assert response.status_code == 405 and "error" in response.json()
