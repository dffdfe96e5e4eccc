// The producers' dashboard: sign up, log in and out; list, add, edit and delete one's own
// products; list one's orders, ship or cancel them. Only the public API, on the page's origin.
//
// The producer's token lives in sessionStorage ("barebones-store.producer"): it survives a reload
// of the tab but not the closing of the tab or the browser, and no other tab or site sees it. It
// expires on the server after 24 h by default; any 401 then brings the login form back, saying so.

import { Operation, call } from "../assets/api.js";
import { NumberText } from "../assets/json.js";
import { formatMoney, isAmount, isWholeNumber } from "../assets/money.js";
import {
  busy,
  clearFieldMessages,
  field,
  formatTime,
  h,
  say,
  sentence,
  setFieldMessage,
  showFieldErrors,
  uid,
} from "../assets/ui.js";

const SESSION_KEY = "barebones-store.producer";
const PAGE_SIZE = 20;

const $ = (id) => document.getElementById(id);
const fieldOf = (id) => ({ input: $(id), message: $(id + "-message") });

let session = null; // {token, id, username}
let productsNext = null;
let ordersNext = null;
const signingUp = new Operation();
const adding = new Operation();

const loginFields = { username: fieldOf("username"), password: fieldOf("password") };
const addFields = {
  title: fieldOf("add-title"),
  price: fieldOf("add-price"),
  inventory_count: fieldOf("add-stock"),
};

// ---- the session ----

function saveSession(value) {
  session = value;
  try {
    if (value) sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch (e) {
    // Storage off: the session then lasts as long as the page.
  }
}

function loadSession() {
  try {
    const value = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    if (value && typeof value.token === "string" && typeof value.id === "number") return value;
  } catch (e) {
    // Unreadable: log in again.
  }
  return null;
}

class SessionExpired extends Error {}

/** A call with the producer's token; a 401 ends the session and asks to log in again. */
async function producerCall(method, path, options = {}) {
  if (!session) throw new SessionExpired();
  try {
    return await call(method, path, { ...options, token: session.token });
  } catch (e) {
    if (e.status === 401) {
      const username = session.username;
      showLogin("Your session has expired. Log in again to continue.", "error", username);
      throw new SessionExpired();
    }
    throw e;
  }
}

function showLogin(text, kind, username) {
  saveSession(null);
  $("workspace").hidden = true;
  $("session").hidden = true;
  $("login").hidden = false;
  $("product-list").textContent = "";
  $("order-list").textContent = "";
  say($("login-message"), text || null, kind);
  clearFieldMessages(loginFields);
  $("password").value = "";
  if (username) $("username").value = username;
  (username ? $("password") : $("username")).focus();
}

function showWorkspace() {
  $("login").hidden = true;
  $("workspace").hidden = false;
  $("session").hidden = false;
  $("session-name").textContent = "Signed in as " + session.username;
  say($("login-message"), null);
  loadProducts(productsUrl(), false);
  loadOrders(ordersUrl(), false);
}

function readCredentials() {
  clearFieldMessages(loginFields);
  say($("login-message"), null);
  const username = $("username").value.trim();
  const password = $("password").value;
  if (!username) setFieldMessage(loginFields.username, "Enter your username.");
  if (!password) setFieldMessage(loginFields.password, "Enter your password.");
  if (!username) $("username").focus();
  else if (!password) $("password").focus();
  return username && password ? { username, password } : null;
}

function begin(data) {
  saveSession({
    token: data.auth_token,
    id: data.producer.id,
    username: data.producer.username,
  });
  $("password").value = "";
  showWorkspace();
  $("main").focus();
}

async function logIn() {
  const credentials = readCredentials();
  if (!credentials) return;
  try {
    begin((await call("POST", "/api/producer/login", { body: credentials })).data);
  } catch (e) {
    if (e.status === 401) {
      say($("login-message"), "Wrong username or password.", "error");
      $("password").focus();
    } else {
      credentialsProblem(e);
    }
  }
}

async function signUp() {
  const credentials = readCredentials();
  if (!credentials) return;
  try {
    begin((await signingUp.post("/api/producer", { body: credentials })).data);
    say($("add-message"), `Welcome, ${credentials.username}! Add your first product.`, "ok");
  } catch (e) {
    if (e.type === "username-taken") {
      setFieldMessage(loginFields.username, "This username is taken. Choose another one.");
      $("username").focus();
    } else {
      credentialsProblem(e);
    }
  }
}

function credentialsProblem(e) {
  if (e.status === 422) {
    const rest = showFieldErrors(e, loginFields);
    say($("login-message"), rest.length ? rest.map(sentence) : null, "error");
  } else {
    say($("login-message"), e.message, "error");
  }
}

// ---- products ----

function productsUrl() {
  const params = new URLSearchParams({
    producer_id: String(session.id),
    "min-inventory-count": "0",
    limit: String(PAGE_SIZE),
  });
  return "/api/products?" + params;
}

function stockWords(count) {
  return count === 0 ? "sold out" : count + " in stock";
}

/** Validates a product form; answers the request fields, or null after marking what is wrong. */
function readProduct(fields) {
  clearFieldMessages(fields);
  const title = fields.title.input.value;
  const price = fields.price.input.value.trim();
  const stock = fields.inventory_count.input.value.trim();
  let ok = true;
  if (!title.trim()) {
    setFieldMessage(fields.title, "Enter a title.");
    ok = false;
  }
  if (!isAmount(price)) {
    setFieldMessage(fields.price, "Enter a price like 4.50 (digits and a point).");
    ok = false;
  }
  if (!isWholeNumber(stock)) {
    setFieldMessage(fields.inventory_count, "Enter a whole number of units, 0 or more.");
    ok = false;
  }
  if (!ok) {
    Object.values(fields)
      .find((f) => f.input.getAttribute("aria-invalid"))
      .input.focus();
    return null;
  }
  return { title, price, stock };
}

/** Puts a 422's field messages next to the fields ("cost" is price's other name). */
function productFieldProblem(e, fields, area) {
  const rest = showFieldErrors(e, { ...fields, cost: fields.price });
  say(area, rest.length ? rest.map(sentence) : null, "error");
}

function productItem(product) {
  const original = { ...product };
  const headingId = uid("product");
  const heading = h("h3", { id: headingId }, product.title);
  const meta = h("p", { class: "meta" });
  const fields = {
    title: field("Title", { name: "title", maxlength: "255", value: product.title }),
    price: field("Price", {
      name: "price",
      inputmode: "decimal",
      autocomplete: "off",
      value: formatMoney(product.price).replace(/,/g, ""),
    }),
    inventory_count: field("Stock", {
      name: "stock",
      type: "number",
      inputmode: "numeric",
      min: "0",
      step: "1",
      value: String(product.inventory_count),
    }),
  };
  fields.title.classList.add("wide");
  fields.price.classList.add("short");
  fields.inventory_count.classList.add("short");
  const message = h("div", { class: "message", hidden: true });
  const save = h("button", { type: "submit" }, "Save");
  const remove = h("button", { type: "button", class: "danger" }, "Delete");
  const form = h(
    "form",
    { novalidate: true },
    h("div", { class: "fields" }, Object.values(fields)),
    h("div", { class: "actions" }, save, remove),
    message,
  );
  const item = h(
    "li",
    {},
    h("article", { class: "card", "aria-labelledby": headingId }, heading, meta, form),
  );
  const show = (p) => {
    Object.assign(original, p);
    heading.textContent = p.title;
    meta.textContent = `${formatMoney(p.price)} · ${stockWords(p.inventory_count)}`;
  };
  show(product);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(save, async () => {
      say(message, null);
      const typed = readProduct(fields);
      if (!typed) return;
      const changes = {};
      if (typed.title !== original.title) changes.title = typed.title;
      if (formatMoney(typed.price) !== formatMoney(original.price)) {
        changes.price = new NumberText(typed.price);
      }
      const stockChanged = typed.stock !== String(original.inventory_count);
      if (stockChanged) changes.inventory_count = new NumberText(typed.stock);
      if (Object.keys(changes).length === 0) {
        say(message, "Nothing to save: no field was changed.", "info");
        return;
      }
      try {
        let ifMatch;
        if (stockChanged) {
          // A new stock replaces the count, sales included: make sure no sale happened since the
          // count shown here, and that none happens between this check and the change.
          const current = await call("GET", `/api/products/${product.id}`);
          if (current.data.inventory_count !== original.inventory_count) {
            show(current.data);
            say(message, stockMoved(current.data.inventory_count), "error");
            return;
          }
          ifMatch = current.headers.get("ETag") || undefined;
        }
        const answer = await producerCall("PUT", `/api/products/${product.id}`, {
          body: changes,
          ifMatch,
        });
        show(answer.data);
        say(message, "Saved.", "ok");
      } catch (e) {
        if (e instanceof SessionExpired) return;
        if (e.type === "precondition-failed") {
          const current = await call("GET", `/api/products/${product.id}`).catch(() => null);
          if (current) show(current.data);
          say(message, stockMoved(current ? current.data.inventory_count : null), "error");
        } else if (e.status === 422) {
          productFieldProblem(e, fields, message);
        } else if (e.status === 404) {
          say($("products-message"), `“${original.title}” no longer exists.`, "info");
          item.remove();
        } else {
          say(message, e.message, "error");
        }
      }
    });
  });

  remove.addEventListener("click", () =>
    busy(remove, async () => {
      say(message, null);
      try {
        await producerCall("DELETE", `/api/products/${product.id}`);
      } catch (e) {
        if (e instanceof SessionExpired) return;
        if (e.status !== 404) {
          say(message, e.message, "error");
          return;
        }
      }
      item.remove();
      say($("products-message"), `Deleted “${original.title}”.`, "ok");
      $("products-empty").hidden = $("product-list").children.length > 0;
      $("products-heading").setAttribute("tabindex", "-1");
      $("products-heading").focus();
    }),
  );
  return item;
}

function stockMoved(count) {
  const now = count === null ? "" : ` to ${count}`;
  return [
    `The stock changed${now} since this page showed it (a sale, or another tab), so nothing was saved.`,
    "Check the stock and press Save again.",
  ];
}

async function loadProducts(url, append) {
  if (!append) say($("products-message"), null);
  $("product-list").setAttribute("aria-busy", "true");
  try {
    const answer = await producerCall("GET", url);
    const list = $("product-list");
    if (!append) list.textContent = "";
    for (const product of answer.data) list.append(productItem(product));
    productsNext = answer.next;
    $("more-products").hidden = !productsNext;
    $("products-empty").hidden = list.children.length > 0;
  } catch (e) {
    if (!(e instanceof SessionExpired)) say($("products-message"), e.message, "error");
  } finally {
    $("product-list").removeAttribute("aria-busy");
  }
}

async function addProduct() {
  const area = $("add-message");
  say(area, null);
  const typed = readProduct(addFields);
  if (!typed) return;
  try {
    const answer = await adding.post("/api/products", {
      token: session && session.token,
      body: {
        title: typed.title,
        price: new NumberText(typed.price),
        inventory_count: new NumberText(typed.stock),
      },
    });
    $("product-list").prepend(productItem(answer.data));
    $("products-empty").hidden = true;
    say(area, `Added “${answer.data.title}”.`, "ok");
    $("add-title").value = "";
    $("add-price").value = "";
    $("add-stock").value = "1";
    $("add-title").focus();
  } catch (e) {
    if (e.status === 401) {
      showLogin("Your session has expired. Log in again to continue.", "error", session && session.username);
    } else if (e.status === 422) {
      productFieldProblem(e, addFields, area);
    } else {
      say(area, e.message, "error");
    }
  }
}

// ---- orders ----

const PART_STATUS = {
  pending: "Pending: to be shipped",
  shipped: "Shipped",
  canceled: "Canceled",
};

function ordersUrl() {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  const status = $("orders-status").value;
  if (status) params.set("status", status);
  return `/api/producer/${session.id}/orders?` + params;
}

function orderItem(order) {
  const headingId = uid("order");
  const message = h("div", { class: "message", hidden: true });
  const article = h("article", { class: "card", "aria-labelledby": headingId });
  const item = h("li", {}, article);

  const render = (o) => {
    article.textContent = "";
    const rows = o.lines.map((line) =>
      h(
        "tr",
        {},
        h("td", {}, line.title),
        h("td", { class: "number" }, String(line.quantity)),
        h("td", { class: "number amount" }, formatMoney(line.unit_price)),
        h("td", { class: "number amount" }, formatMoney(line.line_total)),
      ),
    );
    let state = PART_STATUS[o.status] || o.status;
    if (o.status === "shipped") {
      state = `Shipped ${formatTime(o.shipped_at)}` + (o.tracking ? `, tracking: ${o.tracking}` : "");
    } else if (o.status === "canceled" && o.canceled_at) {
      state = `Canceled ${formatTime(o.canceled_at)}`;
    }
    article.append(
      h("h3", { id: headingId }, `Order ${o.id}`),
      h("p", { class: "meta" }, `Placed ${formatTime(o.created_at)}`),
      h("p", {}, "Status: ", h("span", { class: "status" }, state)),
      h(
        "table",
        { class: "lines" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Product"),
            h("th", { scope: "col", class: "number" }, "Qty"),
            h("th", { scope: "col", class: "number" }, "Each"),
            h("th", { scope: "col", class: "number" }, "Amount"),
          ),
        ),
        h("tbody", {}, rows),
      ),
      h("p", { class: "total" }, "Total: ", h("span", { class: "amount" }, formatMoney(o.total, o.currency))),
    );
    if (o.status === "pending") article.append(pendingActions(o));
    article.append(message);
  };

  const pendingActions = (o) => {
    const tracking = field("Tracking", { name: "tracking", maxlength: "255", autocomplete: "off" });
    tracking.classList.add("wide");
    const ship = h("button", { type: "submit" }, "Ship");
    const cancel = h("button", { type: "button", class: "danger" }, "Cancel");
    const form = h(
      "form",
      { novalidate: true },
      h("div", { class: "fields" }, tracking),
      h("p", { class: "hint" }, "Tracking is optional: the buyer sees it."),
      h("div", { class: "actions" }, ship, cancel),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(ship, async () => {
        say(message, null);
        setFieldMessage(tracking, null);
        const text = tracking.input.value.trim();
        try {
          const answer = await producerCall("POST", `/api/orders/${o.id}/shipment`, {
            body: text ? { tracking: text } : {},
          });
          render(answer.data);
          say(message, "Shipped. The buyer can see it.", "ok");
          article.querySelector("h3").setAttribute("tabindex", "-1");
          article.querySelector("h3").focus();
        } catch (e) {
          if (e instanceof SessionExpired) return;
          if (e.status === 422 && e.fieldErrors.tracking) {
            setFieldMessage(tracking, "Tracking " + e.fieldErrors.tracking + ".");
            tracking.input.focus();
          } else if (e.type === "order-canceled") {
            await reload(o.id);
            say(message, "The buyer canceled this order, so it cannot be shipped.", "error");
          } else {
            say(message, e.status === 404 ? "This order is no longer there." : e.message, "error");
          }
        }
      });
    });
    cancel.addEventListener("click", () =>
      busy(cancel, async () => {
        say(message, null);
        try {
          const answer = await producerCall("POST", `/api/orders/${o.id}/cancellation`);
          render(answer.data);
          say(message, "Canceled. Its units are back in stock.", "ok");
          article.querySelector("h3").setAttribute("tabindex", "-1");
          article.querySelector("h3").focus();
        } catch (e) {
          if (e instanceof SessionExpired) return;
          if (e.type === "already-shipped") {
            await reload(o.id);
            say(message, "This order has already been shipped, so it can no longer be canceled.", "error");
          } else {
            say(message, e.status === 404 ? "This order is no longer there." : e.message, "error");
          }
        }
      }),
    );
    return form;
  };

  /** Shows the part as the store has it now (found in the unfiltered list of orders). */
  const reload = async (orderId) => {
    try {
      const answer = await producerCall(
        "GET",
        `/api/producer/${session.id}/orders?after=${orderId - 1}&limit=1`,
      );
      const fresh = answer.data.find((x) => x.id === orderId);
      if (fresh) render(fresh);
    } catch (e) {
      // The message about the refusal is said anyway.
    }
  };

  render(order);
  return item;
}

async function loadOrders(url, append) {
  if (!append) say($("orders-message"), null);
  $("order-list").setAttribute("aria-busy", "true");
  try {
    const answer = await producerCall("GET", url);
    const list = $("order-list");
    if (!append) list.textContent = "";
    for (const order of answer.data) list.append(orderItem(order));
    ordersNext = answer.next;
    $("more-orders").hidden = !ordersNext;
    $("orders-empty").hidden = list.children.length > 0;
  } catch (e) {
    if (!(e instanceof SessionExpired)) say($("orders-message"), e.message, "error");
  } finally {
    $("order-list").removeAttribute("aria-busy");
  }
}

// ---- start ----

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  busy($("log-in"), logIn);
});
$("sign-up").addEventListener("click", () => busy($("sign-up"), signUp));
$("log-out").addEventListener("click", () =>
  showLogin("You are logged out. This browser no longer holds your token.", "ok", null),
);
$("add-form").addEventListener("submit", (event) => {
  event.preventDefault();
  busy(event.submitter || null, addProduct);
});
$("more-products").addEventListener("click", (event) =>
  busy(event.currentTarget, () => loadProducts(productsNext, true)),
);
$("more-orders").addEventListener("click", (event) =>
  busy(event.currentTarget, () => loadOrders(ordersNext, true)),
);
$("orders-status").addEventListener("change", () => loadOrders(ordersUrl(), false));
$("refresh-orders").addEventListener("click", (event) =>
  busy(event.currentTarget, () => loadOrders(ordersUrl(), false)),
);

session = loadSession();
if (session) showWorkspace();
else showLogin(null, "info", null);
document.body.dataset.ready = "true";
