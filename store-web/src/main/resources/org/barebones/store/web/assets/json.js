// JSON in and out without ever turning money into a binary float.
//
// JSON.parse would read 4.50 as the double 4.5 (and 0.10 + 0.20 would not be 0.30). This parser
// keeps the source text of every number under a money field (price, total, ...) as a string, so
// the pages show exactly what the store sent; other numbers (ids, quantities) are plain numbers.
// toJson writes a NumberText as its digits, unquoted, so that a price the user typed reaches the
// store exactly as typed.

const MONEY_FIELDS = new Set([
  "price",
  "cost",
  "cached_price",
  "unit_price",
  "line_total",
  "total",
  "old_unit_price",
  "new_unit_price",
  "expected_total",
]);

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

/** Parses JSON text; numbers under a money field come back as their exact source text. */
export function parseJson(text) {
  let at = 0;
  const fail = () => {
    throw new SyntaxError("Unreadable JSON at character " + at);
  };
  const skipSpace = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const match = (pattern) => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (!found) fail();
    at = pattern.lastIndex;
    return found[0];
  };
  const literal = (word, value) => {
    if (!text.startsWith(word, at)) fail();
    at += word.length;
    return value;
  };
  const set = (object, key, value) =>
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });

  function value(field) {
    skipSpace();
    const c = text[at];
    if (c === "{") {
      at++;
      const object = {};
      skipSpace();
      if (text[at] === "}") {
        at++;
        return object;
      }
      for (;;) {
        skipSpace();
        const key = JSON.parse(match(STRING));
        skipSpace();
        if (text[at++] !== ":") fail();
        set(object, key, value(key));
        skipSpace();
        const next = text[at++];
        if (next === "}") return object;
        if (next !== ",") fail();
      }
    }
    if (c === "[") {
      at++;
      const array = [];
      skipSpace();
      if (text[at] === "]") {
        at++;
        return array;
      }
      for (;;) {
        array.push(value(field));
        skipSpace();
        const next = text[at++];
        if (next === "]") return array;
        if (next !== ",") fail();
      }
    }
    if (c === '"') return JSON.parse(match(STRING));
    if (c === "t") return literal("true", true);
    if (c === "f") return literal("false", false);
    if (c === "n") return literal("null", null);
    const number = match(NUMBER);
    return MONEY_FIELDS.has(field) ? number : Number(number);
  }

  const result = value(null);
  skipSpace();
  if (at !== text.length) fail();
  return result;
}

/** A number given as its decimal text ("4.50", "17"), written into JSON as it is. */
export class NumberText {
  constructor(text) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      throw new RangeError("not a decimal number: " + text);
    }
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/** JSON text of a value; NumberText values go out as bare numbers, exactly. */
export function toJson(value) {
  if (value instanceof NumberText) return value.text;
  if (value === null) return "null";
  if (Array.isArray(value)) return "[" + value.map(toJson).join(",") + "]";
  if (typeof value === "object") {
    return (
      "{" +
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => JSON.stringify(k) + ":" + toJson(v))
        .join(",") +
      "}"
    );
  }
  return JSON.stringify(value);
}
