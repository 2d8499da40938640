import { describe, expect, test } from "vitest";
import { parseEntries, remember } from "../src/history/recent.js";
import { chooseSource } from "../src/rationale/choose-source.js";

describe("where the rationale comes from", () => {
  test("option, then environment, then the prompt if there is a terminal", () => {
    expect(chooseSource("a", "b", true)).toEqual({ kind: "given", text: "a", from: "option" });
    expect(chooseSource(undefined, "b", true)).toEqual({ kind: "given", text: "b", from: "environment" });
    expect(chooseSource(undefined, "  ", true)).toEqual({ kind: "prompt" });
    expect(chooseSource(undefined, undefined, false)).toEqual({ kind: "missing" });
  });
});

describe("recent rationales", () => {
  const t = new Date("2026-11-23T10:00:00Z");
  test("newest first, no repeats, bounded", () => {
    let h = remember([], "one", t, 2);
    h = remember(h, "two", t, 2);
    h = remember(h, "one", t, 2);
    expect(h.map((e) => e.text)).toEqual(["one", "two"]);
    h = remember(h, "three", t, 2);
    expect(h.map((e) => e.text)).toEqual(["three", "one"]);
  });

  test("a damaged file gives an empty history, and junk entries are dropped", () => {
    expect(parseEntries("not json")).toEqual([]);
    expect(parseEntries('[{"text":"ok","at":"x"},{"text":3},null,{"text":" ","at":"y"}]')).toEqual([{ text: "ok", at: "x" }]);
  });
});
