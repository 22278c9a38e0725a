// Modal dialogs (<dialog>, so focus stays inside and Escape cancels): the API token and the
// confirmations that changes (training past a failed gate, promote, rollback) need.
import { h } from "./dom.js";

/**
 * Shows a modal form and resolves to its field values on confirm, or null on cancel.
 * fields: [{name, label, required, type, pattern, help}]
 */
export function ask({ title, text = [], fields = [], confirm = "Confirm", danger = false }) {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => h("input", {
      id: `dlg-${f.name}`, name: f.name, type: f.type || "text", required: f.required || false,
      pattern: f.pattern || false, autocomplete: "off", "aria-describedby": f.help ? `dlg-${f.name}-help` : false,
    }));
    const form = h("form", { method: "dialog" },
      h("h2", {}, title),
      [text].flat().map((t) => (t instanceof Node ? t : h("p", {}, t))),
      fields.map((f, i) => h("p", {},
        h("label", { for: `dlg-${f.name}` }, f.label), inputs[i],
        f.help ? h("small", { id: `dlg-${f.name}-help` }, f.help) : null)),
      h("p", { class: "actions" },
        h("button", { type: "button", value: "cancel", onclick: () => dialog.close("cancel") }, "Cancel"),
        h("button", { type: "submit", value: "ok", class: danger ? "danger" : "primary" }, confirm)));
    const dialog = h("dialog", { "aria-label": title }, form);
    dialog.addEventListener("close", () => {
      const ok = dialog.returnValue === "ok";
      const values = Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value.trim()]));
      dialog.remove();
      resolve(ok ? values : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    (inputs[0] || form.querySelector("button[type=submit]")).focus();
  });
}

/** The server's API token, asked once per tab (api.js keeps it in sessionStorage). */
export async function askToken() {
  const values = await ask({
    title: "API token",
    text: "This server needs its token (EDGEHOST_API_TOKEN) for changes. It is kept for this tab only.",
    fields: [{ name: "token", label: "Token", type: "password", required: true }],
    confirm: "Use token",
  });
  return values?.token || null;
}

/** The tag rule of the API (ids): letters, digits, _ - . */
export const TAG_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}";
