// A small element builder and the number formats every view shares.

/**
 * h("td", {class: "num"}, "1.2") → <td class="num">1.2</td>. Attributes starting with "on" are
 * listeners; `false`/null attributes are left out; children may be strings, nodes or arrays.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A number with `digits` decimals, "—" when missing. */
export function num(x, digits = 2) {
  return typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "—";
}

/** A fraction as a percentage. */
export function pct(x, digits = 1) {
  return typeof x === "number" && Number.isFinite(x) ? `${(x * 100).toFixed(digits)} %` : "—";
}

/** The first 8 hex digits of a sha, the whole one on hover. */
export function sha(value) {
  return value ? h("code", { title: value }, String(value).slice(0, 8)) : "—";
}

/** A table in a scrolling wrapper, so a narrow screen scrolls it instead of the page. */
export function table(caption, head, rows, attrs = {}) {
  return h("div", { class: "table-wrap" },
    h("table", attrs,
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, head.map((c) => (c instanceof Node ? c : h("th", { scope: "col" }, c))))),
      h("tbody", {}, rows)));
}

/** A status line for errors and progress. */
export function message(text, kind = "info") {
  return h("p", { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

/** "#/models/x" links. */
export function link(hash, text) {
  return h("a", { href: hash }, text);
}
