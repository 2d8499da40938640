/**
 * Which kind of client opened a session, judged from the command alone.
 * The result is a label for the record, never a permission: a command is
 * only called scp/sftp/rsync/git when its whole shape matches, so that
 * `scp -t x; bash` is a plain "command" (see open-bastion #287).
 */
import { shellWords } from "./shell-words.js";

export type ClientKind = "interactive" | "shell" | "scp" | "sftp" | "rsync" | "git" | "command";

export const SFTP_SERVER_PATHS = [
  "/usr/lib/openssh/sftp-server", // Debian, Ubuntu
  "/usr/libexec/openssh/sftp-server", // Fedora, RHEL
  "/usr/libexec/sftp-server", // FreeBSD, macOS
  "/usr/lib/ssh/sftp-server", // Arch, SUSE
];

const GIT_COMMANDS = new Set(["git-upload-pack", "git-receive-pack", "git-upload-archive"]);

export interface ClassifyInput {
  command: string | undefined;
  tty: boolean;
  /** The configured sftp-server path, if it is not one of the usual ones. */
  sftpServer?: string;
}

export function classifyCommand(input: ClassifyInput): ClientKind {
  const { command, tty } = input;
  if (command === undefined) return tty ? "interactive" : "shell";
  const words = shellWords(command);
  if (!words || words.length === 0) return "command";
  const [prog, ...args] = words as [string, ...string[]];

  if (prog === "internal-sftp" || SFTP_SERVER_PATHS.includes(prog) || prog === input.sftpServer) {
    return "sftp"; // its options (-l LEVEL, -f FACILITY, -d DIR...) are plain words here
  }
  // Legacy scp protocol (scp -O): the remote end runs `scp [-v -r -p -d] -t|-f PATH`.
  if ((prog === "scp" || prog.endsWith("/scp")) && args.some((a) => /^-[a-zA-Z]*[tf][a-zA-Z]*$/.test(a))) {
    return "scp";
  }
  if ((prog === "rsync" || prog.endsWith("/rsync")) && args[0] === "--server") return "rsync";
  if (GIT_COMMANDS.has(prog) && args.length === 1) return "git";
  if (prog === "git" && args.length === 2 && GIT_COMMANDS.has("git-" + args[0])) return "git";
  return "command";
}
