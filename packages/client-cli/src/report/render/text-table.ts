/**
 * Columns aligned for a terminal. Written by hand: the tables are plain
 * text (no borders, no colours) and a library would only pad strings.
 */
export function textTable(header: string[], rows: string[][], rightAligned: number[] = []): string {
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? " ".repeat(widths[i]! - width(c)) + c : c + " ".repeat(widths[i]! - width(c))))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => "  " + l).join("\n") + "\n";
}
