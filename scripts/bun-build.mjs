// Run `bun build` for one workspace package (the bun binary comes from that
// package's devDependency `bun`), passing the package version in as
// RATIONALE_VERSION, and make the output executable.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * @param {string} root the package directory
 * @param {string} entry entry file, relative to root
 * @param {string} out output file, relative to root
 * @param {string[]} args bun build options
 */
export function bunBuild(root, entry, out, args) {
  const require = createRequire(join(root, "package.json"));
  const bun = join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const outFile = join(root, out);
  mkdirSync(dirname(outFile), { recursive: true });
  // With --splitting, code behind dynamic imports goes to chunk files next to the entry, which keeps its name;
  // a --compile build embeds its chunks in the one executable, so it still takes --outfile.
  const output = args.includes("--splitting") && !args.includes("--compile") ? ["--outdir", dirname(outFile)] : ["--outfile", outFile];
  execFileSync(bun, ["build", ...args, `--define=RATIONALE_VERSION=${JSON.stringify(version)}`, join(root, entry), ...output], {
    stdio: ["ignore", "inherit", "inherit"],
    cwd: root,
  });
  chmodSync(outFile, 0o755);
  console.log(`built ${outFile}`);
}
