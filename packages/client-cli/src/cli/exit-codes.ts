/**
 * The one table of exit statuses the CLI itself produces. When it runs a
 * tool (ssh, scp, ...) it exits with that tool's status instead, or dies of
 * the same signal.
 */
export const EXIT = {
  ok: 0,
  /** doctor found a problem; setup could not finish */
  problem: 1,
  /** bad usage, or no rationale could be obtained (no -m, no $RATIONALE, no terminal) */
  usage: 2,
  /** report: an input file cannot be read (sysexits EX_NOINPUT) */
  noInput: 66,
  /** report: the --html file cannot be written (sysexits EX_CANTCREAT) */
  cannotCreate: 73,
  /** the tool to run exists but could not be executed */
  cannotExecute: 126,
  /** the tool to run was not found */
  notFound: 127,
} as const;

/** An error the user can act on: the message says what was wrong and how to fix it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
