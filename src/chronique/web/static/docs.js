/* chronique: the API reference, read from this server's /openapi.json (no CDN). */
"use strict";

(function () {
  const C = window.chronique;
  let spec = null;

  document.addEventListener("DOMContentLoaded", async () => {
    const status = document.getElementById("status");
    C.onLang(() => { if (spec) render(); });
    C.setStatus(status, C.t("loading"));
    try {
      spec = await C.api("/openapi.json");
      C.setStatus(status, "");
      render();
    } catch (error) {
      C.setStatus(status, C.t("error", {message: error.message}), true);
    }
  });

  function ref(schema) {
    if (schema && schema.$ref) {
      const name = schema.$ref.split("/").pop();
      return Object.assign({title: name}, spec.components.schemas[name]);
    }
    return schema || {};
  }
  function typeOf(schema) {
    const s = ref(schema);
    if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (s.type === "array") return `${typeOf(s.items)}[]`;
    if (s.$ref) return s.$ref.split("/").pop();
    return s.title && !s.type ? s.title : (s.type || "object");
  }
  function schemaTable(schema) {
    const s = ref(schema);
    const props = s.properties || {};
    const required = new Set(s.required || []);
    const table = C.el("table", {class: "params"});
    for (const [name, prop] of Object.entries(props)) {
      const p = ref(prop);
      table.appendChild(C.el("tr", null, C.el("td", null, C.el("code", null, name)),
        C.el("td", null, typeOf(prop)), C.el("td", null, required.has(name) ? C.t("docs.required") : ""),
        C.el("td", null, p.description || "")));
    }
    return table;
  }
  function example(path, method, op) {
    const origin = window.location.origin;
    if (method === "post") {
      const body = op.requestBody && ref(op.requestBody.content["application/json"].schema);
      const sample = body && body.examples ? body.examples[0] : {};
      return `curl -s -X POST ${origin}${path} -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(sample).replace(/'/g, "'\\''")}'`;
    }
    const sample = path.replace("{doc_id}", "DOC_ID");
    return `curl -s '${origin}${sample}${path === "/api/events" ? "?country=FRA&per_page=5" : ""}'`;
  }

  function render() {
    const info = C.clear(document.getElementById("api-info"));
    info.appendChild(C.el("h2", null, `${spec.info.title} ${spec.info.version}`));
    for (const para of (spec.info.description || "").split(/\n\n+/)) info.appendChild(C.el("p", {class: "hint"}, para.replace(/\n/g, " ")));
    const list = C.clear(document.getElementById("endpoints"));
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const section = C.el("section", {class: "endpoint", id: `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`},
          C.el("h3", null, C.el("span", {class: "method method-" + method}, method.toUpperCase()), " ", C.el("code", null, path),
            " ", C.el("span", {class: "muted"}, op.summary || "")));
        if (op.description) section.appendChild(C.el("p", null, op.description));
        const params = op.parameters || [];
        if (params.length) {
          section.appendChild(C.el("h4", null, C.t("docs.params")));
          const table = C.el("table", {class: "params"});
          for (const p of params) {
            table.appendChild(C.el("tr", null, C.el("td", null, C.el("code", null, p.name)),
              C.el("td", null, `${C.t("docs.in")} ${p.in}`), C.el("td", null, typeOf(p.schema)),
              C.el("td", null, p.required ? C.t("docs.required") : ""), C.el("td", null, p.description || (p.schema && p.schema.description) || "")));
          }
          section.appendChild(table);
        }
        if (op.requestBody) {
          section.appendChild(C.el("h4", null, C.t("docs.body")));
          section.appendChild(schemaTable(op.requestBody.content["application/json"].schema));
        }
        section.appendChild(C.el("h4", null, C.t("docs.responses")));
        section.appendChild(C.el("ul", {class: "plain"}, Object.entries(op.responses || {}).map(([code, r]) =>
          C.el("li", null, C.el("code", null, code), " ", r.description || ""))));
        section.appendChild(C.el("h4", null, C.t("docs.example")));
        section.appendChild(C.el("pre", null, example(path, method, op)));
        list.appendChild(section);
      }
    }
  }
})();
