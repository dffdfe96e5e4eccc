// The storefront: browse and search the products in stock, fill a cart, check out, follow and
// cancel the order. Only the public API, on the page's own origin.
//
// The cart's id and token live in localStorage ("barebones-store.cart"), so a reload or a new tab
// finds the cart again, until it is checked out, deleted, swept away when idle or its token
// expires (30 days by default). After a checkout the order's id and that cart's token move to
// "barebones-store.last-order": the token is what lets this browser read and cancel the order.

import { ApiError, Operation, call, whenToRetry } from "../assets/api.js";
import { NumberText } from "../assets/json.js";
import { formatMoney, isWholeNumber, times } from "../assets/money.js";
import { busy, field, formatTime, h, say, setFieldMessage, uid } from "../assets/ui.js";

const CART_KEY = "barebones-store.cart";
const ORDER_KEY = "barebones-store.last-order";
const PAGE_SIZE = 12;

const $ = (id) => document.getElementById(id);

let cart = null; // {id, token, view}: the open cart, view its last answer
let currency = null; // the store's currency, learnt from a cart or an order
let nextPage = null; // the Link rel="next" of the last product page
const productCards = new Map(); // product id -> {product, stockText, quantity}
const openingCart = new Operation();

function remember(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    // Storage may be off (private mode, a full disk): the cart then lasts as long as the page.
  }
}

function recall(key) {
  try {
    const value = JSON.parse(localStorage.getItem(key));
    return value && typeof value.id === "number" && typeof value.token === "string" ? value : null;
  } catch (e) {
    return null;
  }
}

const money = (amount) => formatMoney(amount, currency);

function learnCurrency(code) {
  if (!code || code === currency) return;
  currency = code;
  for (const card of productCards.values()) card.price.textContent = money(card.product.price);
}

// ---- the catalogue ----

const searchField = { input: $("search-q"), message: null };

function stockWords(count) {
  return count === 1 ? "1 in stock" : count + " in stock";
}

function productCard(product) {
  const headingId = uid("product");
  const quantity = field("Quantity", {
    name: "quantity",
    type: "number",
    inputmode: "numeric",
    min: "1",
    step: "1",
    value: "1",
  });
  quantity.classList.add("short");
  const message = h("div", { class: "message", hidden: true });
  const button = h("button", { type: "submit" }, "Add to cart");
  const form = h(
    "form",
    { novalidate: true, class: "inline" },
    h("div", { class: "fields" }, quantity),
    h("div", { class: "actions" }, button),
    message,
  );
  const price = h("span", { class: "price amount" }, money(product.price));
  const stockText = h("span", {}, stockWords(product.inventory_count));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, () => addToCart(product, quantity, message));
  });
  productCards.set(product.id, { product, price, stockText, quantity });
  return h(
    "li",
    {},
    h(
      "article",
      { class: "card", "aria-labelledby": headingId },
      h("h3", { id: headingId }, product.title),
      h("p", { class: "meta" }, price, " · ", stockText),
      form,
    ),
  );
}

async function loadProducts(url, append) {
  const list = $("products");
  const area = $("catalogue-message");
  say(area, null);
  try {
    const answer = await call("GET", url);
    if (!append) {
      list.textContent = "";
      productCards.clear();
    }
    for (const product of answer.data) list.append(productCard(product));
    nextPage = answer.next;
    $("more-products").hidden = !nextPage;
    const q = $("search-q").value.trim();
    let summary = "";
    if (list.children.length === 0) {
      summary = q ? `No product in stock matches “${q}”.` : "No products in stock yet.";
    } else if (q) {
      summary = `Products in stock matching “${q}”.`;
    }
    $("catalogue-summary").textContent = summary;
  } catch (e) {
    if (e.status === 400 && !append) {
      showSearchMessage("Search with at most 100 characters and 8 words.");
    } else {
      say(area, e.message, "error");
    }
  }
}

function showSearchMessage(text) {
  if (!searchField.message) {
    searchField.message = h("p", { class: "field-message", id: "search-q-message", hidden: true });
    $("search-q").after(searchField.message);
  }
  setFieldMessage(searchField, text);
}

function productsUrl() {
  const q = $("search-q").value.trim();
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (q) params.set("q", q);
  return "/api/products?" + params;
}

// ---- the cart ----

function forgetCart() {
  cart = null;
  remember(CART_KEY, null);
  showCart(null);
}

async function ensureCart() {
  if (cart) return cart;
  const answer = await openingCart.post("/api/shopping_cart");
  cart = { id: answer.data.shopping_cart.id, token: answer.data.auth_token, view: null };
  remember(CART_KEY, { id: cart.id, token: cart.token });
  showCart(answer.data.shopping_cart);
  return cart;
}

/** Answers how many of a product the open cart holds. */
function inCart(productId) {
  const entries = (cart && cart.view && cart.view.shopping_cart_entries) || [];
  const entry = entries.find((e) => e.product_id === productId);
  return entry ? entry.quantity : 0;
}

/**
 * After a refused cart call: when the cart itself is gone (deleted or swept: 404; token expired:
 * 401; checked out in another tab: 409), forgets it, so that the next try opens a new one, and
 * answers true.
 */
async function cartIsGone(error) {
  if (!cart) return false;
  if (error.status === 401) {
    forgetCart();
    return true;
  }
  if (error.type === "cart-checked-out") {
    await restoreCart(cart); // checked out in another tab: it becomes the last order
    await restoreOrder(false);
    return true;
  }
  if (error.status === 404) {
    try {
      await call("GET", `/api/shopping_cart/${cart.id}`, { token: cart.token });
      return false; // the cart is there: it was the product that is gone
    } catch (e) {
      if (e.status === 404 || e.status === 401) {
        forgetCart();
        return true;
      }
      throw e;
    }
  }
  return false;
}

/** Sets a product's quantity in the cart to quantityFor(what the cart holds now). */
async function putLine(productId, quantityFor) {
  for (let attempt = 1; ; attempt++) {
    const current = await ensureCart();
    try {
      const answer = await call("PUT", `/api/shopping_cart/${current.id}`, {
        token: current.token,
        body: { product_id: productId, quantity: quantityFor(inCart(productId)) },
      });
      showCart(answer.data);
      return answer.data;
    } catch (e) {
      if (attempt === 1 && e instanceof ApiError && (await cartIsGone(e))) continue;
      throw e;
    }
  }
}

function stockProblem(error, title, held) {
  const shortage = ((error.problem && error.problem.shortages) || [])[0];
  if (!shortage) return `There is not enough of “${title}” in stock.`;
  const card = productCards.get(shortage.product_id);
  if (card) {
    card.product.inventory_count = shortage.available;
    card.stockText.textContent = stockWords(shortage.available);
  }
  if (shortage.available === 0) return `Sorry, “${title}” is sold out.`;
  const left = `Only ${shortage.available} of “${title}” left in stock`;
  return held > 0 ? `${left}; your cart already holds ${held}.` : `${left}.`;
}

/** Words for a refused change of a product's line; a quantity message goes to its field. */
function lineProblem(error, title, held, quantityField) {
  if (error.type === "insufficient-stock") return stockProblem(error, title, held);
  if (error.status === 404) return `“${title}” is no longer sold.`;
  if (error.status === 422 && quantityField) {
    const text = error.fieldErrors.quantity;
    if (text) {
      setFieldMessage(quantityField, "Quantity " + text + ".");
      return null;
    }
  }
  if (error.status === 429) {
    return "Too many new carts from this address. Try again " + whenToRetry(error.retryAfter) + ".";
  }
  return error.message;
}

function readQuantity(quantityField, least) {
  const text = quantityField.input.value.trim();
  setFieldMessage(quantityField, null);
  if (!isWholeNumber(text) || Number(text) < least || Number(text) > 1000000) {
    setFieldMessage(
      quantityField,
      least === 0 ? "Enter a whole number, 0 to remove." : "Enter how many you want, 1 or more.",
    );
    quantityField.input.focus();
    return null;
  }
  return Number(text);
}

async function addToCart(product, quantityField, message) {
  say(message, null);
  const wanted = readQuantity(quantityField, 1);
  if (wanted === null) return;
  const held = inCart(product.id);
  try {
    await putLine(product.id, (now) => now + wanted);
    say(message, `Added ${wanted} to your cart.`, "ok");
  } catch (e) {
    const words = lineProblem(e, product.title, held, quantityField);
    if (words) say(message, words, "error");
  }
}

async function changeLine(entry, quantity, message, quantityField) {
  say($("cart-message"), null);
  try {
    await putLine(entry.product_id, () => quantity);
    say($("cart-message"), quantity === 0 ? `Removed “${entry.title}”.` : "Cart updated.", "ok");
  } catch (e) {
    const words = lineProblem(e, entry.title, 0, quantityField);
    if (words) say(message, words, "error");
  }
}

function cartLine(entry) {
  const title = entry.product ? entry.product.title : "Product " + entry.product_id;
  entry.title = title;
  const headingId = uid("line");
  const quantity = field("Quantity", {
    name: "quantity",
    type: "number",
    inputmode: "numeric",
    min: "0",
    step: "1",
    value: String(entry.quantity),
  });
  quantity.classList.add("short");
  const message = h("div", { class: "message", hidden: true });
  const save = h("button", { type: "submit" }, "Save");
  const remove = h("button", { type: "button", class: "danger" }, "Remove");
  const form = h(
    "form",
    { novalidate: true, class: "inline" },
    h("div", { class: "fields" }, quantity),
    h("div", { class: "actions" }, save, remove),
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const wanted = readQuantity(quantity, 0);
    if (wanted !== null) busy(save, () => changeLine(entry, wanted, message, quantity));
  });
  remove.addEventListener("click", () => busy(remove, () => changeLine(entry, 0, message, null)));
  const lineTotal = times(entry.unit_price, entry.quantity);
  const details = [h("span", { class: "amount" }, money(entry.unit_price)), " each"];
  if (lineTotal !== null) {
    details.push(" · ", h("span", { class: "amount" }, money(lineTotal)));
  }
  const moved =
    entry.product && formatMoney(entry.product.price) !== formatMoney(entry.unit_price)
      ? h("p", { class: "hint" }, `The price is now ${money(entry.product.price)}.`)
      : null;
  return h(
    "li",
    {},
    h(
      "article",
      { class: "card", "aria-labelledby": headingId },
      h("h3", { id: headingId }, title),
      h("p", { class: "meta" }, ...details),
      moved,
      form,
    ),
  );
}

function showCart(view) {
  if (cart) cart.view = view;
  if (view) learnCurrency(view.currency);
  const lines = $("cart-lines");
  lines.textContent = "";
  const entries = (view && view.shopping_cart_entries) || [];
  for (const entry of entries) lines.append(cartLine(entry));
  $("cart-empty").hidden = entries.length > 0;
  $("cart-footer").hidden = entries.length === 0;
  $("cart-total").textContent = view ? money(view.cached_price) : "";
}

async function checkOut() {
  const area = $("cart-message");
  say(area, null);
  const view = cart && cart.view;
  if (!view || view.shopping_cart_entries.length === 0) {
    say(area, "Your cart is empty.", "error");
    return;
  }
  try {
    const answer = await call("POST", `/api/shopping_cart/${cart.id}/checkout`, {
      token: cart.token,
      body: { expected_total: new NumberText(view.cached_price) },
    });
    const order = answer.data.order;
    remember(ORDER_KEY, { id: order.id, token: cart.token });
    lastOrder = { id: order.id, token: cart.token };
    forgetCart();
    showOrder(order);
    say($("order-message"), `Thank you! Your order ${order.id} is placed.`, "ok");
    $("order").focus();
  } catch (e) {
    await checkoutProblem(e, view);
  }
}

async function checkoutProblem(error, view) {
  const area = $("cart-message");
  const titleOf = (productId) => {
    const entry = view.shopping_cart_entries.find((x) => x.product_id === productId);
    return entry && entry.product ? entry.product.title : "Product " + productId;
  };
  if (error.type === "insufficient-stock") {
    const lines = ((error.problem && error.problem.shortages) || []).map((s) =>
      s.available === 0
        ? `“${titleOf(s.product_id)}” is sold out.`
        : `Only ${s.available} of “${titleOf(s.product_id)}” left in stock; your cart holds ${s.requested}.`,
    );
    lines.push("Nothing was bought. Lower the quantity or remove the line, then check out again.");
    say(area, lines, "error");
    return;
  }
  if (error.type === "price-changed") {
    const lines = ((error.problem && error.problem.changes) || []).map(
      (c) =>
        `“${titleOf(c.product_id)}” now costs ${money(c.new_unit_price)} (it was ${money(c.old_unit_price)}).`,
    );
    try {
      const fresh = await call("GET", `/api/shopping_cart/${cart.id}?use-cache=0`, {
        token: cart.token,
      });
      showCart(fresh.data);
      lines.push(
        `Nothing was bought. Your total is now ${money(fresh.data.cached_price)}: check out again to buy at the new prices.`,
      );
    } catch (e) {
      lines.push("Nothing was bought. Check your cart, then check out again.");
    }
    say(area, lines, "error");
    return;
  }
  if (error.status === 404 || error.status === 401) {
    forgetCart();
    say(area, "Your cart is no longer there (carts left alone for long are deleted). Please start again.", "error");
    return;
  }
  say(area, error.message, "error");
}

// ---- the order ----

let lastOrder = null; // {id, token}

const ORDER_STATUS = {
  placed: "Placed: waiting to be shipped",
  partially_shipped: "Partly shipped",
  shipped: "Shipped",
  canceled: "Canceled",
};

function lineStatus(line) {
  if (line.status === "shipped") {
    return line.tracking ? `Shipped (tracking: ${line.tracking})` : "Shipped";
  }
  if (line.status === "canceled") return "Canceled";
  return "Waiting to be shipped";
}

function showOrder(order) {
  learnCurrency(order.currency);
  const section = $("order");
  section.hidden = false;
  const body = $("order-body");
  body.textContent = "";
  const rows = order.lines.map((line) =>
    h(
      "tr",
      {},
      h("td", {}, line.title),
      h("td", { class: "number" }, String(line.quantity)),
      h("td", { class: "number amount" }, money(line.line_total)),
      h("td", {}, lineStatus(line)),
    ),
  );
  const pending = order.lines.some((line) => line.status === "pending");
  const cancel = h("button", { type: "button", class: "danger" }, "Cancel");
  cancel.addEventListener("click", () => busy(cancel, cancelOrder));
  const refresh = h("button", { type: "button", class: "secondary" }, "Refresh");
  refresh.addEventListener("click", () => busy(refresh, () => restoreOrder(true)));
  body.append(
    h("p", {}, `Order ${order.id}, placed ${formatTime(order.created_at)}.`),
    h("p", {}, "Status: ", h("span", { class: "status", id: "order-status" }, ORDER_STATUS[order.status] || order.status)),
    h(
      "table",
      { class: "lines" },
      h("caption", { class: "hint" }, "What you ordered"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Product"),
          h("th", { scope: "col", class: "number" }, "Qty"),
          h("th", { scope: "col", class: "number" }, "Amount"),
          h("th", { scope: "col" }, "Status"),
        ),
      ),
      h("tbody", {}, rows),
    ),
    h("p", { class: "total" }, "Total: ", h("span", { class: "amount" }, money(order.total))),
    h("div", { class: "actions" }, pending ? cancel : null, refresh),
  );
}

async function cancelOrder() {
  const area = $("order-message");
  say(area, null);
  try {
    const answer = await call("POST", `/api/orders/${lastOrder.id}/cancellation`, {
      token: lastOrder.token,
    });
    showOrder(answer.data);
    say(
      area,
      answer.data.status === "canceled"
        ? "Your order is canceled."
        : "What had not been shipped yet is canceled.",
      "ok",
    );
  } catch (e) {
    if (e.type === "already-shipped") {
      say(area, "Your order has already been shipped, so it can no longer be canceled.", "error");
      await restoreOrder(false);
    } else if (e.status === 404 || e.status === 401 || e.status === 403) {
      say(area, "This order can no longer be changed from this browser.", "error");
    } else {
      say(area, e.message, "error");
    }
  }
}

async function restoreOrder(saySo) {
  if (!lastOrder) return;
  try {
    const answer = await call("GET", `/api/orders/${lastOrder.id}`, { token: lastOrder.token });
    showOrder(answer.data);
    if (saySo) say($("order-message"), "Status brought up to date.", "info");
  } catch (e) {
    if (e.status === 404 || e.status === 401 || e.status === 403) {
      lastOrder = null;
      remember(ORDER_KEY, null);
      $("order").hidden = true;
    } else {
      $("order").hidden = false;
      say($("order-message"), e.message, "error");
    }
  }
}

/** Finds the stored cart again; a checked-out one becomes the last order, a gone one is forgotten. */
async function restoreCart(stored) {
  try {
    const answer = await call("GET", `/api/shopping_cart/${stored.id}`, { token: stored.token });
    const view = answer.data;
    if (view.status === "checked_out") {
      forgetCart();
      if (view.order_id) {
        lastOrder = { id: view.order_id, token: stored.token };
        remember(ORDER_KEY, lastOrder);
      }
      return;
    }
    cart = { id: stored.id, token: stored.token, view: null };
    showCart(view);
  } catch (e) {
    if (e.status === 404 || e.status === 401 || e.status === 403) {
      forgetCart();
      say($("cart-message"), "Your earlier cart is no longer there, so your cart starts empty.", "info");
    } else {
      // Not reachable now: keep it for the next try.
      cart = { id: stored.id, token: stored.token, view: null };
      say($("cart-message"), e.message, "error");
    }
  }
}

// ---- start ----

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  if (searchField.message) setFieldMessage(searchField, null);
  busy(event.submitter || null, () => loadProducts(productsUrl(), false));
});
$("more-products").addEventListener("click", (event) =>
  busy(event.currentTarget, () => loadProducts(nextPage, true)),
);
$("checkout").addEventListener("click", (event) => busy(event.currentTarget, checkOut));

async function start() {
  const storedCart = recall(CART_KEY);
  lastOrder = recall(ORDER_KEY);
  const catalogue = loadProducts(productsUrl(), false);
  if (storedCart) await restoreCart(storedCart);
  await restoreOrder(false);
  await catalogue;
  document.body.dataset.ready = "true";
}

start();
