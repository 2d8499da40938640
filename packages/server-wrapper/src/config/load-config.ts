/** Read the config file named on the ForceCommand line (never from the environment). */
import { DEFAULT_CONFIG_PATH, DEFAULTS } from "./config.js";
import { type ConfigResult, parseConfig } from "./parse-config.js";

/**
 * @param path from `--config`; undefined means the default path, which may
 *   legitimately be absent (defaults apply silently). A path that was named
 *   explicitly and cannot be read is a problem worth a loud record.
 * @param readFile throws an error with an errno `code` (ENOENT...) on failure
 */
export function loadConfig(path: string | undefined, readFile: (path: string) => Uint8Array): ConfigResult {
  const file = path ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = new TextDecoder().decode(readFile(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (path === undefined && code === "ENOENT") return { config: { ...DEFAULTS }, problems: [] };
    return {
      config: { ...DEFAULTS },
      problems: [`cannot read config ${file} (${code ?? (e as Error).message}); running with defaults`],
    };
  }
  return parseConfig(text, file);
}
