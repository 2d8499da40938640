/**
 * Read the fields back out of a log line that holds a rationale
 * structured-data element (either format), reversing escape.ts.
 * Used by the tests and by every tool that reads records, so that what is
 * written and what is read cannot drift apart.
 */
import { unescapeValue } from "./escape.js";
import { FIELD_NAMES, SD_ID_PREFIX } from "./syntax.js";

export type ParsedFields = Record<string, string>;

/**
 * Find `[<sdIdPrefix>... k="v" ...]` in `line` and return its parameters
 * unescaped, or undefined when the line holds no such element or it is
 * malformed.
 */
export function parseStructuredData(line: string, sdIdPrefix = SD_ID_PREFIX): ParsedFields | undefined {
  const start = line.indexOf("[" + sdIdPrefix);
  if (start === -1) return undefined;
  let i = line.indexOf(" ", start);
  const close = line.indexOf("]", start);
  if (i === -1 || (close !== -1 && close < i)) return close === -1 ? undefined : {};
  const fields: ParsedFields = {};
  // indexOf over the line rather than a loop per character (`rationale
  // report` reads a million records in a few seconds with this); the next
  // backslash is looked up again only once it lies behind.
  let backslash = line.indexOf("\\", i);
  let nextKnown = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x5d /* ] */) return fields;
    if (c !== 0x20) return undefined;
    const eq = line.indexOf('="', i);
    if (eq === -1) return undefined;
    let name: string | undefined;
    // The constant string of a known name, looked for in the order they are
    // written: a key sliced out of each line costs a string-table lookup
    // per field, which made this function several times slower.
    for (let k = nextKnown; k < FIELD_NAMES.length; k++) {
      const known = FIELD_NAMES[k]!;
      if (known.length === eq - i - 1 && line.startsWith(known, i + 1)) {
        name = known;
        nextKnown = k + 1;
        break;
      }
    }
    if (name === undefined) {
      // Known names found in order cannot repeat; any other name is checked in full.
      name = line.slice(i + 1, eq);
      if (!isParamName(name) || name in fields) return undefined; // a duplicated field would be a forgery
    }
    // The value ends at the first quote without a backslash before it.
    let j = eq + 2;
    let end: number;
    for (;;) {
      end = line.indexOf('"', j);
      if (end === -1) return undefined;
      if (backslash !== -1 && backslash < j) backslash = line.indexOf("\\", j);
      if (backslash === -1 || backslash > end) break;
      j = backslash + 2;
    }
    fields[name] = unescapeValue(line.slice(eq + 2, end));
    i = end + 1;
  }
  return undefined;
}

/** PARAM-NAME: 1-32 printable characters other than space, `=`, `"`, `]` (and never `__proto__`). */
function isParamName(name: string): boolean {
  if (name.length < 1 || name.length > 32 || name === "__proto__") return false;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c <= 0x20 || c === 0x3d || c === 0x22 || c === 0x5d || c === 0x7f || c === 0x85 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0xfeff || c === 0x1680 || c === 0x202f || c === 0x205f) return false;
  }
  return true;
}
