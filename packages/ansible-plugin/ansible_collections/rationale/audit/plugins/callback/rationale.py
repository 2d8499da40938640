# -*- coding: utf-8 -*-
# MIT License (see the collection's README)
from __future__ import annotations

DOCUMENTATION = r"""
name: rationale
type: aggregate
short_description: State why an Ansible run happens, once, before any host is contacted
description:
  - Settles the run's rationale before the first host is contacted, from C(-e rationale=...), an exported
    C(RATIONALE), or a prompt on the terminal, and exports C(RATIONALE) and C(RATIONALE_CLIENT=ansible)
    so that the C(rationale.audit.ssh) connection sends both to every host.
  - With I(require) set, a run without a rationale stops before it starts.
  - Refuses the paramiko connection, which cannot send environment variables.
  - For ad-hoc C(ansible) commands, set C(bin_ansible_callbacks = True) in C([defaults]).
author: rationale maintainers
requirements:
  - enable in ansible.cfg with C(callbacks_enabled = rationale.audit.rationale)
options:
  require:
    description: Stop the run when it has no rationale (and no terminal to ask on).
    type: bool
    default: false
    ini:
      - section: rationale
        key: require
    env:
      - name: ANSIBLE_RATIONALE_REQUIRE
  min_length:
    description: Minimum length of a rationale, in characters. Keep it equal to the servers' C(RationaleMinLength).
    type: int
    default: 1
    ini:
      - section: rationale
        key: min_length
    env:
      - name: ANSIBLE_RATIONALE_MIN_LENGTH
  pattern:
    description: Regular expression a rationale must contain a match of, for example C([A-Z]+-[0-9]+).
    type: str
    ini:
      - section: rationale
        key: pattern
    env:
      - name: ANSIBLE_RATIONALE_PATTERN
  prompt:
    description: Ask on the terminal when no rationale was given.
    type: bool
    default: true
    ini:
      - section: rationale
        key: prompt
    env:
      - name: ANSIBLE_RATIONALE_PROMPT
"""

import os

from ansible import constants as C
from ansible import context
from ansible.plugins.callback import CallbackBase
from ansible.utils.display import Display
from ansible.utils.vars import load_extra_vars
from ansible_collections.rationale.audit.plugins.module_utils import rationale_rules as rules

display = Display()


def _ask_on_terminal(problem_of):
    """Read a rationale from /dev/tty until it is acceptable; None without a terminal or at end of input."""
    # Two handles: "r+" on a terminal would ask for a seekable file.
    try:
        tty_in = open("/dev/tty", "r", encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    with tty_in, open("/dev/tty", "w", encoding="utf-8", errors="surrogateescape") as tty_out:
        while True:
            tty_out.write("Rationale for this Ansible run (why?): ")
            tty_out.flush()
            line = tty_in.readline()
            if not line:
                return None
            problem = problem_of(line)
            if problem is None:
                return line.strip()
            tty_out.write("Not accepted: %s.\n" % problem)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "rationale.audit.rationale"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super().__init__(display=display)
        self._settled = False

    # A playbook run: the earliest hook, before any play or host.
    def v2_playbook_on_start(self, playbook):
        self._settle(playbook._loader, [])

    # Ad-hoc runs have no playbook; their one play starts before any host is contacted.
    def v2_playbook_on_play_start(self, play):
        self._settle(play._loader, [play.connection] if getattr(play, "connection", None) else [])

    def _settle(self, loader, play_connections):
        if self._settled:
            # Later plays may still choose a connection of their own.
            self._check_connections(play_connections)
            return
        self._settled = True
        self._check_connections(play_connections)
        min_length = int(self.get_option("min_length"))
        pattern = self.get_option("pattern") or None

        def problem_of(text):
            return rules.check(text, min_length, pattern)

        text, source = rules.choose(load_extra_vars(loader).get("rationale"), os.environ.get(rules.RATIONALE))
        if text is None and self.get_option("prompt"):
            text = _ask_on_terminal(problem_of)
            source = "prompt" if text is not None else None
        if text is None:
            if self.get_option("require"):
                self._refuse(rules.NO_RATIONALE)
            display.warning("rationale.audit: this run has no rationale; servers will record it as missing (or refuse it)")
            os.environ[rules.RATIONALE_CLIENT] = rules.CLIENT_NAME
            return
        problem = problem_of(text)
        if problem is not None:
            self._refuse("the rationale from %s is not accepted: %s" % (source, problem))
        # Exported here, in the controller, before any worker forks: every
        # worker and every ssh/scp/sftp it starts inherits both.
        os.environ[rules.RATIONALE] = text
        os.environ[rules.RATIONALE_CLIENT] = rules.CLIENT_NAME
        display.display("rationale: %s" % text.strip().splitlines()[0], color=C.COLOR_VERBOSE)

    def _check_connections(self, play_connections):
        names = [n for n in [context.CLIARGS.get("connection"), C.DEFAULT_TRANSPORT, *play_connections] if n]
        problem = rules.connection_problem(names)
        if problem:
            self._refuse(problem)
        for name in rules.bypasses_plugin(names):
            display.warning(
                "rationale.audit: connection '%s' bypasses rationale.audit.ssh, so the rationale is sent only if your ssh "
                "configuration has SendEnv RATIONALE RATIONALE_CLIENT; use -c rationale.audit.ssh" % name
            )

    @staticmethod
    def _refuse(message):
        display.error("rationale.audit: %s" % message, wrap_text=False)
        # Callback exceptions are turned into warnings by Ansible; SystemExit is
        # not, so the run really stops. 5 is Ansible's status for bad options.
        raise SystemExit(5)
