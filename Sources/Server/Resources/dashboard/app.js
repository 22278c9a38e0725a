// The dashboard's router: one hash route per view (#/leaderboard, #/compare/<keys>,
// #/models[/<id>], #/registry, #/live[/<id>]). A view renders into <main> and may return a
// function that stops what it started (live mode's refresh timer).
import { get } from "./api.js";
import { fill, message } from "./dom.js";
import * as leaderboard from "./leaderboard.js";
import * as compare from "./compare.js";
import * as models from "./models.js";
import * as registry from "./registry.js";
import * as live from "./live.js";

const view = document.getElementById("view");
let stop = null;

const routes = [
  [/^#\/leaderboard$/, "leaderboard", () => leaderboard.render(view)],
  [/^#\/compare\/([^/]+)$/, "leaderboard", (m) => compare.render(view, decodeURIComponent(m[1]).split(","))],
  [/^#\/models$/, "models", () => models.renderList(view)],
  [/^#\/models\/([^/]+)$/, "models", (m) => models.render(view, decodeURIComponent(m[1]))],
  [/^#\/registry$/, "registry", () => registry.render(view)],
  [/^#\/live$/, "live", () => live.renderList(view)],
  [/^#\/live\/([^/]+)$/, "live", (m) => live.render(view, decodeURIComponent(m[1]))],
];

async function route(event) {
  if (stop) { stop(); stop = null; }
  const hash = location.hash || "#/leaderboard";
  const match = routes.map(([re, section, show]) => [hash.match(re), section, show]).find(([m]) => m);
  if (!match) { location.hash = "#/leaderboard"; return; }
  const [m, section, show] = match;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.section === section) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  fill(view, message("Loading…", "loading"));
  try {
    stop = (await show(m)) || null;
  } catch (e) {
    fill(view, message(`Could not load this view: ${e.message}`, "error"));
  }
  // After a link was followed, the keyboard continues in the new view, not in the old link's place.
  if (event && !view.contains(document.activeElement)) view.focus();
}

// The Live section shows only when some model has a live state: views stay as they are otherwise.
async function showLiveNav() {
  try {
    const liveModels = await get("/live");
    document.getElementById("nav-live").hidden = liveModels.length === 0;
  } catch { /* the read-only views do not depend on it */ }
}

window.addEventListener("hashchange", route);
showLiveNav();
route();
