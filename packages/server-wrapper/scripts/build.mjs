// Build dist/rationale-server: one self-contained linux executable made by
// `bun build --compile` (see docs/decisions/0001-wrapper-runtime.md for why Bun).
// --bytecode pre-compiles the bundle so each SSH session skips parsing it.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const bun = join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = join(root, "dist", "rationale-server");

mkdirSync(dirname(out), { recursive: true });
execFileSync(
  bun,
  [
    "build",
    "--compile",
    "--minify",
    "--bytecode",
    "--target=bun-linux-x64",
    `--define=RATIONALE_VERSION=${JSON.stringify(version)}`,
    join(root, "src", "bin", "rationale-server.ts"),
    "--outfile",
    out,
  ],
  { stdio: ["ignore", "inherit", "inherit"], cwd: root },
);
chmodSync(out, 0o755);
console.log(`built ${out}`);
