/**
 * What install and uninstall tell the operator: one line per path changed,
 * warnings and notes, sshd's own message when it refused. Text for people,
 * or one JSON object with --json.
 */
import type { Change } from "./change.js";
import { changeLine, renderDryRun } from "./render-plan.js";

export class Report {
  private readonly changes: { action: Change["kind"]; path: string; line: string }[] = [];
  private readonly warnings: string[] = [];
  private readonly notes: string[] = [];
  private diff = "";

  constructor(
    private readonly command: "install" | "uninstall",
    private readonly json: boolean,
  ) {}

  warn(text: string): void {
    this.warnings.push(text);
    if (!this.json) process.stderr.write(`rationale-server ${this.command}: warning: ${text}\n`);
  }

  note(text: string): void {
    this.notes.push(text);
    if (!this.json) process.stdout.write(`${text}\n`);
  }

  changed(c: Change): void {
    const line = changeLine(c, true);
    this.changes.push({ action: c.kind, path: c.path, line });
    if (!this.json) process.stdout.write(`${line}\n`);
  }

  dryRun(changes: readonly Change[]): void {
    this.diff = renderDryRun(changes);
    for (const c of changes) this.changes.push({ action: c.kind, path: c.path, line: changeLine(c, false) });
    if (!this.json) process.stdout.write(this.diff);
  }

  /** Print the outcome; errors go to stderr with the fix. */
  finish(status: number, error?: string): { status: number } {
    if (this.json) {
      process.stdout.write(JSON.stringify({ command: this.command, status, error, changes: this.changes, warnings: this.warnings, notes: this.notes, ...(this.diff ? { diff: this.diff } : {}) }, null, 2) + "\n");
    } else if (error) {
      process.stderr.write(`rationale-server ${this.command}: ${error}\n`);
    }
    return { status };
  }
}
