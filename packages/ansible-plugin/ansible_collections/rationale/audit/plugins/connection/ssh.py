# -*- coding: utf-8 -*-
# MIT License (see the collection's README)
from __future__ import annotations

DOCUMENTATION = r"""
name: ssh
short_description: ansible.builtin.ssh that sends RATIONALE and RATIONALE_CLIENT to every host
description:
  - Exactly C(ansible.builtin.ssh), with every one of its options (see C(ansible-doc -t connection ansible.builtin.ssh)),
    plus C(-o SendEnv=RATIONALE -o SendEnv=RATIONALE_CLIENT) right after the ssh, scp or sftp binary, so the
    user's C(ssh_args), C(ssh_common_args) and C(ssh_extra_args) (including host variables) keep their meaning.
  - Master connections (ControlPersist) get socket names of their own, so a master that plain ssh or
    C(ansible.builtin.ssh) opened without SendEnv is never reused, as it would drop the variables.
  - Enable with C(transport = rationale.audit.ssh) in C([defaults]). A host or play that sets
    C(ansible_connection=ssh) explicitly bypasses it.
author: rationale maintainers
"""

# ansible-doc reads the literal above. At run time Ansible takes a
# connection plugin's option definitions from its DOCUMENTATION attribute,
# and this plugin must accept every option of the ansible.builtin.ssh it
# extends, in whatever ansible-core version runs it, so the options are
# copied from the running ansible.builtin.ssh rather than pasted here (a
# pasted copy breaks with the next ansible-core that adds an option the
# parent reads). `+=` is not an assignment to ansible-doc's parser.
import os

import yaml
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.connection import ssh as builtin_ssh
from ansible_collections.rationale.audit.plugins.module_utils import rationale_rules as rules


def _parent_options_yaml():
    parent = yaml.safe_load(builtin_ssh.DOCUMENTATION)
    inherited = {k: parent[k] for k in ("options", "extends_documentation_fragment") if k in parent}
    return yaml.safe_dump(inherited, default_flow_style=False)


DOCUMENTATION += _parent_options_yaml()


class Connection(builtin_ssh.Connection):
    """ansible.builtin.ssh plus SendEnv for the two variables."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without the callback (or before it ran) the client name is still right.
        os.environ.setdefault(rules.RATIONALE_CLIENT, rules.CLIENT_NAME)

    def _build_command(self, binary, subsystem, *other_args):
        command = super()._build_command(binary, subsystem, *other_args)
        return rules.insert_after_binary(command, to_bytes(binary, errors="surrogate_or_strict"))

    @staticmethod
    def _create_control_path(host, port, user, connection=None, pid=None):
        # Same hash as the parent, another name: never share a master with a
        # connection that did not send the variables.
        path = builtin_ssh.Connection._create_control_path(host, port, user, connection, pid)
        return path.replace("%(directory)s/", "%(directory)s/rationale-", 1)
