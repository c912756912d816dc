// Runtime helpers the generated validators import: ESM versions of the few ajv runtime functions they need, so
// a validator is a plain module with no `require` and no compiler (CSP-safe in a browser).

/** Length of a string in Unicode code points (what JSON Schema's maxLength counts). */
export function ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  let value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 full-date, with real month lengths and leap years. */
function date(str) {
  const m = DATE.exec(str);
  if (!m) return false;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]);
}

/** The formats the schemas use. */
export const formats = { date };

/**
 * Appends a validation error `{ instancePath, keyword, params }` to the list (null while there is none): the
 * generated validators' one way to add one. Without a keyword, an empty error (one that is counted and dropped).
 */
export function pushError(list, instancePath, keyword, params) {
  const error = keyword === undefined ? {} : { instancePath, keyword, params };
  if (list === null) return [error];
  list.push(error);
  return list;
}
