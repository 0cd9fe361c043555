/* chronique: the Corpus page (filters, timeline, network, events with evidence). */
"use strict";

(function () {
  const C = window.chronique;
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const FIELDS = ["type", "quad_class", "country", "dyad", "from", "to", "q", "by", "count", "page"];
  let state = {};
  let last = null;      // {stats, events}
  let statusNode = null;

  document.addEventListener("DOMContentLoaded", () => {
    statusNode = document.getElementById("status");
    if (document.body.dataset.corpus !== "1") {
      document.getElementById("no-corpus").hidden = false;
      document.getElementById("filters").hidden = true;
      document.getElementById("corpus-body").hidden = true;
      return;
    }
    const params = new URLSearchParams(window.location.search);
    for (const key of FIELDS) if (params.get(key)) state[key] = params.get(key);
    const typeSelect = document.getElementById("f-type");
    PLOVER.forEach((t) => typeSelect.appendChild(C.el("option", {value: t}, t)));
    toForm();

    document.getElementById("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      fromForm();
      state.page = "1";
      load();
    });
    document.getElementById("reset").addEventListener("click", () => {
      state = {by: state.by};
      toForm();
      load();
    });
    document.getElementById("prev").addEventListener("click", () => {
      state.page = String(Math.max(1, Number(state.page || 1) - 1));
      load();
    });
    document.getElementById("next").addEventListener("click", () => {
      state.page = String(Number(state.page || 1) + 1);
      load();
    });
    C.onLang(() => { if (last) render(); });
    load();
  });

  function value(id) { return document.getElementById(id).value.trim(); }
  function fromForm() {
    const a = value("f-dyad-a").toUpperCase(), b = value("f-dyad-b").toUpperCase();
    state = {
      type: value("f-type"), quad_class: value("f-quad"), country: value("f-country").toUpperCase(),
      dyad: a && b ? `${a},${b}` : "", from: value("f-from"), to: value("f-to"), q: value("f-q"),
      by: value("f-by"), count: value("f-count"),
    };
  }
  function toForm() {
    const [a, b] = (state.dyad || ",").split(",");
    document.getElementById("f-type").value = state.type || "";
    document.getElementById("f-quad").value = state.quad_class || "";
    document.getElementById("f-country").value = state.country || "";
    document.getElementById("f-dyad-a").value = a || "";
    document.getElementById("f-dyad-b").value = b || "";
    document.getElementById("f-from").value = state.from || "";
    document.getElementById("f-to").value = state.to || "";
    document.getElementById("f-q").value = state.q || "";
    document.getElementById("f-by").value = state.by || "month";
    document.getElementById("f-count").value = state.count || "clusters";
  }
  function query(keys) {
    const params = new URLSearchParams();
    for (const key of keys) if (state[key]) params.set(key, state[key]);
    return params.toString();
  }
  const FILTERS = ["type", "quad_class", "country", "dyad", "from", "to", "q"];

  async function load() {
    C.setStatus(statusNode, C.t("loading"));
    const filters = query(FILTERS);
    const page = Number(state.page || 1);
    try {
      const [stats, events] = await Promise.all([
        C.api(`/api/stats?${query([...FILTERS, "by", "count"])}`),
        C.api(`/api/events?${filters}${filters ? "&" : ""}page=${page}&per_page=25`),
      ]);
      last = {stats, events};
      history.replaceState(null, "", `/corpus${query(FIELDS) ? "?" + query(FIELDS) : ""}`);
      document.getElementById("download-csv").setAttribute("href", `/api/events?${filters}${filters ? "&" : ""}format=csv`);
      document.getElementById("download-jsonl").setAttribute("href", `/api/events?${filters}${filters ? "&" : ""}format=jsonl`);
      C.setStatus(statusNode, "");
      render();
    } catch (error) {
      C.setStatus(statusNode, C.t("error", {message: error.message}), true);
    }
  }

  function render() {
    const {stats, events} = last;
    const s = stats.summary;
    document.getElementById("corpus-summary").textContent = C.t("corpus.summary", {
      documents: s.documents, events: s.events,
      clusters: s.clustered ? C.t("corpus.clusters", {n: s.clusters}) : "",
      span: s.date_min ? C.t("corpus.span", {from: s.date_min, to: s.date_max}) : "",
    });
    const list = C.clear(document.getElementById("codes"));
    (s.countries || []).forEach((c) => list.appendChild(C.el("option", {value: c.code})));
    timeline(stats);
    network(stats);
    const table = document.getElementById("corpus-events");
    C.eventsTable(table, events.events, ["date", "type", "cameo", "q", "goldstein", "actor", "recipient", "place", "evidence",
      ["document", "col.document", (e) => C.el("a", {href: `/document?id=${encodeURIComponent(e.doc_id)}#e-${encodeURIComponent(e.event_id || "")}`,
        class: "doc-link"}, e.doc_id)]]);
    document.getElementById("event-count").textContent = `(${events.total})`;
    document.getElementById("page-info").textContent = C.t("pager.info", {page: events.page, pages: Math.max(1, events.pages), total: events.total});
    document.getElementById("prev").disabled = events.page <= 1;
    document.getElementById("next").disabled = events.page >= events.pages;
  }

  // -- timeline: cooperation above the axis, conflict below, per period -------------------
  function timeline(stats) {
    const box = C.clear(document.getElementById("timeline"));
    const dyad = state.dyad ? state.dyad.split(",") : null;
    document.getElementById("timeline-title").textContent = C.t("timeline.per", {by: C.t("by." + stats.by)}) +
      (dyad ? " · " + C.t("timeline.dyad", {a: dyad[0], b: dyad[1]}) : "");
    const series = stats.series || [];
    if (!series.length) {
      box.appendChild(C.el("p", {class: "muted"}, C.t("timeline.empty")));
      return;
    }
    const W = 640, H = 260, left = 36, right = 8, top = 12, bottom = 34;
    const mid = top + (H - top - bottom) / 2;
    const half = (H - top - bottom) / 2;
    const max = Math.max(1, ...series.map((p) => Math.max(p.cooperation, p.conflict)));
    const step = (W - left - right) / series.length;
    const bar = Math.max(1, Math.min(40, step * 0.7));
    const svg = C.svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", class: "timeline-svg",
      "aria-label": C.t("timeline.title")});
    svg.appendChild(C.svg("line", {x1: left, x2: W - right, y1: mid, y2: mid, class: "axis"}));
    svg.appendChild(C.svg("text", {x: left - 4, y: top + 8, class: "tick", "text-anchor": "end"}, String(max)));
    svg.appendChild(C.svg("text", {x: left - 4, y: H - bottom, class: "tick", "text-anchor": "end"}, String(max)));
    svg.appendChild(C.svg("text", {x: left - 4, y: mid + 4, class: "tick", "text-anchor": "end"}, "0"));
    series.forEach((p, i) => {
      const x = left + i * step + (step - bar) / 2;
      const up = (p.cooperation / max) * half, down = (p.conflict / max) * half;
      const g = C.svg("g", {class: "period", dataset: {period: p.period, cooperation: String(p.cooperation), conflict: String(p.conflict)}},
        C.svg("title", null, C.t("timeline.bar", {period: p.period, coop: p.cooperation, conf: p.conflict,
          g: p.mean_goldstein === null ? "–" : C.num(p.mean_goldstein)})),
        C.svg("rect", {x, y: mid - up, width: bar, height: Math.max(up, 0), class: "coop"}),
        C.svg("rect", {x, y: mid, width: bar, height: Math.max(down, 0), class: "conf"}),
        C.svg("rect", {x: left + i * step, y: top, width: step, height: H - top - bottom, class: "hover"}));
      svg.appendChild(g);
    });
    const every = Math.max(1, Math.ceil(series.length / 8));
    series.forEach((p, i) => {
      if (i % every && i !== series.length - 1) return;
      svg.appendChild(C.svg("text", {x: left + i * step + step / 2, y: H - bottom + 16, class: "tick", "text-anchor": "middle"}, p.period));
    });
    box.appendChild(svg);
  }

  /** Nodes in circle order: each next to the neighbour it shares most events with. */
  function circleOrder(nodes, edges) {
    const adjacent = new Map(nodes.map((n) => [n.code, []]));
    for (const e of edges) {
      if (adjacent.has(e.source)) adjacent.get(e.source).push([e.target, e.events]);
      if (adjacent.has(e.target)) adjacent.get(e.target).push([e.source, e.events]);
    }
    const byCode = new Map(nodes.map((n) => [n.code, n]));
    const left = new Set(byCode.keys());
    const order = [];
    const busiest = [...nodes].sort((a, b) => b.events - a.events).map((n) => n.code);
    while (left.size) {
      let code = busiest.find((c) => left.has(c));
      while (code) {
        order.push(byCode.get(code));
        left.delete(code);
        const next = adjacent.get(code).filter(([c]) => left.has(c)).sort((a, b) => b[1] - a[1])[0];
        code = next ? next[0] : null;
      }
    }
    return order;
  }

  // -- network: countries on a circle; edge width = events, colour = mean Goldstein -------
  function network(stats) {
    const box = C.clear(document.getElementById("network"));
    const nodes = stats.network.nodes, edges = stats.network.edges;
    if (!edges.length) {
      box.appendChild(C.el("p", {class: "muted"}, C.t("network.empty")));
      return;
    }
    const used = new Set(edges.flatMap((e) => [e.source, e.target]));
    const shown = circleOrder(nodes.filter((n) => used.has(n.code)), edges);
    const W = 640, H = 400, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 48;
    const pos = new Map();
    shown.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / shown.length;
      pos.set(n.code, [cx + R * Math.cos(a), cy + R * Math.sin(a)]);
    });
    const maxEdge = Math.max(1, ...edges.map((e) => e.events));
    const maxNode = Math.max(1, ...shown.map((n) => n.events));
    const svg = C.svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", class: "network-svg", "aria-label": C.t("network.title")});
    for (const e of edges) {
      if (!pos.has(e.source) || !pos.has(e.target)) continue;
      const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
      const line = C.svg("line", {x1, y1, x2, y2, class: "edge",
        dataset: {source: e.source, target: e.target, events: String(e.events), goldstein: String(e.mean_goldstein)},
        "stroke-width": (1.5 + 10 * (e.events / maxEdge)).toFixed(2), stroke: C.goldsteinColour(e.mean_goldstein),
        onclick: () => { state = Object.assign(state, {dyad: `${e.source},${e.target}`, country: "", page: "1"}); toForm(); load(); }},
      C.svg("title", null, C.t("network.edge", {a: e.source, b: e.target, n: e.events, g: C.num(e.mean_goldstein)})));
      svg.appendChild(line);
    }
    for (const n of shown) {
      const [x, y] = pos.get(n.code);
      const r = 7 + 13 * Math.sqrt(n.events / maxNode);
      const colour = C.countryColour(n.code);
      const g = C.svg("g", {class: "node", dataset: {code: n.code, events: String(n.events)},
        onclick: () => { state = Object.assign(state, {country: n.code, dyad: "", page: "1"}); toForm(); load(); }},
      C.svg("title", null, C.t("network.node", {code: n.code, n: n.events})),
      C.svg("circle", {cx: x, cy: y, r: r.toFixed(1), fill: colour.bg, stroke: colour.border}),
      C.svg("text", {x, y: y + 4, "text-anchor": "middle", class: "node-label"}, n.code));
      svg.appendChild(g);
    }
    box.appendChild(svg);
  }
})();
