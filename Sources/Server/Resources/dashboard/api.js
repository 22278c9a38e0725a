// The JSON API, from the page's own origin. Reads need no token; a mutating call that gets 401
// asks for the server's token once (kept in sessionStorage for this tab) and tries again.
import { askToken } from "./dialogs.js";

const TOKEN_KEY = "edgehost.token";

/** An error carrying the server's problem+json (code, detail, status). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** GET a JSON document. */
export async function get(path) {
  return parse(await fetch(path, { headers: { Accept: "application/json" } }));
}

/** GET that answers null instead of throwing when the thing does not exist (404). */
export async function getOptional(path) {
  try { return await get(path); } catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
}

/** POST a JSON body; on 401 asks for the token and retries once. */
export async function post(path, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    if (response.status === 401) {
      // A refused token is forgotten, so the next change asks again instead of resending it.
      sessionStorage.removeItem(TOKEN_KEY);
      if (attempt > 0) break;
      const given = await askToken();
      if (!given) throw new ApiError(401, { detail: "this server needs its API token for changes; none was given" });
      sessionStorage.setItem(TOKEN_KEY, given);
      continue;
    }
    return parse(response);
  }
  throw new ApiError(401, { code: "unauthorized", detail: "the token was refused; nothing was changed" });
}

/** Polls a job until it ends; `onUpdate` sees each state. */
export async function waitJob(id, onUpdate = () => {}, intervalMs = 1000) {
  for (;;) {
    const job = await get(`/jobs/${encodeURIComponent(id)}`);
    onUpdate(job);
    if (!["queued", "running"].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
