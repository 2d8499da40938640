# -*- coding: utf-8 -*-
# MIT License (see the collection's README)
"""The run's rationale: where it comes from and whether it is acceptable.

Pure functions (no Ansible, no I/O), shared by the callback and the tests.
The rules mean what the server's RationaleMinLength / RationalePattern
mean (packages/shared/src/rationale-rules.ts): at least N characters after
trimming, and a match of the pattern somewhere in the text.
"""
from __future__ import annotations

import re

RATIONALE = "RATIONALE"
RATIONALE_CLIENT = "RATIONALE_CLIENT"
CLIENT_NAME = "ansible"

# Connections that send no environment at all (shared/notes: paramiko ignores SendEnv).
PARAMIKO_NAMES = frozenset(["paramiko", "paramiko_ssh", "ansible.builtin.paramiko_ssh", "ansible.legacy.paramiko_ssh"])
PLAIN_SSH_NAMES = frozenset(["ssh", "ansible.builtin.ssh", "ansible.legacy.ssh"])


def check(text, min_length=1, pattern=None):
    """None when acceptable, else what is wrong (a sentence the user can act on)."""
    t = (text or "").strip()
    if not t:
        return "a rationale is required"
    if len(t) < min_length:
        return "a rationale needs at least %d characters (got %d)" % (min_length, len(t))
    if pattern and not re.search(pattern, t):
        return "a rationale must match %s (for example a ticket id)" % pattern
    return None


def choose(extra_var, env_value):
    """(text, source) from -e rationale=... first, then $RATIONALE; (None, None) when neither is set."""
    if extra_var is not None and str(extra_var).strip():
        return str(extra_var), "extra-var"
    if env_value is not None and env_value.strip():
        return env_value, "environment"
    return None, None


def connection_problem(names):
    """Why the run cannot send the rationale with these connection names, or None."""
    for name in names:
        if name in PARAMIKO_NAMES:
            return (
                "the paramiko connection (%s) sends no environment variables, so the servers would never see the rationale; "
                "use the OpenSSH connection: -c rationale.audit.ssh (or transport = rationale.audit.ssh in ansible.cfg)" % name
            )
    return None


def bypasses_plugin(names):
    """Connection names that select ansible.builtin.ssh directly, skipping ours."""
    return [n for n in names if n in PLAIN_SSH_NAMES]


NO_RATIONALE = (
    "this run has no rationale, and rationale.audit is configured to require one. Give it in one of three ways:\n"
    '  RATIONALE="INC-123 patch openssl" ansible-playbook site.yml     (environment variable)\n'
    '  ansible-playbook site.yml -e rationale="INC-123 patch openssl"  (extra var)\n'
    "  run it from a terminal, and it will ask"
)


def send_env_args():
    """The ssh/scp/sftp options that send both variables (SendEnv adds to the user's own)."""
    return [b"-o", b"SendEnv=" + RATIONALE.encode(), b"-o", b"SendEnv=" + RATIONALE_CLIENT.encode()]


def insert_after_binary(command, binary):
    """A copy of `command` (a list of bytes) with the SendEnv options right after the ssh/scp/sftp binary.

    Right after the binary, before everything Ansible and the user add, so
    that ssh_args, ssh_common_args and ssh_extra_args keep their meaning.
    Behind sshpass the binary is not the first word.
    """
    out = list(command)
    index = out.index(binary)
    out[index + 1:index + 1] = send_env_args()
    return out
