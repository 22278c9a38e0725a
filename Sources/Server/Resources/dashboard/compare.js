// Selected leaderboard rows side by side: each one's figures, then their equity, drawdown and
// hour-by-hour plots aligned row against row. Plots are the backtest's of each row's model.
import { get } from "./api.js";
import { h, fill, num, pct, sha, message, link } from "./dom.js";
import { gateBadge, configuration } from "./gate.js";
import { PLOTS, plot } from "./plots.js";

export async function render(view, keys) {
  const all = await get("/leaderboard?top=10000");
  const rows = keys.map((k) => all.find((r) => r.key === k)).filter(Boolean);
  const back = link("#/leaderboard", "← Leaderboard");
  if (rows.length < 2) {
    fill(view, h("h2", {}, "Compare"), message("Select at least two rows of the leaderboard to compare them.", "error"), back);
    return;
  }
  const columns = `cols-${Math.min(rows.length, 4)}`;
  fill(view,
    h("h2", {}, `Compare ${rows.length} configurations`), back,
    h("div", { class: `compare ${columns}`, id: "compare-view" }, rows.map((r) => h("article", { class: "card", "data-key": r.key },
      h("h3", {}, link(`#/models/${encodeURIComponent(r.model_id)}`, r.model_id)),
      h("p", {}, configuration(r)),
      h("dl", { class: "figures" },
        h("dt", {}, "Trades"), h("dd", {}, r.trades),
        h("dt", {}, "Sharpe"), h("dd", {}, num(r.sharpe)),
        h("dt", {}, "Deflated Sharpe"), h("dd", {}, num(r.deflated_sharpe)),
        h("dt", {}, "Max drawdown"), h("dd", {}, pct(r.max_drawdown)),
        h("dt", {}, "Win rate"), h("dd", {}, pct(r.win_rate)),
        h("dt", {}, "Gate"), h("dd", {}, gateBadge(r)),
        h("dt", {}, "Lineage"), h("dd", {}, sha(r.matrix_sha), " ", sha(r.config_sha)))))),
    h("p", { class: "note" }, "The plots are each row's model's latest backtest (at that backtest's best threshold, named in each plot's title)."),
    PLOTS.filter(([name]) => ["equity", "drawdown", "hourly_pnl"].includes(name)).map(([name, caption]) => h("section", {},
      h("h3", {}, caption),
      h("div", { class: `compare ${columns}` }, rows.map((r) => plot(r.model_id, name, `${caption}: ${r.model_id} · ${configuration(r)}`))))));
}
