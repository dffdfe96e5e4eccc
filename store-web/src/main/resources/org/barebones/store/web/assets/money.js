// Money as exact decimal text. Amounts arrive as the JSON number text the store sent ("4.50");
// they are shown by rearranging that text, and multiplied (a line's quantity times its unit
// price) in integer hundredths with BigInt. No amount ever passes through a binary float.

const AMOUNT = /^(\d+)(?:\.(\d+))?$/;

/** "1234.5" -> "1,234.50"; the currency code is appended when known ("1,234.50 USD"). */
export function formatMoney(text, currency) {
  const parts = AMOUNT.exec(String(text));
  if (!parts) return String(text) + (currency ? " " + currency : "");
  const whole = parts[1].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = (parts[2] || "").padEnd(2, "0");
  return whole + "." + fraction + (currency ? " " + currency : "");
}

/** The exact product of an amount with at most two decimals and a whole quantity, as text. */
export function times(text, quantity) {
  const parts = AMOUNT.exec(String(text));
  if (!parts || (parts[2] || "").length > 2) return null;
  const hundredths = BigInt(parts[1] + (parts[2] || "").padEnd(2, "0")) * BigInt(quantity);
  const digits = hundredths.toString().padStart(3, "0");
  return digits.slice(0, -2) + "." + digits.slice(-2);
}

/** True when the text is an amount a person may type: digits, optionally a point and decimals. */
export function isAmount(text) {
  return AMOUNT.test(text);
}

/** True when the text is a whole number of units (no sign, no point). */
export function isWholeNumber(text) {
  return /^\d+$/.test(text);
}
