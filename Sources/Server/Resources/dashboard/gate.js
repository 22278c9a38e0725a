// A leaderboard row's gate verdict and configuration, as every view shows them.
import { h } from "./dom.js";

/**
 * The gate badge: its reasons show on hover (title) and, for keyboard and touch, on expanding
 * it (a native <details>, so Enter/Space toggle it).
 */
export function gateBadge(row) {
  const reasons = row.gate_reasons || (row.gate_status === "pass" ? "every budget met" : "no reason recorded");
  return h("details", { class: `gate ${row.gate_status === "pass" ? "pass" : "fail"}` },
    h("summary", { title: reasons, "aria-label": `gate ${row.gate_status}: show reasons` }, row.gate_status),
    h("p", { class: "reasons" }, reasons));
}

/** "balanced · p ≥ 0.60 · top 10 % · hours 13,14,15 · 3 splits" */
export function configuration(row) {
  const parts = [row.risk_profile, `p ≥ ${Number(row.threshold).toFixed(2)}`];
  if (typeof row.top_pct === "number") parts.push(`top ${(row.top_pct * 100).toFixed(0)} %`);
  if (row.allowed_hours) parts.push(`hours ${row.allowed_hours}`);
  if (row.splits) parts.push(`${row.splits} splits`);
  return parts.join(" · ");
}

/** What POST /train takes for a row: its model, risk profile and hours. */
export function trainBody(row) {
  const body = { model_id: row.model_id, risk_profile: row.risk_profile };
  if (row.allowed_hours) body.allowed_hours = row.allowed_hours;
  return body;
}
