/**
 * Read the fields back out of a log line that holds a rationale
 * structured-data element (either format), reversing escape.ts.
 * Used by the tests and by every tool that reads records, so that what is
 * written and what is read cannot drift apart.
 */
import { unescapeValue } from "./escape.js";
import { SD_ID_PREFIX } from "./syntax.js";

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
  while (i < line.length) {
    if (line[i] === "]") return fields;
    if (line[i] !== " ") return undefined;
    const eq = line.indexOf('="', i);
    if (eq === -1) return undefined;
    const name = line.slice(i + 1, eq);
    if (!/^[^\s="\]]{1,32}$/.test(name)) return undefined;
    let j = eq + 2;
    let raw = "";
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] === "\\" && j + 1 < line.length) raw += line[j++]!;
      raw += line[j]!;
    }
    if (j >= line.length) return undefined;
    if (name in fields) return undefined; // a duplicated field would be a forgery
    fields[name] = unescapeValue(raw);
    i = j + 1;
  }
  return undefined;
}
