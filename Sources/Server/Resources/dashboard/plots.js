// The host's SVG plots of a model (GET /models/{id}/plots/{name}.svg), as images.
import { h } from "./dom.js";

export const PLOTS = [
  ["equity", "Equity"], ["drawdown", "Drawdown"], ["hourly_pnl", "P&L by hour"],
  ["calibration", "Calibration"], ["importance", "Feature importance"],
];

/** One plot as a captioned figure. */
export function plot(model, name, caption = PLOTS.find(([n]) => n === name)?.[1] || name) {
  return h("figure", { class: "plot" },
    h("img", {
      src: `/models/${encodeURIComponent(model)}/plots/${name}.svg`, alt: `${caption} of ${model}`,
      "data-plot": name, "data-model": model, loading: "eager", decoding: "async",
    }),
    h("figcaption", {}, caption));
}
