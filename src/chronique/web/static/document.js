/* chronique: a corpus document with its events and mentions. */
"use strict";

(function () {
  const C = window.chronique;
  const COLUMNS = ["n", "type", "cameo", "quad", "goldstein", "actor", "recipient", "date", "place",
    "trigger", "modality", "rule", "confidence"];
  const META = ["title", "url", "published", "lang", "coder_version", "coded_at"];
  let doc = null, views = [], chain = [], statusNode = null, failed = null;

  document.addEventListener("DOMContentLoaded", async () => {
    statusNode = document.getElementById("status");
    C.onLang(() => { if (doc) render(); else if (failed) C.setStatus(statusNode, failed(), true); });
    const id = new URLSearchParams(window.location.search).get("id");
    if (!id) {
      failed = () => C.t("document.missing");
      C.setStatus(statusNode, failed(), true);
      return;
    }
    C.setStatus(statusNode, C.t("loading"));
    try {
      doc = await C.api(`/api/documents/${encodeURIComponent(id)}`);
      C.setStatus(statusNode, "");
      render();
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (hash.startsWith("e-")) {
        const index = doc.events.findIndex((e) => "e-" + e.event_id === hash);
        if (index >= 0) focusEvent(index);
      }
    } catch (error) {
      failed = () => C.t("error", {message: error.message});
      C.setStatus(statusNode, failed(), true);
    }
  });

  function focusEvent(index) {
    views.forEach((v) => v.focusEvent(index));
    C.selectRow(document.getElementById("events"), index);
  }

  function render() {
    const meta = C.clear(document.getElementById("doc-meta"));
    document.getElementById("doc-title").textContent = doc.document.title || doc.doc_id;
    const rows = [["meta.doc_id", doc.doc_id]];
    for (const key of META) if (doc.document[key]) rows.push(["meta." + key, doc.document[key]]);
    for (const [key, value] of rows) {
      let cell = String(value);
      if (key === "meta.url") {
        const href = C.safeHref(value);
        cell = href ? C.el("a", {href, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-link"}, String(value))
          : C.el("span", {class: "unsafe-url"}, String(value));
      }
      meta.appendChild(C.el("tr", null, C.el("th", null, C.t(key)), C.el("td", null, cell)));
    }
    document.getElementById("result").hidden = false;
    const details = document.getElementById("details");
    const onSelect = (selected) => {
      chain = selected;
      C.renderDetails(details, chain, doc.events, focusEvent);
    };
    const box = C.clear(document.getElementById("annotated"));
    views = [];
    if (doc.text !== null && doc.text !== undefined) {
      document.getElementById("sentences-only").hidden = true;
      views.push(C.renderAnnotated(box, doc.text, doc.mentions, {onSelect}));
    } else {
      // only the sentences of the events are known: show each with its own mentions
      document.getElementById("sentences-only").hidden = false;
      const seen = new Map();
      for (const e of doc.events) if (e.sentence && !seen.has(e.sentence.start)) seen.set(e.sentence.start, e.sentence);
      [...seen.values()].sort((a, b) => a.start - b.start).forEach((s) => {
        const inside = doc.mentions.filter((m) => m.start >= s.start && m.end <= s.end)
          .map((m) => Object.assign({}, m, {start: m.start - s.start, end: m.end - s.start}));
        const p = C.el("p", {class: "sentence", dataset: {start: String(s.start)}});
        box.appendChild(p);
        views.push(C.renderAnnotated(p, s.text, inside, {onSelect}));
      });
    }
    C.renderDetails(details, chain, doc.events, focusEvent);
    C.renderLegend(document.getElementById("legend"), doc.mentions);
    document.getElementById("event-count").textContent = `(${doc.events.length})`;
    C.eventsTable(document.getElementById("events"), doc.events, COLUMNS, {onRow: focusEvent});
  }
})();
