import { describe, expect, test } from "vitest";
import { csvCell } from "../../src/report/render/csv-rows.js";
import { safeText } from "@rationale/shared/records/escape";
import { formatDuration } from "../../src/report/render/format-values.js";
import { escapeHtml, renderHtml, scriptSafeJson } from "../../src/report/render/render-html.js";
import { renderText } from "../../src/report/render/render-text.js";
import { ReportBuilder } from "../../src/report/summarize.js";

const ATTACK = `</script><img src=x onerror=alert(1)>"'&\u2028`;

function sampleReport() {
  const b = new ReportBuilder({ users: [], clients: [], hosts: [], automation: ["ansible"], runGapMs: 600_000, lostAfterMs: 86_400_000, top: 5 });
  const fields = { user: "mallory", client: "ansible", rationale: ATTACK, rationale_source: "client" };
  b.record({ event: "start", time: 0, host: "web1", fields: { ...fields, event: "start", session: "a" } });
  b.record({ event: "end", time: 1000, host: "web1", fields: { ...fields, event: "end", session: "a", duration_ms: "1000" } });
  return b.finish(["test"]);
}

describe("HTML page", () => {
  test("a hostile rationale never appears unescaped, in the tables or in the embedded data", () => {
    const page = renderHtml(sampleReport(), "/* chart.js */");
    expect(page).not.toContain("<img");
    expect(page.match(/<\/script>/g)).toHaveLength(3); // the three script elements' own ends, nothing more
    expect(page).toContain("&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;");
    const data = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!;
    expect(JSON.parse(data).longest[0].rationale).toBe(ATTACK); // the page reads back exactly what was logged
  });

  test("the Content-Security-Policy allows only the page's own scripts, and no network", () => {
    const page = renderHtml(sampleReport(), "/* chart.js */");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)![1]!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[^']+' 'sha256-[^']+'$/);
  });

  test("only a cell with a very long word may break inside words", () => {
    const b = new ReportBuilder({ users: [], clients: [], hosts: [], automation: [], runGapMs: 600_000, lostAfterMs: 86_400_000, top: 5 });
    const fields = { user: "bob", client: "capistrano", rationale: "x".repeat(60), rationale_source: "client" };
    b.record({ event: "start", time: 0, host: "web1", fields: { ...fields, event: "start", session: "a" } });
    b.record({ event: "end", time: 1000, host: "web1", fields: { ...fields, event: "end", session: "a", duration_ms: "1000" } });
    const page = renderHtml(b.finish(["test"]), "/* chart.js */");
    expect(page).toContain(`<td class="w">${"x".repeat(60)}</td>`);
    expect(page).toContain("<td>capistrano</td>");
    expect(page).toMatch(/td\{[^}]*overflow-wrap:break-word\}td\.w\{overflow-wrap:anywhere\}/);
  });

  test("escape helpers", () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;");
    expect(scriptSafeJson({ s: "</script>\u2028&" })).toBe('{"s":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });
});

describe("terminal and CSV", () => {
  test("control characters in a rationale are shown escaped, never sent to the terminal", () => {
    expect(safeText("ok\x1b[2Jgone\u202e")).toBe("ok\\x1b[2Jgone\\u{202e}");
    expect(renderText(sampleReport())).not.toMatch(/[\x00-\x08\x0b-\x1f\u2028]/);
  });

  test("durations read like a person would write them", () => {
    expect([812, 4200, 185_000, 7_800_000, 3 * 86_400_000 + 4 * 3_600_000].map(formatDuration)).toEqual(["812 ms", "4.2 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"]);
  });

  test("CSV cells: RFC 4180 quoting, and no formula a spreadsheet would run", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("INC-1 plain")).toBe("INC-1 plain");
  });
});
