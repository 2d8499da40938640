// Build dist/rationale-server: one self-contained linux executable made by
// `bun build --compile` (see docs/decisions/0001-wrapper-runtime.md for why Bun).
// --bytecode pre-compiles the bundle so each SSH session skips parsing it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bunBuild } from "../../../scripts/bun-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
bunBuild(root, "src/bin/rationale-server.ts", "dist/rationale-server", ["--compile", "--minify", "--bytecode", "--target=bun-linux-x64"]);
