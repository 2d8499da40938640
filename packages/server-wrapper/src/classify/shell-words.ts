/**
 * Split a command line into words the way a POSIX shell would for the simple
 * shapes file-transfer tools send (plain words, '...' and "..." quoting,
 * backslash escapes). Returns undefined when the line uses anything a
 * classifier must not reason about: unquoted operators, substitutions,
 * redirections, globbing or line breaks. "Undefined" means "a plain command",
 * never "probably safe".
 */
const OPERATORS = new Set([";", "&", "|", "<", ">", "(", ")", "`", "$", "\n", "\r", "*", "?", "[", "{", "}", "~", "#"]);

export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === " " || ch === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return undefined;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === "$" || c === "`") return undefined;
        if (c === "\\" && j + 1 < line.length) word += line[++j];
        else word += c;
      }
      if (j >= line.length) return undefined;
      inWord = true;
      i = j;
    } else if (ch === "\\") {
      if (i + 1 >= line.length || line[i + 1] === "\n") return undefined;
      word += line[++i];
      inWord = true;
    } else if (OPERATORS.has(ch) || ch.charCodeAt(0) < 0x20) {
      return undefined;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
