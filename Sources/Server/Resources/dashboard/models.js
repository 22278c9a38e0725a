// The models list and a model's page: configuration and lineage, the matrix profile (NaN % per
// feature, label balance, coverage, leakage checks), the backtest's metrics per threshold and
// per fold with its gates, the five plots, and the model's registry history.
import { get, getOptional } from "./api.js";
import { h, fill, num, pct, sha, table, message, link } from "./dom.js";
import { PLOTS, plot } from "./plots.js";

export async function renderList(view) {
  const [models, liveModels] = await Promise.all([get("/models"), get("/live")]);
  const live = new Set(liveModels.map((m) => m.model_id));
  fill(view, h("h2", {}, "Models"),
    models.length === 0 ? message("No model yet: POST /models creates one.") :
      table(null, ["Model", "Pack", "Ticker", "Horizon", "Cadence", "Indicator set", "Live"], models.map((m) => h("tr", {},
        h("th", { scope: "row" }, link(`#/models/${encodeURIComponent(m.model_id)}`, m.model_id)),
        h("td", {}, m.pack), h("td", {}, m.ticker), h("td", {}, m.horizon), h("td", {}, m.cadence), h("td", {}, m.indicator_set),
        h("td", {}, live.has(m.model_id) ? link(`#/live/${encodeURIComponent(m.model_id)}`, "live") : "—")))));
}

export async function render(view, model) {
  const id = encodeURIComponent(model);
  const [config, profile, report, history, liveModels] = await Promise.all([
    get(`/models/${id}`), getOptional(`/models/${id}/profile`), getOptional(`/models/${id}/report`),
    get(`/registry/models/${id}/history`), get("/live"),
  ]);
  const isLive = liveModels.some((m) => m.model_id === model);
  fill(view,
    h("h2", {}, `Model ${model}`),
    isLive ? h("p", {}, link(`#/live/${id}`, "Live mode →")) : null,
    configurationSection(config, report),
    profile ? profileSection(profile) : h("section", {}, h("h3", {}, "Matrix profile"), message("No matrix built yet: POST /build_matrix.")),
    report ? backtestSection(report) : h("section", {}, h("h3", {}, "Backtest"), message("No backtest yet: POST /backtest.")),
    report ? h("section", {}, h("h3", {}, "Plots"), h("div", { class: "plots", id: "model-plots" }, PLOTS.map(([name]) => plot(model, name)))) : null,
    historySection(history));
}

function pairs(entries) {
  return h("dl", { class: "pairs" }, entries.filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function component(c) {
  if (!c || typeof c !== "object") return c;
  const params = Object.entries(c.params || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
  return `${c.pack}.${c.id}${c.version ? ` ${c.version}` : ""}${params ? ` (${params})` : ""}`;
}

function configurationSection(config, report) {
  const m = config.model || {};
  const set = config.indicator_set || {};
  const lineage = report?.lineage || {};
  const packs = Object.entries(config.packs || {}).map(([id, p]) => `${id} ${p.version} (ABI ${p.abi})`).join(", ");
  return h("section", { id: "configuration" }, h("h3", {}, "Configuration and lineage"),
    pairs([
      ["Pack", m.pack], ["Ticker", m.ticker], ["Asset type", m.asset_type], ["Horizon", m.horizon], ["Cadence", m.cadence],
      ["Indicator set", `${set.id ?? m.indicator_set}${set.version ? ` (version ${set.version})` : ""} · ${(set.features || []).length} features`],
      ["Labeler", component(config.labeler)], ["Adapter", component(config.adapter)], ["Packs", packs],
      ["config_sha", sha(config.config_sha)], ["matrix_sha", sha(lineage.matrix_sha)], ["policy_sha", sha(lineage.policy_sha)],
      ["risk_sha", sha(lineage.risk_sha)], ["XGBoost", lineage.xgboost_version],
    ]));
}

function profileSection(p) {
  const features = Object.entries(p.features || {}).sort(([a], [b]) => a.localeCompare(b));
  const balance = Object.entries(p.label_balance || {});
  const total = balance.reduce((s, [, n]) => s + n, 0);
  const coverage = p.coverage || {};
  const leakage = p.leakage || {};
  const violations = leakage.prefix_truncation?.violations || [];
  const suspicious = leakage.suspicious_correlations || [];
  return h("section", { id: "profile" }, h("h3", {}, "Matrix profile"),
    pairs([["Rows", p.rows], ["Range", `${p.start} … ${p.end}`], ["Data QA", `${p.qa?.status || "—"}${p.qa?.reasons?.length ? `: ${p.qa.reasons.join("; ")}` : ""}`],
      ["Sessions", coverage.sessions], ["Median bars a day", coverage.median_bars_per_day],
      ["Short days", (coverage.short_days || []).join(", ") || "none"]]),
    table("NaN % per feature", ["Feature", "Indicator", "NaN %"], features.map(([name, f]) => h("tr", {},
      h("th", { scope: "row" }, name), h("td", {}, `${f.pack}.${f.indicator}`),
      h("td", { class: f.nan_pct > 0 ? "num warn" : "num" }, num(f.nan_pct, 2))))),
    table("Label balance", ["Label", "Rows", "Share"], balance.map(([label, n]) => h("tr", {},
      h("th", { scope: "row" }, label), h("td", { class: "num" }, n), h("td", { class: "num" }, pct(total ? n / total : NaN))))),
    h("h4", {}, "Leakage checks"),
    h("ul", { class: "flags" },
      h("li", { class: leakage.checked ? "ok" : "warn" }, leakage.checked ? "causality checked" : "causality not checked"),
      h("li", { class: violations.length ? "bad" : "ok" }, `prefix truncation: ${violations.length ? violations.join(", ") : "no violation"} (${leakage.prefix_truncation?.features?.length ?? 0} features, ${leakage.prefix_truncation?.cuts_per_feature ?? 0} cuts each)`),
      h("li", { class: "ok" }, `labels end after the decision: ${leakage.labels?.end_after_decision ? "yes" : "no"}`),
      h("li", { class: suspicious.length ? "bad" : "ok" }, `suspicious correlations: ${suspicious.length ? suspicious.join(", ") : "none"}`)));
}

function metricCells(m) {
  return [h("td", { class: "num" }, m.trades), h("td", { class: "num" }, pct(m.win_rate)), h("td", { class: "num" }, num(m.sharpe)),
    h("td", { class: "num" }, num(m.sortino)), h("td", { class: "num" }, pct(m.total_return)), h("td", { class: "num" }, pct(m.max_drawdown))];
}

const METRIC_HEAD = ["Trades", "Win rate", "Sharpe", "Sortino", "Total return", "Max drawdown"];

function backtestSection(r) {
  const configs = r.configurations || [];
  const label = (c) => `p ≥ ${Number(c.threshold).toFixed(2)}${typeof c.top_pct === "number" ? ` · top ${(c.top_pct * 100).toFixed(0)} %` : ""}`;
  return h("section", { id: "backtest" }, h("h3", {}, "Backtest"),
    pairs([["Status", r.status], ["Folds", (r.folds || []).length], ["Predictions", r.predictions], ["Configurations tried", r.configurations_tried],
      ["Best threshold", r.best ? `${num(r.best.threshold)}${r.best.fell_back ? " (fell back: fewer trades than the minimum)" : ""}` : "—"]]),
    table("Gates per risk profile", ["Risk profile", "Verdict", "Reasons"], (r.gates || []).map((g) => h("tr", {},
      h("th", { scope: "row" }, g.risk_profile), h("td", {}, h("span", { class: `badge ${g.status === "pass" ? "pass" : "fail"}` }, g.status)),
      h("td", {}, (g.reasons || []).join("; ") || "every budget met")))),
    table("Metrics per threshold", ["Configuration", ...METRIC_HEAD, "Deflated Sharpe"], configs.map((c) => h("tr", {},
      h("th", { scope: "row" }, label(c)), metricCells(c.metrics || {}), h("td", { class: "num" }, num(c.deflated_sharpe)))), { id: "per-threshold" }),
    table("Metrics per fold", ["Configuration", "Fold", ...METRIC_HEAD], configs.flatMap((c) => (c.folds || []).map((f) => h("tr", {},
      h("th", { scope: "row" }, label(c)), h("td", { class: "num" }, f.fold), metricCells(f.metrics || {})))), { id: "per-fold" }),
    table("Folds", ["Fold", "Test from", "Training rows", "Purged", "Test rows", "Rounds"], (r.folds || []).map((f) => h("tr", {},
      h("th", { scope: "row" }, f.fold), h("td", {}, f.test_start), h("td", { class: "num" }, f.training_rows),
      h("td", { class: "num" }, f.purged_rows), h("td", { class: "num" }, f.test_rows), h("td", { class: "num" }, f.rounds)))));
}

function historySection(history) {
  return h("section", { id: "history" }, h("h3", {}, "Registry history"),
    history.length === 0 ? message("Not registered yet.") :
      table(null, ["When", "Action", "From", "To", "Slot", "Reason", "Actor"], history.map((l) => h("tr", {},
        h("td", {}, l.ts), h("th", { scope: "row" }, l.action), h("td", {}, l.from_version ?? "—"), h("td", {}, l.to_version ?? "—"),
        h("td", {}, l.slot ?? "—"), h("td", {}, l.reason || "—"), h("td", {}, l.actor)))));
}
