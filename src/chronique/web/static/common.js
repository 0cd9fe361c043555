/* chronique: shared helpers of the pages.
 *
 * Text from articles and from the corpus is only ever inserted as text nodes
 * (textContent, createTextNode) or as attribute values set through the DOM; no HTML is
 * built from strings, and links are only made to http(s) addresses.
 */
"use strict";

(function () {
  const I18N = window.CHRONIQUE_I18N;
  const C = {};
  window.chronique = C;

  // -- language ---------------------------------------------------------------------
  const params = new URLSearchParams(window.location.search);
  let lang = params.get("lang");
  if (!I18N[lang]) {
    try { lang = window.localStorage.getItem("chronique.lang"); } catch (e) { lang = null; }
  }
  if (!I18N[lang]) lang = (navigator.language || "en").toLowerCase().startsWith("fr") ? "fr" : "en";
  const listeners = [];

  C.lang = () => lang;
  C.t = function (key, vars) {
    let s = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    }
    return s;
  };
  C.has = (key) => Boolean(I18N.en[key]);
  C.onLang = (fn) => listeners.push(fn);
  C.applyLang = function (root) {
    (root || document).querySelectorAll("[data-i18n]").forEach((node) => {
      node.textContent = C.t(node.dataset.i18n);
    });
    (root || document).querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
      node.placeholder = C.t(node.dataset.i18nPlaceholder);
    });
    document.documentElement.lang = lang;
    document.querySelectorAll(".lang-switch button").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    });
  };
  C.setLang = function (next) {
    if (!I18N[next]) return;
    lang = next;
    try { window.localStorage.setItem("chronique.lang", next); } catch (e) { /* private mode */ }
    C.applyLang();
    listeners.forEach((fn) => fn(lang));
  };

  // -- DOM --------------------------------------------------------------------------
  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
    return node;
  }
  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.setAttribute("class", value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "style") Object.assign(node.style, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "href") {
        const safe = C.safeHref(value);
        if (safe) node.setAttribute("href", safe);
      } else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  /** el("td", {class: "x"}, "text", child, ...): an element; strings become text nodes. */
  C.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    return append(node, children);
  };
  const SVG_NS = "http://www.w3.org/2000/svg";
  C.svg = function (tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    return append(node, children);
  };
  C.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };
  /** The address if it is a same-site path or an http(s) URL, else null. */
  C.safeHref = function (value) {
    const s = String(value || "").trim();
    if (/^\/(?!\/)/.test(s) || s.startsWith("#") || s.startsWith("?")) return s;
    try {
      const url = new URL(s);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  };

  // -- API ------------------------------------------------------------------------
  C.api = async function (path, options) {
    const response = await fetch(path, Object.assign({headers: {"Accept": "application/json"}}, options || {}));
    let body = null;
    const type = response.headers.get("content-type") || "";
    if (type.includes("json")) body = await response.json();
    else body = await response.text();
    if (!response.ok) {
      const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  };
  C.download = function (filename, mime, content) {
    const blob = content instanceof Blob ? content : new Blob([content], {type: mime});
    const url = URL.createObjectURL(blob);
    const a = C.el("a", {download: filename});
    a.href = url;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  C.setStatus = function (node, message, isError) {
    node.textContent = message || "";
    node.classList.toggle("error", Boolean(isError));
  };

  // -- colours ----------------------------------------------------------------------
  const INTERNATIONAL = new Set(["IGO", "NGO", "MNC"]);
  /** An entity's code: the organisation id for international actors, else the country. */
  C.code = function (e) {
    if (!e) return null;
    if (e.id && (!e.country || INTERNATIONAL.has(e.country))) return e.id;
    return e.country || null;
  };
  function hue(code) {
    let h = 0;
    for (const ch of String(code)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return Math.round((h * 137.508) % 360);
  }
  C.countryColour = function (code) {
    if (!code) return {bg: "#e8e8e8", border: "#777"};
    const h = hue(code);
    return {bg: `hsl(${h}, 75%, 86%)`, border: `hsl(${h}, 60%, 35%)`};
  };
  C.TYPE_COLOURS = {
    AGREE: "#1b9e77", CONSULT: "#1f78b4", SUPPORT: "#33a02c", CONCEDE: "#66a61e",
    COOPERATE: "#0e8a9c", AID: "#2c7f4f", RETREAT: "#8c6bb1", REQUEST: "#6a51a3",
    ACCUSE: "#d4520b", REJECT: "#b35806", THREATEN: "#d6287f", PROTEST: "#b01a6e",
    SANCTION: "#8c6d1f", MOBILIZE: "#7f3b08", COERCE: "#b2182b", ASSAULT: "#67000d",
  };
  C.typeColour = (type) => C.TYPE_COLOURS[type] || "#555";
  /** Goldstein -10 (red) .. 0 (grey) .. +10 (green). */
  C.goldsteinColour = function (g) {
    if (g === null || g === undefined || Number.isNaN(g)) return "#999";
    const x = Math.max(-1, Math.min(1, g / 10));
    const grey = [150, 150, 150], red = [200, 30, 40], green = [20, 140, 60];
    const to = x < 0 ? red : green;
    const k = Math.abs(x);
    const c = grey.map((v, i) => Math.round(v + (to[i] - v) * k));
    return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
  };
  C.quadName = (q) => (q ? `${q} · ${C.t("quad." + q)}` : "–");
  C.num = (x, digits) => (x === null || x === undefined ? "–" : Number(x).toFixed(digits === undefined ? 1 : digits));

  // -- labels -------------------------------------------------------------------------
  C.entityLabel = function (e) {
    const code = C.code(e);
    const who = e.name || e.text;
    const bits = [code, e.sector && e.sector !== code ? e.sector : null].filter(Boolean).join(" ");
    return bits ? `${who} (${bits})` : who;
  };
  C.entities = function (list) {
    if (!list || !list.length) return C.el("span", {class: "muted"}, "–");
    return C.el("span", null, list.map((e, i) => [i ? " + " : "", C.el("span", {
      class: "chip",
      title: [e.text, e.name, e.role].filter(Boolean).join(" · "),
      style: {backgroundColor: C.countryColour(C.code(e)).bg, borderColor: C.countryColour(C.code(e)).border},
    }, C.entityLabel(e))]));
  };
  C.typeChip = function (type, mode) {
    return C.el("span", {class: "type-chip", style: {borderColor: C.typeColour(type), color: C.typeColour(type)}},
      type + (mode ? "/" + mode : ""));
  };
  C.placeLabel = (p) => (p ? `${p.name || p.text}${p.country ? " (" + p.country + ")" : ""}` : "–");
  C.explainHow = (how) => (how && C.has("how." + how) ? C.t("how." + how) : how || "–");

  /** A sentence with its trigger in bold (offsets are code points of the document). */
  C.evidence = function (record) {
    const s = record.sentence || {};
    const chars = Array.from(s.text || "");
    const tr = record.trigger || {};
    const a = (tr.start || 0) - (s.start || 0), b = (tr.end || 0) - (s.start || 0);
    if (!(a >= 0 && b > a && b <= chars.length)) return C.el("span", {class: "evidence"}, s.text || "");
    return C.el("span", {class: "evidence"}, chars.slice(0, a).join(""),
      C.el("strong", {style: {color: C.typeColour(record.event_type)}}, chars.slice(a, b).join("")),
      chars.slice(b).join(""));
  };

  // -- annotated text -------------------------------------------------------------------
  const KIND_ORDER = {actor: 0, place: 1, date: 2, trigger: 3};
  function byPosition(x, y) {
    return x.s - y.s || y.e - x.e || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.i - y.i;
  }
  function tooltip(m) {
    if (m.kind === "actor") {
      return `${m.text} → ${[m.name, C.code(m), m.sector, m.role].filter(Boolean).join(" · ")} (${m.resolved_by || "?"})`;
    }
    if (m.kind === "trigger") {
      return `${m.event_type}${m.mode ? "/" + m.mode : ""} · CAMEO ${m.cameo || "–"} · ${m.rule || ""}`;
    }
    if (m.kind === "date") return `${m.text} → ${m.date || "?"} (${m.rule || ""})`;
    return `${m.text} → ${C.placeLabel(m)} (${m.reason || ""})`;
  }
  function makeMark(m, index, part, ends) {
    const mark = document.createElement("mark");
    mark.className = `m m-${m.kind}` + (part ? " part" : "") + (ends ? " ends" : "");
    mark.dataset.kind = m.kind;
    mark.dataset.m = String(index);
    mark.dataset.events = (m.events || []).map((e) => e.index).join(" ");
    mark.tabIndex = 0;
    mark.title = tooltip(m);
    if (m.kind === "actor") {
      const code = C.code(m);
      const colour = C.countryColour(code);
      if (code) mark.dataset.country = code;
      mark.style.backgroundColor = colour.bg;
      mark.style.borderBottomColor = colour.border;
    } else if (m.kind === "trigger") {
      mark.dataset.type = m.event_type || "";
      mark.style.borderColor = C.typeColour(m.event_type);
      mark.style.color = C.typeColour(m.event_type);
    } else if (m.kind === "date") {
      mark.dataset.date = m.date || "";
    } else if (m.kind === "place") {
      mark.dataset.place = m.name || m.text || "";
    }
    return mark;
  }

  /**
   * Render `text` into `container` with its mentions as nested <mark> elements.
   * Offsets are Unicode code points (as in the records); a mention crossing another's
   * boundary is split in parts. Returns {focusEvent(index), select(markIndex)}.
   */
  C.renderAnnotated = function (container, text, mentions, options) {
    const opts = options || {};
    const chars = Array.from(text || "");
    C.clear(container);
    const items = [];
    mentions.forEach((m, i) => {
      const s = Math.max(0, m.start), e = Math.min(chars.length, m.end);
      if (Number.isInteger(s) && Number.isInteger(e) && e > s) items.push({s, e, i, kind: m.kind});
    });
    items.sort(byPosition);
    (function build(parent, from, to, list) {
      let pos = from;
      while (list.length) {
        const top = list[0];
        const inner = [], rest = [];
        let j = 1;
        for (; j < list.length && list[j].s < top.e; j++) {
          const it = list[j];
          if (it.e <= top.e) inner.push(it);
          else {
            inner.push({s: it.s, e: top.e, i: it.i, kind: it.kind, part: true});
            rest.push({s: top.e, e: it.e, i: it.i, kind: it.kind, part: true});
          }
        }
        if (top.s > pos) parent.appendChild(document.createTextNode(chars.slice(pos, top.s).join("")));
        const m = mentions[top.i];
        const mark = makeMark(m, top.i, top.part, top.e === Math.min(chars.length, m.end));
        parent.appendChild(mark);
        build(mark, top.s, top.e, inner.sort(byPosition));
        pos = Math.max(pos, top.e);
        list = rest.concat(list.slice(j)).sort(byPosition);
      }
      if (to > pos) parent.appendChild(document.createTextNode(chars.slice(pos, to).join("")));
    })(container, 0, chars.length, items);

    function select(mark) {
      container.querySelectorAll("mark.selected").forEach((n) => n.classList.remove("selected"));
      const chain = [];
      for (let node = mark; node && node !== container; node = node.parentElement) {
        if (node.tagName === "MARK") {
          node.classList.add("selected");
          chain.push(mentions[Number(node.dataset.m)]);
        }
      }
      if (opts.onSelect) opts.onSelect(chain);
    }
    container.onclick = (ev) => {
      const mark = ev.target.closest("mark");
      if (mark && container.contains(mark)) select(mark);
    };
    container.onkeydown = (ev) => {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.tagName === "MARK") {
        ev.preventDefault();
        select(ev.target);
      }
    };
    return {
      select,
      focusEvent(index) {
        container.querySelectorAll("mark.focus").forEach((n) => n.classList.remove("focus"));
        let first = null;
        container.querySelectorAll("mark").forEach((n) => {
          if (n.dataset.events.split(" ").includes(String(index))) {
            n.classList.add("focus");
            if (!first) first = n;
          }
        });
        if (first) first.scrollIntoView({block: "nearest", behavior: "smooth"});
      },
    };
  };

  /** The legend: countries and event types present, date and place markers. */
  C.renderLegend = function (node, mentions) {
    C.clear(node);
    const countries = new Map(), types = new Set();
    let dates = false, places = false;
    for (const m of mentions) {
      if (m.kind === "actor" && C.code(m)) countries.set(C.code(m), (countries.get(C.code(m)) || 0) + 1);
      if (m.kind === "trigger" && m.event_type) types.add(m.event_type);
      if (m.kind === "date") dates = true;
      if (m.kind === "place") places = true;
    }
    [...countries.entries()].sort((a, b) => b[1] - a[1]).forEach(([code]) => {
      const colour = C.countryColour(code);
      node.appendChild(C.el("span", {class: "chip", dataset: {country: code},
        style: {backgroundColor: colour.bg, borderColor: colour.border}}, code));
    });
    [...types].sort().forEach((type) => node.appendChild(C.typeChip(type)));
    if (dates) node.appendChild(C.el("span", {class: "chip m-date"}, C.t("legend.date")));
    if (places) node.appendChild(C.el("span", {class: "chip m-place"}, C.t("legend.place")));
  };

  /** The details panel: each mention under the click, innermost first. */
  C.renderDetails = function (panel, chain, events, onEvent) {
    C.clear(panel);
    if (!chain || !chain.length) {
      panel.appendChild(C.el("p", {class: "hint"}, C.t("details.empty")));
      return;
    }
    for (const m of chain) {
      const rows = [["d.text", m.text]];
      if (m.kind === "actor") {
        rows.push(["d.name", m.name], ["d.country", m.country], ["d.id", m.id], ["d.sector", m.sector],
          ["d.role", m.role], ["d.resolved_by", C.explainHow(m.resolved_by)], ["d.found_as", m.found_as]);
      } else if (m.kind === "trigger") {
        rows.push(["d.event_type", m.event_type], ["d.mode", m.mode], ["d.cameo", m.cameo],
          ["d.quad_class", m.quad_class ? C.quadName(m.quad_class) : null],
          ["d.goldstein", m.goldstein === null || m.goldstein === undefined ? null : C.num(m.goldstein)],
          ["d.rule", m.rule], ["d.modality", m.modality], ["d.negated", m.negated ? C.t("d.yes") : C.t("d.no")]);
      } else if (m.kind === "date") {
        rows.push(["d.date", m.date], ["d.date_rule", C.has("daterule." + m.rule) ? C.t("daterule." + m.rule) : m.rule]);
      } else if (m.kind === "place") {
        rows.push(["d.place", C.placeLabel(m)],
          ["d.coords", m.lat !== null && m.lat !== undefined ? `${C.num(m.lat, 3)}, ${C.num(m.lon, 3)}` : null],
          ["d.geonames", m.geonames_id], ["d.reason", C.has("reason." + m.reason) ? C.t("reason." + m.reason) : m.reason]);
      }
      const dl = C.el("dl");
      for (const [key, value] of rows) {
        if (value === null || value === undefined || value === "") continue;
        dl.appendChild(C.el("dt", null, C.t(key)));
        dl.appendChild(C.el("dd", null, String(value)));
      }
      const links = (m.events || []).map((link) => {
        const ev = events[link.index];
        const label = `#${link.index + 1} ${ev ? ev.event_type : ""} (${C.t("role." + link.role)})`;
        return C.el("li", null, C.el("button", {type: "button", class: "link", onclick: () => onEvent && onEvent(link.index)}, label));
      });
      dl.appendChild(C.el("dt", null, C.t("d.events")));
      dl.appendChild(C.el("dd", null, links.length ? C.el("ul", {class: "plain"}, links) : C.t("d.none")));
      panel.appendChild(C.el("section", {class: "detail detail-" + m.kind, dataset: {kind: m.kind}},
        C.el("h3", null, C.t("kind." + m.kind)), dl));
    }
  };

  /** An events table. columns: keys of COLUMNS; onRow(index) when a row is clicked. */
  const COLUMNS = {
    n: ["col.n", (e, i) => String(i + 1)],
    type: ["col.type", (e) => C.typeChip(e.event_type, e.mode)],
    cameo: ["col.cameo", (e) => e.cameo || "–"],
    quad: ["col.quad", (e) => C.quadName(e.quad_class)],
    q: ["col.quad", (e) => C.el("span", {class: "quad quad-" + e.quad_class, title: e.quad_class ? C.t("quad." + e.quad_class) : null},
      e.quad_class ? String(e.quad_class) : "–")],
    goldstein: ["col.goldstein", (e) => C.num(e.goldstein)],
    actor: ["col.actor", (e) => C.entities(e.actor)],
    recipient: ["col.recipient", (e) => C.entities(e.recipient)],
    date: ["col.date", (e) => [e.date || "–", e.date_text ? C.el("span", {class: "muted"}, ` «${e.date_text}»`) : null]],
    place: ["col.place", (e) => C.placeLabel(e.location)],
    trigger: ["col.trigger", (e) => (e.trigger ? `«${e.trigger.text}»` : "–")],
    modality: ["col.modality", (e) => e.modality + (e.negated ? " · ¬" : "")],
    rule: ["col.rule", (e) => C.el("code", null, e.rule || "")],
    confidence: ["col.confidence", (e) => C.num(e.confidence, 2)],
    evidence: ["col.evidence", (e) => C.evidence(e)],
  };
  C.eventsTable = function (table, events, columns, options) {
    const opts = options || {};
    C.clear(table);
    const cols = columns.map((c) => (typeof c === "string" ? [c, ...COLUMNS[c]] : c));
    table.appendChild(C.el("thead", null, C.el("tr", null, cols.map(([key, label]) => C.el("th", {dataset: {col: key}}, C.t(label))))));
    const body = C.el("tbody");
    events.forEach((e, i) => {
      const row = C.el("tr", {dataset: {index: String(i), type: e.event_type || "", cameo: e.cameo || ""}, id: e.event_id ? "e-" + e.event_id : null},
        cols.map(([key, , render]) => C.el("td", {dataset: {col: key}}, render(e, i))));
      if (opts.onRow) {
        row.tabIndex = 0;
        row.addEventListener("click", (ev) => { if (!ev.target.closest("a")) opts.onRow(i); });
        row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") opts.onRow(i); });
      }
      body.appendChild(row);
    });
    if (!events.length) {
      body.appendChild(C.el("tr", null, C.el("td", {colspan: String(cols.length), class: "muted"}, C.t("events.none"))));
    }
    table.appendChild(body);
  };
  C.selectRow = function (table, index) {
    table.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
    const row = table.querySelector(`tbody tr[data-index="${Number(index)}"]`);
    if (row) {
      row.classList.add("selected");
      row.scrollIntoView({block: "nearest", behavior: "smooth"});
    }
  };

  // -- page start --------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".lang-switch button").forEach((b) => {
      b.addEventListener("click", () => C.setLang(b.dataset.lang));
    });
    const page = document.body.dataset.page;
    document.querySelectorAll("[data-nav]").forEach((a) => {
      if (a.dataset.nav === page) a.setAttribute("aria-current", "page");
    });
    C.applyLang();
  });
})();
