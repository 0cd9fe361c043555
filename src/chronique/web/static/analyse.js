/* chronique: the Analyse page (paste or open an article, code it, see it annotated). */
"use strict";

(function () {
  const C = window.chronique;
  const COLUMNS = ["n", "type", "cameo", "quad", "goldstein", "actor", "recipient", "date", "place",
    "trigger", "modality", "rule", "confidence"];
  let current = null;      // the last answer of POST /api/code
  let view = null;         // the annotated text's controls
  let chain = [];          // the mentions under the last click
  let status = {key: null, vars: null, error: false};

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("code-form");
    const text = document.getElementById("text");
    const counter = document.getElementById("counter");
    const maxText = Number(document.body.dataset.maxText) || 100000;
    const statusNode = document.getElementById("status");
    const button = document.getElementById("analyse");

    function say(key, vars, error) {
      status = {key, vars, error: Boolean(error)};
      if (!key) C.setStatus(statusNode, "");
      else if (key === "raw") C.setStatus(statusNode, C.t("error", {message: vars}), true);
      else C.setStatus(statusNode, C.t(key, vars), error);
    }
    function count() {
      const n = Array.from(text.value).length;
      counter.textContent = `${n.toLocaleString()} / ${maxText.toLocaleString()}`;
      counter.classList.toggle("over", n > maxText);
      return n;
    }
    text.addEventListener("input", count);
    count();

    document.getElementById("file").addEventListener("change", (ev) => {
      const file = ev.target.files && ev.target.files[0];
      if (!file) return;
      const reader = new FileReader();
      reader.onload = () => {
        let value = String(reader.result || "");
        if (/\.html?$/i.test(file.name) || /^\s*<(!doctype|html)/i.test(value)) value = htmlText(value);
        text.value = value;
        say("analyse.file", {name: file.name, n: count()});
      };
      reader.readAsText(file, "utf-8");
    });

    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const n = count();
      if (!text.value.trim()) return say("analyse.empty", null, true);
      if (n > maxText) return say("analyse.toolong", {n, max: maxText}, true);
      button.disabled = true;
      say("analyse.running");
      try {
        current = await C.api("/api/code", {method: "POST", headers: {"Content-Type": "application/json", "Accept": "application/json"},
          body: JSON.stringify(request())});
        render();
        say("analyse.done", {events: current.events.length, mentions: current.mentions.length, ms: Math.round(current.elapsed_ms)});
      } catch (error) {
        say("raw", error.message, true);
      } finally {
        button.disabled = false;
      }
    });

    document.getElementById("download-json").addEventListener("click", () => {
      if (current) C.download("chronique-events.json", "application/json", JSON.stringify(current.events, null, 2) + "\n");
    });
    document.getElementById("download-csv").addEventListener("click", async () => {
      if (!current) return;
      try {
        const response = await fetch("/api/code?format=csv", {method: "POST", headers: {"Content-Type": "application/json"},
          body: JSON.stringify(Object.assign(request(), {text: current.text}))});
        if (!response.ok) throw new Error((await response.json()).error);
        C.download("chronique-events.csv", "text/csv", await response.blob());
      } catch (error) {
        say("raw", error.message, true);
      }
    });

    C.onLang(() => {
      if (status.key) say(status.key, status.vars, status.error);
      if (current) render(true);
      count();
    });
  });

  function request() {
    const body = {text: document.getElementById("text").value};
    const published = document.getElementById("published").value.trim();
    const lang = document.getElementById("lang").value;
    if (published) body.published = published;
    if (lang) body.lang = lang;
    return body;
  }

  function focusEvent(index) {
    if (view) view.focusEvent(index);
    C.selectRow(document.getElementById("events"), index);
  }

  function render(keepSelection) {
    const result = document.getElementById("result");
    result.hidden = false;
    const details = document.getElementById("details");
    view = C.renderAnnotated(document.getElementById("annotated"), current.text, current.mentions, {
      onSelect(selected) {
        chain = selected;
        C.renderDetails(details, chain, current.events, focusEvent);
      },
    });
    if (!keepSelection) chain = [];
    C.renderDetails(details, chain, current.events, focusEvent);
    C.renderLegend(document.getElementById("legend"), current.mentions);
    document.getElementById("event-count").textContent = `(${current.events.length})`;
    C.eventsTable(document.getElementById("events"), current.events, COLUMNS, {onRow: focusEvent});
  }

  /** The readable text of an HTML page (parsed inert: nothing in it runs or loads). */
  function htmlText(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("script, style, noscript, template, nav, header, footer, aside").forEach((n) => n.remove());
    const blocks = [...doc.querySelectorAll("h1, h2, h3, p, li, blockquote")]
      .map((n) => n.textContent.replace(/\s+/g, " ").trim()).filter(Boolean);
    return blocks.length ? blocks.join("\n") : (doc.body ? doc.body.textContent : "").replace(/[ \t]+/g, " ").trim();
  }
})();
