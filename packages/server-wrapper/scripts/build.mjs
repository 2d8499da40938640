// Build dist/rationale-server: one self-contained linux executable made by
// `bun build --compile` (see docs/decisions/0001-wrapper-runtime.md for why Bun).
// --bytecode pre-compiles the bundle so each SSH session skips parsing it.
// --format=esm --splitting keeps the operator commands (doctor, install,
// sandbox, ...) and the node: modules they import statically out of what
// `wrap` loads: in one chunk, Bun hoists every `import ... from "node:fs"`
// to the top of the bundle, and loading it all cost `wrap` ~1.5-2 ms per
// session (hyperfine, docs/decisions/0001-wrapper-runtime.md).
// The --no-compile-autoload-* flags are a security boundary, not tuning: by
// default a compiled Bun executable reads bunfig.toml and .env from its
// working directory, which for a ForceCommand is the user's home, and a
// bunfig `preload` runs the user's code inside the wrapper before any record
// is written (measured with Bun 1.4.5; test/hostile-home.test.ts).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bunBuild } from "../../../scripts/bun-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
bunBuild(root, "src/bin/rationale-server.ts", "dist/rationale-server", [
  "--compile",
  "--minify",
  "--bytecode",
  "--format=esm",
  "--splitting",
  "--target=bun-linux-x64",
  "--no-compile-autoload-bunfig",
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-tsconfig",
  "--no-compile-autoload-package-json",
]);
