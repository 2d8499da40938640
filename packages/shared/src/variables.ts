/**
 * The only two variables the server trusts from a client's environment
 * (sshd `AcceptEnv RATIONALE RATIONALE_CLIENT`, ssh `SendEnv` of the same),
 * and the one the wrapper sets inside a session.
 */
export const RATIONALE = "RATIONALE";
export const RATIONALE_CLIENT = "RATIONALE_CLIENT";
export const RATIONALE_SESSION = "RATIONALE_SESSION";
export const SENT_VARIABLES = [RATIONALE, RATIONALE_CLIENT] as const;

/** The server keeps this many UTF-8 bytes of an escaped rationale; the rest is cut and marked. */
export const RATIONALE_MAX_BYTES = 1024;
