import { describe, expect, test } from "vitest";
import { orderSources } from "../../src/report/read/order-sources.js";
import { parseDuration, parseTimePoint } from "../../src/report/read/window.js";

describe("orderSources", () => {
  test("rotated files oldest first, each log's files together, logs in the order given", () => {
    expect(orderSources(["/var/log/auth.log", "/var/log/auth.log.1", "/var/log/auth.log.10.gz", "/var/log/auth.log.2.gz", "other.log"])).toEqual([
      "/var/log/auth.log.10.gz", "/var/log/auth.log.2.gz", "/var/log/auth.log.1", "/var/log/auth.log", "other.log",
    ]);
  });
});

describe("window values", () => {
  const now = Date.UTC(2026, 10, 23, 12);
  test("durations", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("7d")).toBe(7 * 86_400_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("7 days")).toBeUndefined();
  });
  test("time points: an age, a local date, a date-time with a zone", () => {
    expect(parseTimePoint("24h", now)).toBe(now - 86_400_000);
    expect(parseTimePoint("2026-11-01", now)).toBe(new Date(2026, 10, 1).getTime());
    expect(parseTimePoint("2026-11-01T08:00Z", now)).toBe(Date.UTC(2026, 10, 1, 8));
    expect(parseTimePoint("yesterday", now)).toBeUndefined();
  });
});
