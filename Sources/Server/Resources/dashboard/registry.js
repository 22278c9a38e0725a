// The registry: each model's active, shadow and canary; every version with promote buttons; a
// rollback per model; the ledger. Each change asks first, and a refused promotion (schema
// mismatch, failed gate) can be forced only with a reason, which the ledger keeps.
import { get, post, ApiError } from "./api.js";
import { h, fill, num, sha, table, message, link } from "./dom.js";
import { ask } from "./dialogs.js";

/** Who the ledger says acted. */
const ACTOR = "dashboard";

export async function render(view) {
  const [models, versions, ledger] = await Promise.all([get("/registry/models"), get("/registry"), get("/registry/ledger")]);
  const status = h("div", { id: "registry-status", "aria-live": "polite" });
  const refresh = () => render(view);
  fill(view, h("h2", {}, "Registry"), status,
    h("section", {}, h("h3", {}, "Models"),
      models.length === 0 ? message("Nothing registered yet: `edgehost registry register --model M`.") :
        table(null, ["Model", "Active", "Shadow", "Canary", "Actions"], models.map((m) => h("tr", { "data-model": m.model_id },
          h("th", { scope: "row" }, link(`#/models/${encodeURIComponent(m.model_id)}`, m.model_id)),
          h("td", { class: "slot-active" }, m.active ?? "—"), h("td", { class: "slot-shadow" }, m.shadow ?? "—"),
          h("td", {}, canary(m.rollout)),
          h("td", {}, (m.previous_active || []).length > 0
            ? h("button", { type: "button", class: "danger rollback", onclick: () => rollback(m, status, refresh) }, "Roll back…")
            : "—"))), { id: "registry-models" })),
    h("section", {}, h("h3", {}, "Versions"),
      table(null, ["Version", "Registered", "Slot", "Best threshold", "Sharpe", "Trades", "model_sha", "Notes", "Promote"],
        versions.map((v) => h("tr", { "data-id": `${v.model_id}@${v.version}` },
          h("th", { scope: "row" }, `${v.model_id}@${v.version}`), h("td", {}, v.created_at), h("td", {}, v.slot ?? "—"),
          h("td", { class: "num" }, num(v.metrics?.threshold)), h("td", { class: "num" }, num(v.metrics?.metrics?.sharpe)),
          h("td", { class: "num" }, v.metrics?.metrics?.trades ?? "—"), h("td", {}, sha(v.lineage?.model_sha)), h("td", {}, v.notes || "—"),
          h("td", {}, ["active", "shadow"].filter((slot) => v.slot !== slot).map((slot) =>
            h("button", { type: "button", "data-slot": slot, onclick: () => promote(v, slot, status, refresh) }, `to ${slot}…`))))))),
    h("section", {}, h("h3", {}, "Ledger"),
      table(null, ["When", "Action", "Model", "From", "To", "Slot", "Reason", "Actor"], ledger.slice().reverse().map((l) => h("tr", {},
        h("td", {}, l.ts), h("th", { scope: "row" }, l.action), h("td", {}, l.model_id), h("td", {}, l.from_version ?? "—"),
        h("td", {}, l.to_version ?? "—"), h("td", {}, l.slot ?? "—"), h("td", {}, l.reason || "—"), h("td", {}, l.actor))), { id: "ledger" })));
}

function canary(rollout) {
  if (!rollout || rollout.mode === "disabled") return "off";
  return rollout.mode === "canary" ? `canary ${num(rollout.canary_fraction * 100, 0)} %` : rollout.mode;
}

async function promote(version, slot, status, refresh) {
  const id = `${version.model_id}@${version.version}`;
  const answer = await ask({
    title: `Promote ${id} to ${slot}?`,
    text: `The ${slot} slot of ${version.model_id} will serve ${id}. The ledger records it.`,
    fields: [{ name: "reason", label: "Reason (optional)" }],
    confirm: `Promote to ${slot}`,
  });
  if (!answer) return;
  try {
    await post("/registry/promote", { id, to: slot, actor: ACTOR, reason: answer.reason });
  } catch (e) {
    if (!(e instanceof ApiError && e.problem.code === "promotion-refused")) { fill(status, message(e.message, "error")); return; }
    const forced = await ask({
      title: `Promotion of ${id} refused`,
      text: [e.message, "Forcing it needs a reason; the ledger keeps it."],
      fields: [{ name: "reason", label: "Reason", required: true }],
      confirm: "Force promotion", danger: true,
    });
    if (!forced) { fill(status, message(`Not promoted: ${e.message}`, "error")); return; }
    try { await post("/registry/promote", { id, to: slot, actor: ACTOR, force: true, reason: forced.reason }); } catch (e2) {
      fill(status, message(e2.message, "error")); return;
    }
  }
  await refresh();
  fill(document.getElementById("registry-status"), message(`${id} is now ${slot}.`));
}

async function rollback(model, status, refresh) {
  const previous = model.previous_active[model.previous_active.length - 1];
  const answer = await ask({
    title: `Roll back ${model.model_id}?`,
    text: `The active version goes from ${model.active} back to ${previous}. The ledger records it.`,
    fields: [{ name: "reason", label: "Reason", required: true }],
    confirm: "Roll back", danger: true,
  });
  if (!answer) return;
  try {
    const result = await post("/registry/rollback", { model_id: model.model_id, reason: answer.reason, actor: ACTOR });
    await refresh();
    fill(document.getElementById("registry-status"), message(`${model.model_id}: active ${result.from ?? "—"} → ${result.to ?? "—"}.`));
  } catch (e) {
    fill(status, message(e.message, "error"));
  }
}
