// The pages' one way to the store: fetch on the same origin, JSON in and out (money kept exact),
// and every problem the store can answer turned into words a buyer or a producer understands.

import { parseJson, toJson } from "./json.js";

/** A refused or failed call, with its message in words and what a page needs to react to it. */
export class ApiError extends Error {
  constructor(message, { status = 0, type = null, problem = null, retryAfter = null } = {}) {
    super(message);
    this.name = "ApiError";
    /** The HTTP status; 0 when the store could not be reached. */
    this.status = status;
    /** The problem's type without its prefix ("insufficient-stock"), or null. */
    this.type = type;
    /** The problem body (never shown as it is), or null. */
    this.problem = problem;
    /** Seconds to wait before trying again (429, 409 in use), or null. */
    this.retryAfter = retryAfter;
  }

  /** The field messages of a 422 ({field: message}), empty for any other answer. */
  get fieldErrors() {
    const errors = {};
    for (const e of (this.problem && this.problem.errors) || []) {
      if (e && typeof e.field === "string") {
        errors[e.field] = errors[e.field] ? errors[e.field] + "; " + e.message : e.message;
      }
    }
    return errors;
  }

  /** True when the same request may simply be sent again later. */
  get retryable() {
    return (
      this.status === 0 ||
      this.status >= 500 ||
      this.status === 429 ||
      this.type === "idempotency-key-in-use"
    );
  }
}

/** "in 30 seconds", "in about 4 minutes", "at 14:05". */
export function whenToRetry(seconds) {
  if (seconds == null) return "in a moment";
  if (seconds <= 1) return "in a second";
  if (seconds < 90) return "in " + seconds + " seconds";
  if (seconds < 3600) return "in about " + Math.ceil(seconds / 60) + " minutes";
  const at = new Date(Date.now() + seconds * 1000);
  return "at " + at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function retryAfterSeconds(headers) {
  const value = headers.get("Retry-After");
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The default words for a problem; pages say more where they know more (titles, fields). */
function describe(status, type, problem, retryAfter) {
  switch (type) {
    case "unauthenticated":
      return "Your session has expired. Log in again.";
    case "forbidden":
      return "That belongs to someone else, so it cannot be changed from here.";
    case "not-found":
      return "That no longer exists.";
    case "username-taken":
      return "That username is taken. Choose another one.";
    case "insufficient-stock":
      return "There is not enough in stock.";
    case "price-changed":
      return "A price changed in the meantime.";
    case "cart-checked-out":
      return "This cart has already been checked out.";
    case "concurrent-update":
      return "This product is changing a lot right now. Try again.";
    case "precondition-failed":
      return "This changed in the meantime. Check it and save again.";
    case "body-too-large":
      return "That is too long.";
    case "validation":
      return "Please correct the fields marked below.";
    case "empty-cart":
      return "Your cart is empty.";
    case "already-shipped":
      return "It has already been shipped, so it can no longer be canceled.";
    case "order-canceled":
      return "This order was canceled, so it cannot be shipped.";
    case "too-many-attempts":
      return "Too many attempts from this address. Try again " + whenToRetry(retryAfter) + ".";
    case "idempotency-key-in-use":
      return "Your previous attempt is still being handled. Try again " + whenToRetry(retryAfter) + ".";
    case "idempotency-key-reused":
      return "The store saw this request before with other details. Try again.";
    case "request-timeout":
      return "The connection was too slow. Try again.";
    default:
      break;
  }
  if (status === 429) return "Too many requests. Try again " + whenToRetry(retryAfter) + ".";
  if (status === 503 || type === "unavailable") {
    return "The store is unavailable at the moment. Try again shortly.";
  }
  if (status >= 500) return "Something went wrong in the store. Try again shortly.";
  if (problem && typeof problem.detail === "string" && problem.detail) {
    // The problem's own sentence, meant for people (RFC 9457 "detail").
    return problem.detail.endsWith(".") ? problem.detail : problem.detail + ".";
  }
  if (problem && typeof problem.title === "string" && problem.title) return problem.title + ".";
  return "The store refused this (HTTP " + status + ").";
}

/** The next page's address from an RFC 8288 Link header, or null. */
export function nextLink(header) {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const found = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (found && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(found[2])) {
      return found[1];
    }
  }
  return null;
}

/**
 * Calls the API. Answers {status, data, headers, next} on 2xx; throws ApiError otherwise, with
 * its message in words (status 0: the store could not be reached).
 */
export async function call(method, path, { token, body, idempotencyKey, ifMatch } = {}) {
  const headers = {};
  if (ifMatch) headers["If-Match"] = ifMatch;
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  let response;
  let text;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : toJson(body),
      credentials: "omit",
    });
    text = await response.text();
  } catch (e) {
    throw new ApiError(
      "The store cannot be reached. Check your connection, then try again.",
      { status: 0 },
    );
  }
  let data = null;
  const contentType = response.headers.get("Content-Type") || "";
  if (text && /json/i.test(contentType)) {
    try {
      data = parseJson(text);
    } catch (e) {
      data = null;
    }
  }
  if (response.ok) {
    return {
      status: response.status,
      data,
      headers: response.headers,
      next: nextLink(response.headers.get("Link")),
    };
  }
  const problem = data && typeof data === "object" && !Array.isArray(data) ? data : null;
  const type =
    problem && typeof problem.type === "string"
      ? problem.type.replace(/^.*\/problems\//, "")
      : null;
  const retryAfter = retryAfterSeconds(response.headers);
  throw new ApiError(describe(response.status, type, problem, retryAfter), {
    status: response.status,
    type,
    problem,
    retryAfter,
  });
}

/** A fresh Idempotency-Key (a version 4 UUID; crypto.randomUUID needs a secure context). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pause = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * One logical creation (sign up, add a product, open a cart) and its Idempotency-Key. The key is
 * kept while the outcome is unknown (no answer, 5xx, 429, key in use), so that trying again,
 * automatically or by pressing the button again with the same details, cannot create a second
 * one; any other answer, or other details, starts a new operation with a new key.
 */
export class Operation {
  constructor() {
    this.key = null;
    this.request = null;
  }

  /** POSTs, retrying briefly (twice at most) while the outcome is unknown. */
  async post(path, { token, body } = {}) {
    const request = path + "\n" + (body === undefined ? "" : toJson(body));
    if (this.key === null || this.request !== request) {
      this.key = newKey();
      this.request = request;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await call("POST", path, { token, body, idempotencyKey: this.key });
        this.key = null;
        return answer;
      } catch (e) {
        const again = e.status === 0 || e.status === 503 || e.type === "idempotency-key-in-use";
        if (again && attempt < 3) {
          await pause(Math.min(e.retryAfter || attempt, 3));
          continue;
        }
        if (!e.retryable) this.key = null;
        throw e;
      }
    }
  }
}
