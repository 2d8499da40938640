import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addBlock, BEGIN, checkPattern, END, removeBlock, renderBlock } from "../src/setup/managed-block.js";

const userConfig = "# my settings\nForwardAgent no\n\nHost bastion\n    User ops\n";

describe("the ~/.ssh/config block", () => {
  test("is appended after everything the user wrote, which stays byte for byte", () => {
    const after = addBlock(userConfig, ["web-*", "db-*"]);
    expect(after.startsWith(userConfig)).toBe(true);
    expect(after.slice(userConfig.length)).toBe(`${BEGIN}\nHost web-* db-*\n    SendEnv RATIONALE RATIONALE_CLIENT\n${END}\n`);
  });

  test("adding twice changes nothing; new patterns replace the block in place", () => {
    const once = addBlock(userConfig + "\nHost *\n    ServerAliveInterval 30\n", ["a"]);
    expect(addBlock(once, ["a"])).toBe(once);
    const changed = addBlock(once, ["b", "c"]);
    expect(changed).toBe(once.replace("Host a\n", "Host b c\n"));
  });

  test("remove restores the original exactly, wherever the block was", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Host x\n", "  User y\n", "\n", "# c\n", "Match all\n"), { maxLength: 8 }), (lines) => {
        const original = lines.join("");
        expect(removeBlock(addBlock(original, ["*"]))).toBe(original);
        const moved = addBlock(original, ["*"]) + "Host later\n";
        expect(removeBlock(moved)).toBe(original + "Host later\n");
      }),
    );
  });

  test("a file without a final newline gets one before the block, and nothing else changes", () => {
    expect(addBlock("Host a", ["*"])).toBe("Host a\n" + renderBlock(["*"]));
  });

  test("a damaged block (begin without end) is refused, not guessed at", () => {
    expect(() => addBlock(`${BEGIN}\nHost *\n`, ["*"])).toThrow(/damaged/);
    expect(() => removeBlock(`x\n${END}\n`)).toThrow(/damaged/);
  });

  test("patterns that could inject ssh_config lines are refused", () => {
    expect(checkPattern("web-*")).toBeUndefined();
    expect(checkPattern("!bastion")).toBeUndefined();
    for (const bad of ["a b", "a\nProxyCommand x", 'a"', "#x", ""]) expect(checkPattern(bad)).toMatch(/not an ssh host pattern/);
  });
});
