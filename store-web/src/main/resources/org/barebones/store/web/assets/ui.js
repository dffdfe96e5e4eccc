// Small DOM helpers shared by the two pages: building elements (text only, never HTML from the
// store), labelled fields, messages in live regions, field messages tied to their fields.

let ids = 0;

/** A unique id for a field and its label. */
export function uid(prefix) {
  ids += 1;
  return prefix + "-" + ids;
}

/** h("li", {class: "x"}, "text", child, ...): attributes set as attributes, children as text. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * A labelled field: <div class="field"><label for=id>Label</label><input id=id ...><p class=
 * "field-message" id=...></p></div>. Returns the wrapper; .input is the control.
 */
export function field(label, attributes = {}, tag = "input") {
  const id = uid(attributes.name || "field");
  const messageId = id + "-message";
  const control = h(tag, { ...attributes, id });
  const message = h("p", { class: "field-message", id: messageId, hidden: true });
  const wrapper = h("div", { class: "field" }, h("label", { for: id }, label), control, message);
  wrapper.input = control;
  wrapper.message = message;
  return wrapper;
}

/** Shows (or with null, clears) a message under a field, tied to it for screen readers. */
export function setFieldMessage(wrapper, text) {
  const { input, message } = wrapper;
  if (text) {
    message.textContent = text;
    message.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", message.id);
  } else {
    message.textContent = "";
    message.hidden = true;
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
}

/**
 * Puts the 422 field messages of an ApiError next to their fields ({apiField: wrapper}); answers
 * the messages of fields the form does not show, so that the caller can say them too.
 */
export function showFieldErrors(error, fields) {
  const rest = [];
  for (const [name, text] of Object.entries(error.fieldErrors || {})) {
    const wrapper = fields[name];
    if (wrapper) {
      setFieldMessage(wrapper, sentence(text));
    } else {
      rest.push(name.replace(/_/g, " ") + " " + text);
    }
  }
  const first = Object.values(fields).find((w) => w.input.getAttribute("aria-invalid"));
  if (first) first.input.focus();
  return rest;
}

export function clearFieldMessages(fields) {
  for (const wrapper of Object.values(fields)) setFieldMessage(wrapper, null);
}

/** "must be at least 0.10" -> "Must be at least 0.10." */
export function sentence(text) {
  const s = String(text).trim();
  if (!s) return s;
  return s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}

/**
 * Says something in a message area (a live region): kind "error" (role=alert), "ok" or "info".
 * With null text, clears it.
 */
export function say(area, text, kind = "info") {
  area.textContent = "";
  area.className = "message" + (text ? " message-" + kind : "");
  area.hidden = !text;
  if (!text) return;
  area.setAttribute("role", kind === "error" ? "alert" : "status");
  for (const line of Array.isArray(text) ? text : [text]) {
    area.append(h("p", {}, line));
  }
}

/**
 * Runs an action once at a time per button (no double submissions): the button is marked busy
 * (aria-disabled, not disabled, so that keyboard focus stays on it). Answers the action's result,
 * or undefined when the button was already busy.
 */
export async function busy(button, action) {
  if (button && button.getAttribute("aria-disabled") === "true") return undefined;
  if (button) button.setAttribute("aria-disabled", "true");
  try {
    return await action();
  } finally {
    if (button) button.removeAttribute("aria-disabled");
  }
}

/** A date-time of the store ("2026-12-06T05:01:02Z") in the reader's own words. */
export function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}
