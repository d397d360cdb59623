// kamerzoek's page: a search, a letter and a cited paper, each an address after `#`,
// so that back, forward and bookmarks work. Every text from the index is put in the
// page as text (textContent, never HTML), so a letter holding `<script>` shows it.
"use strict";

const PAGE = 10;
const main = () => document.getElementById("main");

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** `text` with the byte ranges `marks` (UTF-8, as the API gives them) in <mark>. */
function marked(text, marks, base = 0) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const out = document.createDocumentFragment();
  let at = 0;
  for (let [s, e] of marks || []) {
    s -= base; e -= base;
    s = Math.max(s, at); e = Math.min(e, bytes.length);
    if (e <= s) continue;
    out.append(decode(at, s), el("mark", {}, decode(s, e)));
    at = e;
  }
  out.append(decode(at, bytes.length));
  return out;
}

/** The address of a view: `#/letter/ID?q=…`. */
function href(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return "#" + path + (s ? "?" + s : "");
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  return { path, params: Object.fromEntries(new URLSearchParams(query || "")) };
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: { message: response.statusText } }));
  if (!response.ok) throw Object.assign(new Error(body.error?.message || response.statusText), { detail: body.error || {} });
  return body;
}

function showError(err, query) {
  const d = err.detail || {};
  let text = err.message;
  if (query && Number.isInteger(d.position)) {
    const column = [...new TextDecoder().decode(new TextEncoder().encode(query).subarray(0, d.position))].length;
    text = `invalid query at position ${d.position}: ${err.message}\n  ${query}\n  ${" ".repeat(column)}^`;
  }
  main().replaceChildren(el("p", { class: "error", role: "alert" }, text));
}

/** The official publication of a cited paper, where its key names one. */
function officialUrl(key) {
  if (/^(kst|h|ah|stcrt|stb)-/.test(key) && !key.includes("?") && !/^kst-\d+(-[A-Z]+)?$/.test(key)) {
    return "https://zoek.officielebekendmakingen.nl/" + encodeURIComponent(key) + ".html";
  }
  if (/^BWBR\d{7}$/.test(key)) return "https://wetten.overheid.nl/" + key;
  return null;
}

// ---- search ----------------------------------------------------------------

async function search(p) {
  const form = document.getElementById("search");
  form.q.value = p.q || "";
  form.scope.value = p.scope || "letters";
  form.sort.value = p.sort || "relevance";
  if (!p.q) {
    main().replaceChildren(el("p", { class: "intro" }, "Search the Kamerbrieven: words, phrases, fields, citations and dates."));
    return;
  }
  const offset = Number(p.offset || 0);
  const params = new URLSearchParams({ q: p.q, scope: p.scope || "letters", sort: p.sort || "relevance", limit: PAGE, offset });
  if (p.from) params.set("from", p.from);
  if (p.to) params.set("to", p.to);
  main().setAttribute("aria-busy", "true");
  let answer;
  try {
    answer = await api("/api/search?" + params);
  } catch (err) {
    showError(err, p.q);
    return;
  } finally {
    main().removeAttribute("aria-busy");
  }
  const results = el("div", { class: "results" });
  results.append(filters(p));
  if (answer.scope === "citations") {
    results.append(el("p", { class: "summary" }, `${answer.total} cited paper${answer.total === 1 ? "" : "s"}`), citedList(answer.cited || [], p.q));
  } else {
    const total = answer.total_exact ? String(answer.total) : `more than ${answer.total}`;
    const one = answer.total === 1 && answer.total_exact;
    const what = answer.scope === "sections" ? (one ? "section" : "sections") : (one ? "letter" : "letters");
    const shown = answer.hits?.length ? `; ${offset + 1}–${offset + answer.hits.length} shown` : "";
    results.append(el("p", { class: "summary", id: "total" }, `${total} ${what}${shown}`));
    results.append(hitList(answer.hits || [], p.q));
    results.append(pager(p, offset, answer.total));
  }
  const facets = answer.facets ? facetPanel(answer.facets, p) : el("div");
  main().replaceChildren(el("div", { class: "layout" }, facets, results));
}

function filters(p) {
  const box = el("div", { class: "filters" });
  const drop = (name) => () => { const next = { ...p }; delete next[name]; delete next.offset; location.hash = href("/search", next); };
  if (p.from) box.append(el("span", { class: "chip" }, `from ${p.from} `, el("button", { "aria-label": "remove from", onclick: drop("from") }, "×")));
  if (p.to) box.append(el("span", { class: "chip" }, `to ${p.to} `, el("button", { "aria-label": "remove to", onclick: drop("to") }, "×")));
  return box;
}

function hitList(hits, q) {
  const list = el("ol", { class: "hits", start: hits[0]?.rank || 1 });
  for (const h of hits) {
    const meta = [h.date ? h.date + (h.date_inferred ? " (inferred)" : "") : "undated", h.section ? "§ " + h.section : null, h.letter].filter(Boolean).join(" · ");
    list.append(el("li", { class: "hit" },
      el("h3", {}, el("a", { href: href("/letter/" + encodeURIComponent(h.letter), { q }) }, h.title || h.letter)),
      el("div", { class: "meta" }, meta),
      h.snippet ? el("p", { class: "snippet" }, marked(h.snippet, h.highlights)) : null));
  }
  if (!hits.length) list.append(el("li", {}, "Nothing found. Fewer words, or the syntax help, may help."));
  return list;
}

function citedList(cited, q) {
  const list = el("ol", { class: "hits" });
  for (const c of cited) {
    list.append(el("li", { class: "hit" },
      el("h3", {}, el("a", { href: href("/cited/" + encodeURIComponent(c.key)) }, c.title ? `${c.title} (${c.key})` : c.key)),
      el("div", { class: "meta" }, `cited ${c.count}× by ${c.cited_by.length} letter${c.cited_by.length === 1 ? "" : "s"}` + (c.in_index ? " · in the index" : "")),
      c.snippet ? el("p", { class: "snippet" }, marked(c.snippet, c.highlights)) : null));
  }
  if (!cited.length) list.append(el("li", {}, "No cited paper matches."));
  return list;
}

function pager(p, offset, total) {
  const go = (to) => () => { location.hash = href("/search", { ...p, offset: to || undefined }); };
  const nav = el("nav", { class: "pager", "aria-label": "pages" });
  if (offset > 0) nav.append(el("button", { id: "prev", onclick: go(Math.max(0, offset - PAGE)) }, "← previous"));
  nav.append(el("span", {}, `page ${Math.floor(offset / PAGE) + 1} of ${Math.max(1, Math.ceil(total / PAGE))}`));
  if (offset + PAGE < total) nav.append(el("button", { id: "next", onclick: go(offset + PAGE) }, "next →"));
  return nav;
}

function facetPanel(f, p) {
  const panel = el("aside", { class: "facets", "aria-label": "filters" });
  const group = (title, values, pick) => {
    if (!values.length) return;
    const list = el("ul");
    for (const v of values) {
      const label = el("span", {}, v.value);
      list.append(el("li", {}, pick ? el("button", { onclick: () => pick(v.value) }, label) : label, el("span", { class: "count" }, v.count)));
    }
    panel.append(el("h3", {}, title), list);
  };
  group("Year", f.years, (y) => { location.hash = href("/search", { ...p, from: `${y}-01-01`, to: `${y}-12-31`, offset: undefined }); });
  const from = el("input", { type: "date", id: "from", value: p.from || "", "aria-label": "from" });
  const to = el("input", { type: "date", id: "to", value: p.to || "", "aria-label": "to" });
  panel.append(el("h3", {}, "Dates"), el("form", { class: "dates", onsubmit: (e) => {
    e.preventDefault();
    location.hash = href("/search", { ...p, from: from.value || undefined, to: to.value || undefined, offset: undefined });
  } }, el("label", {}, "from ", from), el("label", {}, "to ", to), el("button", { type: "submit" }, "Apply")));
  if (f.undated) panel.append(el("p", { class: "meta" }, `${f.undated} undated`));
  group("Sender", f.senders, (s) => { location.hash = href("/search", { ...p, q: `${p.q} sender:"${s.replace(/"/g, "")}"`, offset: undefined }); });
  group("Kind of document", f.types, null);
  group("Cites", f.cited, null);
  return panel;
}

// ---- a letter --------------------------------------------------------------

async function letter(id, p) {
  let record, text;
  try {
    [record, text] = await Promise.all([
      api("/api/letters/" + encodeURIComponent(id)),
      api("/api/letters/" + encodeURIComponent(id) + "/text" + (p.q ? "?" + new URLSearchParams({ q: p.q }) : "")),
    ]);
  } catch (err) {
    showError(err);
    return;
  }
  document.title = record.title + " · kamerzoek";
  const m = record;
  const facts = el("dl", {});
  const fact = (name, value) => { if (value) facts.append(el("dt", {}, name), el("dd", {}, value)); };
  fact("Date", m.date ? m.date + (m.date_inferred ? " (inferred)" : "") : null);
  fact("Sender", m.sender);
  fact("Signed", m.signer);
  fact("Subject", m.subject);
  fact("Kamerstuk", m.kamerstuk);
  fact("Reference", m.reference);
  fact("Id", m.id);

  const outline = el("ol", {});
  const body = el("div", { class: "letter-text" });
  const sections = record.sections.length ? record.sections : [{ heading: null, start: 0, end: new TextEncoder().encode(text.text).length }];
  const bytes = new TextEncoder().encode(text.text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  sections.forEach((s, i) => {
    const marks = text.highlights.filter(([a, b]) => b > s.start && a < s.end);
    // The heading is the section's first line.
    let split = s.start;
    if (s.heading) {
      const newline = bytes.subarray(s.start, s.end).indexOf(10);
      split = newline < 0 ? s.end : s.start + newline;
    }
    const section = el("section", { id: "s" + i });
    if (split > s.start) section.append(el("h2", { class: "heading" }, marked(decode(s.start, split), marks, s.start)));
    const rest = split < s.end && bytes[split] === 10 ? split + 1 : split;
    section.append(marked(decode(rest, s.end), marks, rest));
    body.append(section);
    outline.append(el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); document.getElementById("s" + i).scrollIntoView(); } }, s.heading || `(section ${i + 1})`)));
  });

  // One line per cited paper, in the order first cited, with how often.
  const byKey = new Map();
  for (const c of record.citations) {
    const seen = byKey.get(c.key);
    if (seen) { seen.n += 1; seen.answers ||= c.answers; } else byKey.set(c.key, { ...c, n: 1 });
  }
  const cites = el("ul", { class: "citations" });
  for (const c of byKey.values()) {
    const official = officialUrl(c.key);
    cites.append(el("li", {},
      c.letter ? el("a", { href: href("/letter/" + encodeURIComponent(c.letter)) }, c.text) : el("span", {}, c.text),
      c.n > 1 ? el("span", { class: "meta" }, ` ×${c.n}`) : null,
      " ", el("a", { href: href("/cited/" + encodeURIComponent(c.key)), class: "meta" }, c.key),
      official ? [" ", el("a", { href: official, rel: "noopener noreferrer", target: "_blank", class: "meta" }, "official")] : null,
      c.answers ? el("span", { class: "tag" }, "answered here") : null));
  }
  const citedBy = el("ul", {});
  for (const l of record.cited_by) citedBy.append(el("li", {}, el("a", { href: href("/letter/" + encodeURIComponent(l)) }, l)));

  main().replaceChildren(el("article", { class: "letter" },
    el("nav", { "aria-label": "sections" }, el("h2", {}, "Sections"), outline,
      el("h2", {}, `Cites (${byKey.size})`), cites,
      el("h2", {}, `Cited by (${record.cited_by.length})`), record.cited_by.length ? citedBy : el("p", { class: "meta" }, "no letter in the index")),
    el("div", {}, el("h1", {}, record.title), facts,
      text.highlights.length ? el("p", { class: "meta" }, `${text.highlights.length} matches of “${p.q}” marked`) : null, body)));
  const first = body.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center" });
}

// ---- a cited paper ---------------------------------------------------------

async function cited(key) {
  let paper;
  try {
    paper = await api("/api/citations/" + encodeURIComponent(key));
  } catch (err) {
    showError(err);
    return;
  }
  const official = officialUrl(paper.key);
  const list = el("ol", { class: "hits" });
  for (const c of paper.citing) {
    list.append(el("li", { class: "hit" },
      el("h3", {}, el("a", { href: href("/letter/" + encodeURIComponent(c.letter), { q: "cites:" + paper.key }) }, c.title || c.letter), c.answers ? el("span", { class: "tag" }, "answers it") : null),
      el("div", { class: "meta" }, [c.date || "undated", c.letter].join(" · ")),
      c.sentences.map((s) => el("blockquote", {}, s))));
  }
  main().replaceChildren(el("div", { class: "cited" },
    el("h1", {}, paper.title ? `${paper.title} (${paper.key})` : paper.key),
    el("p", { class: "meta" },
      `cited by ${paper.cited_by} letter${paper.cited_by === 1 ? "" : "s"}`,
      paper.in_index ? [" · ", el("a", { href: href("/letter/" + encodeURIComponent(paper.in_index)) }, "this paper in the index")] : null,
      official ? [" · ", el("a", { href: official, rel: "noopener noreferrer", target: "_blank" }, "official publication")] : null),
    list));
}

// ---- the index -------------------------------------------------------------

async function stats() {
  try {
    const s = await api("/api/stats");
    main().replaceChildren(el("dl", {}, ...Object.entries(s).flatMap(([k, v]) => [el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, v)])));
  } catch (err) {
    showError(err);
  }
}

function render() {
  const { path, params } = route();
  document.title = "kamerzoek";
  if (path.startsWith("/letter/")) return letter(decodeURIComponent(path.slice(8)), params);
  if (path.startsWith("/cited/")) return cited(decodeURIComponent(path.slice(7)));
  if (path === "/stats") return stats();
  return search(params);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const { params } = route();
    const q = form.q.value.trim();
    if (!q) return;
    location.hash = href("/search", { q, scope: form.scope.value, sort: form.sort.value, from: params.from, to: params.to });
  });
  const toggle = document.getElementById("syntax-toggle");
  toggle.addEventListener("click", () => {
    const box = document.getElementById("syntax");
    box.hidden = !box.hidden;
    toggle.setAttribute("aria-expanded", String(!box.hidden));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== form.q) { e.preventDefault(); form.q.focus(); }
  });
  window.addEventListener("hashchange", render);
  render();
});
