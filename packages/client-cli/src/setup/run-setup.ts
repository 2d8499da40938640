/**
 * `rationale setup`: add, update or remove our block in the ssh client
 * config. Writes only when the text changes; keeps the previous file as
 * FILE.rationale-backup; writes through a symlink (dotfile managers) to the
 * real file, atomically, with the old file's mode; shows a unified diff.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CliError, EXIT } from "../cli/exit-codes.js";
import { addBlock, checkPattern, removeBlock } from "./managed-block.js";

export interface SetupOptions {
  file: string;
  patterns: string[];
  remove: boolean;
  dryRun: boolean;
  out: (s: string) => void;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`, EXIT.problem);
  }
}

export async function runSetup(o: SetupOptions): Promise<number> {
  const problems = o.patterns.map(checkPattern).filter((p): p is string => !!p);
  if (problems.length) throw new CliError(problems.join("\n"));
  const before = readOrEmpty(o.file);
  let after: string;
  try {
    after = o.remove ? removeBlock(before) : addBlock(before, o.patterns);
  } catch (e) {
    throw new CliError(`${o.file}: ${(e as Error).message}`, EXIT.problem);
  }
  if (after === before) {
    o.out(o.remove ? `${o.file}: no rationale block; nothing to remove\n` : `${o.file}: already up to date\n`);
    return EXIT.ok;
  }
  const { createTwoFilesPatch } = await import("diff");
  const diff = createTwoFilesPatch(o.file, o.file, before, after, "", "", { context: 3 });
  if (o.dryRun) {
    o.out(diff.split("\n").slice(1).join("\n")); // drop jsdiff's "Index:"/"=====" banner line
    o.out("(dry run: nothing was written)\n");
    return EXIT.ok;
  }
  write(o.file, before, after);
  o.out(diff.split("\n").slice(1).join("\n"));
  o.out(
    o.remove
      ? `removed the rationale block from ${o.file}\n`
      : `${o.file} updated; check with: ssh -G HOST | grep -i sendenv\n`,
  );
  return EXIT.ok;
}

function write(file: string, before: string, after: string): void {
  let target = file;
  let mode = 0o600;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o777;
  } catch {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // ~/.ssh must be private for ssh to use it
  }
  try {
    if (before !== "") copyFileSync(target, `${target}.rationale-backup`);
    const tmp = `${target}.rationale-${process.pid}.tmp`;
    writeFileSync(tmp, after, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    throw new CliError(`cannot write ${target}: ${(e as Error).message}`, EXIT.problem);
  }
}
