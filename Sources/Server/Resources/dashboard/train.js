// "Train selection": queues POST /train for the selected rows whose gate passed. Rows whose
// gate failed are trained only after a confirmation naming them and a tag; their requests carry
// gate_override and the tag, which the job records. Jobs run one after another (the server runs
// one job per model), each followed to its end.
import { post, waitJob, ApiError } from "./api.js";
import { h, pct } from "./dom.js";
import { ask, TAG_PATTERN } from "./dialogs.js";
import { configuration, trainBody } from "./gate.js";

export async function trainRows(rows, status) {
  const passing = rows.filter((r) => r.gate_status === "pass");
  const failing = rows.filter((r) => r.gate_status !== "pass");
  const list = h("ul", { class: "jobs" });
  status.replaceChildren(list);
  const note = (text, kind = "info") => list.append(h("li", { class: kind }, text));

  let tag = null;
  if (failing.length > 0) {
    const answer = await ask({
      title: "Train configurations that failed their gate?",
      text: [
        `${failing.length} selected configuration${failing.length === 1 ? "" : "s"} failed the gate:`,
        h("ul", {}, failing.map((r) => h("li", {}, `${r.model_id} · ${configuration(r)}: ${r.gate_reasons || "failed"}`))),
        "Training them anyway is recorded with the tag you give (the job's request keeps gate_override and the tag).",
      ],
      fields: [{ name: "tag", label: "Tag", required: true, pattern: TAG_PATTERN, help: "letters, digits, _ - . (e.g. override-review-42)" }],
      confirm: "Train anyway", danger: true,
    });
    tag = answer?.tag || null;
    if (!tag) note(`Skipped ${failing.length} configuration${failing.length === 1 ? "" : "s"} that failed the gate (not confirmed).`);
  }

  // One request per model × risk profile × hours: the threshold does not change what trains.
  const requests = new Map();
  for (const r of passing) requests.set(JSON.stringify(trainBody(r)), trainBody(r));
  if (tag) for (const r of failing) {
    const key = JSON.stringify(trainBody(r));
    if (!requests.has(key)) requests.set(key, { ...trainBody(r), gate_override: true, tag });
  }
  if (requests.size === 0) { note("Nothing to train."); return; }
  for (const body of requests.values()) await trainOne(body, list);
}

async function trainOne(body, list) {
  const item = h("li", {}, `${body.model_id} · ${body.risk_profile}: queued`);
  list.append(item);
  const show = (job) => {
    item.textContent = `${body.model_id} · ${body.risk_profile}${body.gate_override ? ` (gate override, tag ${body.tag})` : ""}: job ${job.id} ${job.state}` +
      (job.state === "running" ? ` ${pct(job.progress?.fraction, 0)}` : "") + (job.error?.message ? ` — ${job.error.message}` : "");
    item.className = job.state === "failed" ? "error" : "";
  };
  for (;;) {
    try {
      const job = await post("/train", body);
      await waitJob(job.id, show);
      return;
    } catch (e) {
      // Another job of this model is running: wait for it, then queue ours.
      if (e instanceof ApiError && e.status === 409 && e.problem.object) {
        item.textContent = `${body.model_id}: waiting for job ${e.problem.object}`;
        await waitJob(e.problem.object);
        continue;
      }
      item.textContent = `${body.model_id} · ${body.risk_profile}: ${e.message}`;
      item.className = "error";
      return;
    }
  }
}
