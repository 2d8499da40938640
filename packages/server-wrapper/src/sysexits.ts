/**
 * The exit statuses of sysexits.h that the operator commands use, in one
 * place, so that a script driving them (Ansible, a fleet check) sees the same
 * number for the same trouble from every command.
 */
export const EX_USAGE = 64; // wrong arguments
export const EX_NOINPUT = 66; // an input (StateDir, a file) is missing
export const EX_UNAVAILABLE = 69; // a program it needs (sshd) is missing
export const EX_SOFTWARE = 70; // an internal failure
export const EX_TEMPFAIL = 75; // try again later (a sink refuses)
export const EX_NOPERM = 77; // needs root
export const EX_CONFIG = 78; // a configuration sshd or we reject
