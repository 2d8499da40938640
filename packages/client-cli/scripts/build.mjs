// Build dist/rationale.js: one ESM file for Node >= 22 (bun build as a
// bundler only). The workspace's shared modules are bundled in; the npm
// dependencies stay dependencies, installed with the package.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const bun = join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = join(root, "dist", "rationale.js");

mkdirSync(dirname(out), { recursive: true });
execFileSync(
  bun,
  [
    "build",
    "--target=node",
    "--format=esm",
    ...Object.keys(pkg.dependencies).flatMap((d) => ["--external", d]),
    `--define=RATIONALE_VERSION=${JSON.stringify(pkg.version)}`,
    join(root, "src", "bin", "rationale.ts"),
    "--outfile",
    out,
  ],
  { stdio: ["ignore", "inherit", "inherit"], cwd: root },
);
chmodSync(out, 0o755);
console.log(`built ${out}`);
