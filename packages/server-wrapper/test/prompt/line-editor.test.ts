import { describe, expect, test } from "vitest";
import { emptyEditor, type EditorEvent, feed, MAX_LINE_BYTES } from "../../src/prompt/line-editor.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (e: EditorEvent) => (e.kind === "submit" ? new TextDecoder().decode(e.line) : e.kind === "echo" ? new TextDecoder().decode(e.bytes) : e.kind);
const run = (input: string) => feed(emptyEditor(), bytes(input));

describe("line editor", () => {
  test("Enter submits the line and hands back what was typed after it", () => {
    const ev = run("why\rls\r");
    expect(ev.map(text)).toEqual(["why", "why"]);
    const submit = ev[1]!;
    expect(submit.kind === "submit" && new TextDecoder().decode(submit.rest)).toBe("ls\r");
  });

  test("Ctrl-C discards the line and is never a signal; Ctrl-Z and Ctrl-\\ only ring the bell", () => {
    const ev = run("abc\x03\x1a\x1cdef\r");
    expect(ev.map((e) => e.kind)).toEqual(["echo", "interrupt", "echo", "submit"]);
    expect(text(ev[2]!)).toBe("\x07\x07def");
    expect(text(ev[3]!)).toBe("def");
  });

  test("Ctrl-D ends input only on an empty line", () => {
    expect(run("\x04").map((e) => e.kind)).toEqual(["eof"]);
    expect(run("a\x04\r").map(text)).toEqual(["a\x07", "a"]);
  });

  test("Backspace removes whole UTF-8 characters; Ctrl-U clears the line", () => {
    expect(text(run("aé\x7f\r").at(-1)!)).toBe("a");
    expect(text(run("abc\x15x\r").at(-1)!)).toBe("x");
  });

  test("escape sequences (arrows, function keys) are dropped whole, even split across reads", () => {
    const st = emptyEditor();
    feed(st, bytes("a\x1b["));
    const ev = feed(st, bytes("1;5Cb\x1bOPc\r"));
    expect(text(ev.at(-1)!)).toBe("abc");
  });

  test("the line is bounded", () => {
    const ev = run("x".repeat(MAX_LINE_BYTES + 10) + "\r");
    const submit = ev.at(-1)!;
    expect(submit.kind === "submit" && submit.line.length).toBe(MAX_LINE_BYTES);
  });
});
