// Live mode for models whose live monitor writes live_data/<model>/live_state.json
// (GET /models/{id}/live): refreshes on a chosen cadence without reloading the page, shows a
// health banner (stream status, data freshness, scoring latency, stream lag) and the latest
// decisions as cards and a table. Stale decisions are muted and never marked favorable.
import { get, ApiError } from "./api.js";
import { h, fill, num, table, message, link } from "./dom.js";

const CADENCES = [["0", "Off"], ["1", "1 s"], ["2", "2 s"], ["5", "5 s"], ["15", "15 s"], ["60", "60 s"]];
const CADENCE_KEY = "edgehost.live.cadence";
/** Data older than these many seconds is "aging", then "stale" (README "Dashboard"). */
export const FRESH_SECONDS = 120, STALE_SECONDS = 600;
/** Policy statuses that mean the policy would act on the decision. */
const FAVORABLE = new Set(["pass", "approved", "alert", "favorable"]);
/** Keys a decision card shows in its own places; every other key is a score field. */
const FIXED = new Set(["key", "decision_ts", "policy_status", "policy_reason", "stale_flag"]);
const CARDS = 6;

export async function renderList(view) {
  const models = await get("/live");
  fill(view, h("h2", {}, "Live"),
    models.length === 0 ? message("No model is live: the live monitor writes live_data/<model>/live_state.json.") :
      table(null, ["Model", "Stream", "Updated"], models.map((m) => h("tr", {},
        h("th", { scope: "row" }, link(`#/live/${encodeURIComponent(m.model_id)}`, m.model_id)),
        h("td", {}, m.stream_status ?? "—"), h("td", {}, m.updated_at ?? "—")))));
}

export async function render(view, model) {
  const cadence = h("select", { id: "cadence" }, CADENCES.map(([value, label]) => h("option", { value }, label)));
  cadence.value = sessionStorage.getItem(CADENCE_KEY) || "5";
  const refreshNow = h("button", { type: "button", id: "refresh-now" }, "Refresh now");
  const content = h("div", { id: "live-content" });
  fill(view,
    h("h2", {}, `Live: ${model}`),
    h("div", { class: "toolbar" },
      h("label", { for: "cadence" }, "Auto-refresh "), cadence, refreshNow,
      link(`#/models/${encodeURIComponent(model)}`, "Model page")),
    content);

  let timer = null, stopped = false, last = null;
  const schedule = () => {
    clearTimeout(timer);
    const seconds = Number(cadence.value);
    if (!stopped && seconds > 0) timer = setTimeout(tick, seconds * 1000);
  };
  async function tick() {
    try {
      last = await get(`/models/${encodeURIComponent(model)}/live`);
      draw(content, last, null);
    } catch (e) {
      // A state being rewritten (503) or gone (404): keep what was shown and say so.
      draw(content, last, e instanceof ApiError && e.status === 404 ? "This model has no live state any more." : `Refresh failed: ${e.message}`);
    }
    schedule();
  }
  cadence.addEventListener("change", () => { sessionStorage.setItem(CADENCE_KEY, cadence.value); schedule(); });
  refreshNow.addEventListener("click", tick);
  await tick();
  return () => { stopped = true; clearTimeout(timer); };
}

function draw(content, state, problem) {
  if (!state) { fill(content, message(problem || "No live state.", "error")); return; }
  const decisions = (state.decisions || []).slice().sort((a, b) => String(b.decision_ts).localeCompare(String(a.decision_ts)));
  const scoreKeys = [...new Set(decisions.flatMap((d) => Object.keys(d).filter((k) => !FIXED.has(k))))].sort();
  fill(content,
    problem ? message(problem, "error") : null,
    banner(state),
    h("section", {}, h("h3", {}, "Latest decisions"),
      decisions.length === 0 ? message("No decision yet.") :
        h("div", { class: "cards", id: "decision-cards" }, decisions.slice(0, CARDS).map((d) => card(d, scoreKeys)))),
    h("section", {}, h("h3", {}, "All decisions"),
      table(null, ["Key", "Decision time", ...scoreKeys, "Policy", "Reason", "Stale"], decisions.map((d) => h("tr", decisionAttrs(d),
        h("th", { scope: "row" }, h("code", {}, d.key ?? "—")), h("td", {}, d.decision_ts ?? "—"),
        scoreKeys.map((k) => h("td", { class: typeof d[k] === "number" ? "num" : false }, value(d[k]))),
        h("td", {}, policyBadge(d)), h("td", {}, d.policy_reason || "—"), h("td", {}, isStale(d) ? "stale" : "—"))),
      { id: "decisions" })));
}

function isStale(d) { return d.stale_flag === true || d.stale_flag === 1 || d.stale_flag === "true"; }

/** Favorable only when the policy would act and the data is not stale. */
function isFavorable(d) { return !isStale(d) && FAVORABLE.has(String(d.policy_status).toLowerCase()); }

function decisionAttrs(d) {
  const classes = [isStale(d) ? "stale" : null, isFavorable(d) ? "favorable" : null].filter(Boolean).join(" ");
  return { class: classes || false, "data-key": d.key, "data-stale": isStale(d) ? "true" : "false" };
}

function policyBadge(d) {
  const kind = isStale(d) ? "muted" : isFavorable(d) ? "pass" : "neutral";
  return h("span", { class: `badge ${kind}` }, d.policy_status ?? "—");
}

function value(x) {
  if (typeof x === "number") return Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) < 10 ? 4 : 2);
  if (x === null || x === undefined) return "—";
  return typeof x === "object" ? JSON.stringify(x) : String(x);
}

function card(d, scoreKeys) {
  return h("article", { ...decisionAttrs(d), class: ["card", decisionAttrs(d).class].filter(Boolean).join(" ") },
    h("h4", {}, d.decision_ts ?? "—", isStale(d) ? h("span", { class: "badge muted" }, "stale") : null),
    h("p", {}, policyBadge(d), " ", d.policy_reason || ""),
    h("dl", { class: "pairs" }, scoreKeys.filter((k) => d[k] !== undefined).map((k) => [h("dt", {}, k), h("dd", {}, value(d[k]))])),
    h("p", { class: "key" }, h("code", {}, d.key ?? "")));
}

function freshness(seconds) {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return ["unknown", "neutral"];
  return seconds <= FRESH_SECONDS ? ["fresh", "pass"] : seconds <= STALE_SECONDS ? ["aging", "warn"] : ["stale", "fail"];
}

function banner(state) {
  const health = state.health || {};
  const stream = String(health.stream_status ?? "unknown");
  const streamKind = ["ok", "connected", "streaming", "live"].includes(stream.toLowerCase()) ? "pass"
    : ["degraded", "lagging", "reconnecting"].includes(stream.toLowerCase()) ? "warn" : "fail";
  const [freshLabel, freshKind] = freshness(health.data_freshness_seconds);
  const age = (Date.now() - Date.parse(state.updated_at)) / 1000;
  const [ageLabel, ageKind] = freshness(age);
  const worst = [streamKind, freshKind, ageKind].includes("fail") ? "bad" : [streamKind, freshKind, ageKind].includes("warn") ? "warn" : "ok";
  return h("section", { class: `banner ${worst}`, id: "health", role: "status", "aria-label": "Live health" },
    h("p", {}, h("strong", {}, "Stream "), h("span", { class: `badge ${streamKind}`, id: "stream-status" }, stream)),
    h("p", {}, h("strong", {}, "Data "), h("span", { class: `badge ${freshKind}`, id: "data-freshness" },
      `${freshLabel} · ${num(health.data_freshness_seconds, 0)} s old`)),
    h("p", {}, h("strong", {}, "Scoring "), h("span", { id: "scoring-latency" }, `${num(health.scoring_latency_ms, 0)} ms`)),
    h("p", {}, h("strong", {}, "Stream lag "), h("span", { id: "stream-lag" }, `${num(health.stream_lag_seconds, 1)} s`)),
    h("p", {}, h("strong", {}, "State "), h("span", { class: `badge ${ageKind}`, id: "state-age" },
      Number.isFinite(age) ? `updated ${num(Math.max(0, age), 0)} s ago` : "no updated_at"), " ", h("time", { datetime: state.updated_at || "" }, state.updated_at || "")));
}
