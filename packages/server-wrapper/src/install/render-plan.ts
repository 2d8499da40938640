/**
 * How changes are shown (pure): a unified diff for text files (--dry-run),
 * one line for everything else and for the report after the changes are made.
 */
import { createTwoFilesPatch } from "diff";
import type { Change } from "./change.js";
import { octal, ownerName, type PathState } from "./path-state.js";

const describe = (s: PathState): string =>
  s.kind === "absent" ? "absent" : `${s.kind === "dir" ? "directory" : "file"} ${octal(s.mode)} ${ownerName(s)}`;

/** One line per change, in the past tense once made ("created"), as an intention before ("create"). */
export function changeLine(c: Change, done: boolean): string {
  const v = (now: string, past: string) => (done ? past : now);
  switch (c.kind) {
    case "write":
      return c.before.kind === "absent"
        ? `${v("create", "created")} ${c.path} (${octal(c.mode)} ${ownerName(c.owner)})`
        : `${v("replace", "replaced")} ${c.path} (${octal(c.mode)} ${ownerName(c.owner)}${c.backup ? `; original kept in ${c.backup}` : ""})`;
    case "copy": {
      const from = "real" in c.from ? c.from.real : c.from.backup;
      return `${v("copy", "copied")} ${from} to ${c.path} (${octal(c.mode)} ${ownerName(c.owner)}${c.before.kind !== "absent" ? `, replacing a ${describe(c.before)}` : ""}${c.backup ? `; original kept in ${c.backup}` : ""})`;
    }
    case "mkdir":
      return `${v("create", "created")} directory ${c.path} (${octal(c.mode)} ${ownerName(c.owner)})`;
    case "chmod":
      return `${v("change", "changed")} ${c.path} from ${describe(c.before)} to ${octal(c.mode)} ${ownerName(c.owner)}`;
    case "remove":
      return `${v("remove", "removed")} ${c.path}`;
    case "rmdir":
      return `${v("remove", "removed")} empty directory ${c.path}`;
    case "rmtree":
      return `${v("remove", "removed")} ${c.path} and what install or the wrapper made in it (no records)`;
  }
}

/** --dry-run: a unified diff for each text file written or removed, one line for the rest. */
export function renderDryRun(changes: readonly Change[]): string {
  return changes.map((c) => {
    const oldText = c.before.kind === "file" ? c.before.text : undefined;
    if (c.kind === "write" && !c.brief) return patch(c.path, c.before.kind === "absent" ? "" : (oldText ?? ""), c.text, changeLine(c, false));
    if (c.kind === "remove" && oldText !== undefined && !c.brief) return patch(c.path, oldText, "", changeLine(c, false));
    return `# ${changeLine(c, false)}\n`;
  }).join("");
}

function patch(path: string, before: string, after: string, header: string): string {
  const p = createTwoFilesPatch(before ? `a${path}` : "/dev/null", after ? `b${path}` : "/dev/null", before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"/"====" banner that diff(1) and patch(1) do not need.
  return `# ${header}\n` + p.replace(/^={10,}\n/m, "").replace(/^Index:[^\n]*\n/m, "");
}
