/**
 * sshd's pattern language (match.c): `*` any run of characters, `?` one
 * character, lists separated by commas where `!pattern` excludes. Written
 * here because the decisions must be exactly sshd's, and the language is a
 * dozen lines. Pure.
 */

/** match_pattern(): the whole string against one pattern. */
export function matchPattern(pattern: string, s: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? s.toLowerCase() : s;
  // Iterative glob with backtracking to the last star: linear enough for names.
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === "*") {
      star = pi++;
      mark = ti;
    } else if (star !== -1) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length;
}

/**
 * match_pattern_list(): 1 when a positive pattern matches and no negated one
 * does, -1 when a negated one matches, 0 otherwise (sshd treats both 0 and -1
 * as "no match").
 */
export function matchPatternList(list: string, s: string, ignoreCase = false): 1 | 0 | -1 {
  let got: 1 | 0 = 0;
  for (const raw of list.split(",")) {
    const negated = raw.startsWith("!");
    const p = negated ? raw.slice(1) : raw;
    if (!p || !matchPattern(p, s, ignoreCase)) continue;
    if (negated) return -1;
    got = 1;
  }
  return got;
}

/**
 * Do two patterns share a string? Used to ask whether an AcceptEnv pattern
 * (`LC_*`, `*`, `RATIONALE*`) lets through any name of a dangerous family
 * (`LD_*`, `PYTHON*`): testing sample names would miss `LD_X*`.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (a[i] === "*") r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (b[j] === "*") r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i < a.length && j < b.length) r = (a[i] === "?" || b[j] === "?" || a[i] === b[j]) && go(i + 1, j + 1);
    else r = false;
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}
