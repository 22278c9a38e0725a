// The leaderboard: a sortable table of every backtested configuration with its gate badge and
// lineage, a "pass gate only" toggle (the API's pass_gate_only), row selection to compare side
// by side, and "train selection" (gate-passing rows; failing ones only after a confirmation
// with a tag, which the job records).
import { get } from "./api.js";
import { h, fill, num, pct, sha, table, message, link } from "./dom.js";
import { gateBadge, configuration } from "./gate.js";
import { trainRows } from "./train.js";

const COLUMNS = [
  { id: "model", label: "Model", value: (r) => r.model_id },
  { id: "config", label: "Configuration", value: (r) => configuration(r) },
  { id: "trades", label: "Trades", value: (r) => r.trades, numeric: true },
  { id: "sharpe", label: "Sharpe", value: (r) => r.sharpe, numeric: true },
  { id: "deflated", label: "Deflated Sharpe", value: (r) => r.deflated_sharpe, numeric: true },
  { id: "drawdown", label: "Max drawdown", value: (r) => r.max_drawdown, numeric: true },
  { id: "gate", label: "Gate", value: (r) => r.gate_status },
  { id: "lineage", label: "Lineage (matrix, config)", value: (r) => `${r.matrix_sha}${r.config_sha}` },
];

// Kept across visits in this tab: the toggle, the sort and the selection.
const state = { passOnly: false, sort: { id: "sharpe", descending: true }, selected: new Set() };

export async function render(view) {
  const toggle = h("input", { type: "checkbox", id: "pass-only", checked: state.passOnly });
  const count = h("span", { id: "row-count", role: "status" });
  const compareButton = h("button", { type: "button", id: "compare" }, "Compare selected");
  const trainButton = h("button", { type: "button", id: "train-selection" }, "Train selection");
  const status = h("div", { id: "train-status", "aria-live": "polite" });
  const holder = h("div");
  fill(view,
    h("h2", {}, "Leaderboard"),
    h("div", { class: "toolbar" },
      h("label", { for: "pass-only" }, toggle, " Pass gate only"), count,
      compareButton, trainButton),
    status, holder);

  let rows = [];
  const selectedRows = () => rows.filter((r) => state.selected.has(r.key));
  const updateButtons = () => {
    const n = selectedRows().length;
    compareButton.disabled = n < 2;
    compareButton.textContent = `Compare selected (${n})`;
    trainButton.disabled = n === 0;
  };
  const draw = () => {
    const sorted = sortRows(rows);
    count.textContent = `${sorted.length} row${sorted.length === 1 ? "" : "s"}`;
    if (sorted.length === 0) {
      fill(holder, message(state.passOnly ? "No configuration passes its gate yet." : "No backtest yet: POST /backtest or /backtest_sweep fills the leaderboard."));
    } else {
      fill(holder, table(null, [h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Select")), ...COLUMNS.map((c) => header(c, draw))],
        sorted.map((r) => rowElement(r, updateButtons)), { id: "leaderboard" }));
    }
    updateButtons();
  };
  const load = async () => {
    rows = await get(`/leaderboard?top=1000${state.passOnly ? "&pass_gate_only=true" : ""}`);
    draw();
  };
  toggle.addEventListener("change", async () => { state.passOnly = toggle.checked; await load(); });
  compareButton.addEventListener("click", () => {
    location.hash = `#/compare/${selectedRows().map((r) => encodeURIComponent(r.key)).join(",")}`;
  });
  trainButton.addEventListener("click", () => trainRows(selectedRows(), status));
  await load();
}

function header(column, redraw) {
  const active = state.sort.id === column.id;
  const sortLabel = active ? (state.sort.descending ? "descending" : "ascending") : "none";
  return h("th", { scope: "col", "aria-sort": sortLabel, class: column.numeric ? "num" : false },
    h("button", {
      type: "button", class: "sort", "data-column": column.id,
      onclick: () => {
        state.sort = { id: column.id, descending: active ? !state.sort.descending : column.numeric };
        redraw();
      },
    }, column.label, h("span", { "aria-hidden": "true" }, active ? (state.sort.descending ? " ▼" : " ▲") : "")));
}

function sortRows(rows) {
  const column = COLUMNS.find((c) => c.id === state.sort.id) || COLUMNS[3];
  const sign = state.sort.descending ? -1 : 1;
  // Ties keep the server's order (by Sharpe), so the same data always sorts the same way.
  return rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => {
    const x = column.value(a), y = column.value(b);
    const c = column.numeric ? (x ?? -Infinity) - (y ?? -Infinity) : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : i - j;
  }).map(([r]) => r);
}

function rowElement(r, changed) {
  const box = h("input", {
    type: "checkbox", class: "select", "data-key": r.key, checked: state.selected.has(r.key),
    "aria-label": `select ${r.model_id} ${configuration(r)}`,
    onchange: (e) => { if (e.target.checked) state.selected.add(r.key); else state.selected.delete(r.key); changed(); },
  });
  return h("tr", { "data-key": r.key, "data-gate": r.gate_status },
    h("td", {}, box),
    h("th", { scope: "row" }, link(`#/models/${encodeURIComponent(r.model_id)}`, r.model_id)),
    h("td", {}, configuration(r)),
    h("td", { class: "num" }, r.trades),
    h("td", { class: "num" }, num(r.sharpe)),
    h("td", { class: "num" }, num(r.deflated_sharpe)),
    h("td", { class: "num" }, pct(r.max_drawdown)),
    h("td", {}, gateBadge(r)),
    h("td", { class: "lineage" }, sha(r.matrix_sha), " ", sha(r.config_sha)));
}
