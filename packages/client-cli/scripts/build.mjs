// Build dist/rationale.js: one ESM file for Node >= 22 (bun build as a
// bundler only). The workspace's shared modules are bundled in; the npm
// dependencies stay dependencies, installed with the package.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bunBuild } from "../../../scripts/bun-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// --splitting: `rationale report` and what it imports (zlib, crypto, readline)
// load from their own chunk only when that command runs.
rmSync(join(root, "dist"), { recursive: true, force: true });
bunBuild(root, "src/bin/rationale.ts", "dist/rationale.js", [
  "--target=node",
  "--format=esm",
  "--splitting",
  ...Object.keys(dependencies).flatMap((d) => ["--external", d]),
]);
