// Build dist/rationale.js: one ESM file for Node >= 22 (bun build as a
// bundler only). The workspace's shared modules are bundled in; the npm
// dependencies stay dependencies, installed with the package.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bunBuild } from "../../../scripts/bun-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
bunBuild(root, "src/bin/rationale.ts", "dist/rationale.js", [
  "--target=node",
  "--format=esm",
  ...Object.keys(dependencies).flatMap((d) => ["--external", d]),
]);
