"""Helpers of the web tests: the test corpus (articles in ``articles/``, coded into a corpus
file by the store), live servers (uvicorn in a thread), watched browser pages, screenshots."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
ARTIFACTS = HERE.parent / "artifacts"
SEED = HERE.parent.parent / "examples" / "000_7c92b074c704cec9.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

#: the articles (short French dispatches written for these tests, about invented events) with
#: the publication date, title and source URL each is stored with
META = {
    "mli-ner-defense": ("2024-01-09", "Le Mali et le Niger signent un pacte de défense",
                        "https://exemple.org/afrique/mali-niger"),
    "mar-esp-migration": ("2024-02-11", "Migration : Rabat et Madrid resserrent les rangs",
                          "https://exemple.org/monde/maroc-espagne"),
    "fra-deu-energie": ("2024-03-13", "Hydrogène : Paris et Berlin s'entendent",
                        "https://exemple.org/europe/hydrogene"),
    "xss-payloads": ("2024-04-03", "<img src=x onerror=\"window.__xss='title';alert('title')\">",
                     "javascript:window.__xss='url';alert('url')"),
    "rus-ukr-frappes": ("2024-05-17", "Frappes russes sur Kharkiv", None),
    "chn-usa-sanctions": ("2024-05-25", "Pékin menace Washington de représailles", None),
    "fra-deu-sommet": ("2024-06-06", "Sommet franco-allemand à Hambourg", None),
}
#: the hostile article is stored under a hostile id too
XSS_DOC_ID = "xss-payloads\"><script>window.__xss='id';alert('id')</script>"


def doc_id_of(stem: str) -> str:
    return XSS_DOC_ID if stem == "xss-payloads" else stem


def corpus_documents():
    from chronique.documents.readers import make_document

    for stem, (published, title, url) in META.items():
        text = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
        yield make_document(doc_id_of(stem), text, published=published, title=title, url=url,
                            lang="fr", source=f"{stem}.txt")


def build_corpus(path: Path, coder) -> Path:
    """Code the articles into a corpus file with the store (and cluster them)."""
    from chronique.store import Store

    with Store(path) as store:
        store.write(coder.code_documents(corpus_documents()), "test")
        store.recluster()
    return path


class LiveServer:
    """uvicorn serving an application in a thread, on a socket bound before it starts."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


class Watched:
    """A browser page and what happened on it: dialogs, script errors, requests."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text)
                     if msg.type == "error" else None)
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_clean(watched, base: str) -> None:
    """No alert, no script error, and every request went to our own server (no CDN)."""
    assert watched.dialogs == []
    assert watched.errors == []
    foreign = [u for u in watched.requests
               if not u.startswith(base + "/") and not u.startswith(("data:", "blob:"))]
    assert foreign == []


def analyse(page, base: str, text: str, published: str | None = None, lang: str = "") -> None:
    page.goto(base + "/")
    page.fill("#text", text)
    if published:
        page.fill("#published", published)
    if lang:
        page.select_option("#lang", lang)
    page.click("#analyse")
    page.wait_for_selector("#result:not([hidden]) #events tbody tr")


def marks(page, selector: str) -> list[dict]:
    """Each highlighted mention once (a mention split in parts has one data-m)."""
    found = page.eval_on_selector_all(selector, """nodes => nodes.map(n => ({
        m: n.dataset.m, kind: n.dataset.kind, country: n.dataset.country || null,
        type: n.dataset.type || null, date: n.dataset.date || null, text: n.textContent,
        events: n.dataset.events}))""")
    seen, out = set(), []
    for mark in found:
        if mark["m"] not in seen:
            seen.add(mark["m"])
            out.append(mark)
    return out
