"""Unit tests of the collection's pure logic (run by `pnpm test` at the root)."""
import os
import unittest

# Import the collection the way Ansible does: through its collection finder,
# with this checkout as the collections path.
from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder  # noqa: E402

_AnsibleCollectionFinder(paths=[os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")])._install()

from ansible_collections.rationale.audit.plugins.module_utils import rationale_rules as rules  # noqa: E402


class CheckTest(unittest.TestCase):
    def test_accepts_and_explains(self):
        self.assertIsNone(rules.check("INC-1 patch", 5, r"[A-Z]+-[0-9]+"))
        self.assertEqual(rules.check("   "), "a rationale is required")
        self.assertEqual(rules.check("abc", 5), "a rationale needs at least 5 characters (got 3)")
        self.assertIn("must match [A-Z]+-[0-9]+", rules.check("no ticket", 1, r"[A-Z]+-[0-9]+"))

    def test_length_counts_characters_not_bytes(self):
        self.assertIsNone(rules.check("ééé", 3))


class ChooseTest(unittest.TestCase):
    def test_extra_var_then_environment(self):
        self.assertEqual(rules.choose("from -e", "from env"), ("from -e", "extra-var"))
        self.assertEqual(rules.choose(None, "from env"), ("from env", "environment"))
        self.assertEqual(rules.choose("  ", " "), (None, None))
        self.assertEqual(rules.choose(12345, None), ("12345", "extra-var"))


class ConnectionsTest(unittest.TestCase):
    def test_paramiko_is_refused_with_the_fix(self):
        problem = rules.connection_problem(["rationale.audit.ssh", "paramiko"])
        self.assertIn("sends no environment variables", problem)
        self.assertIn("-c rationale.audit.ssh", problem)
        self.assertIsNone(rules.connection_problem(["rationale.audit.ssh", "local"]))

    def test_plain_ssh_is_named(self):
        self.assertEqual(rules.bypasses_plugin(["ansible.builtin.ssh", "rationale.audit.ssh"]), ["ansible.builtin.ssh"])


class CommandTest(unittest.TestCase):
    def test_send_env_goes_right_after_the_binary(self):
        cmd = [b"ssh", b"-C", b"-o", b"ControlMaster=auto", b"-o", b"ProxyJump=bastion", b"host", b"cmd"]
        self.assertEqual(
            rules.insert_after_binary(cmd, b"ssh"),
            [b"ssh", b"-o", b"SendEnv=RATIONALE", b"-o", b"SendEnv=RATIONALE_CLIENT"] + cmd[1:],
        )

    def test_behind_sshpass(self):
        cmd = [b"sshpass", b"-d12", b"sftp", b"-b", b"-", b"host"]
        out = rules.insert_after_binary(cmd, b"sftp")
        self.assertEqual(out[:5], [b"sshpass", b"-d12", b"sftp", b"-o", b"SendEnv=RATIONALE"])
        self.assertEqual(cmd, [b"sshpass", b"-d12", b"sftp", b"-b", b"-", b"host"])  # input untouched


class PluginsLoadTest(unittest.TestCase):
    """The plugins import under the installed ansible-core, and the connection takes every option of ansible.builtin.ssh."""

    def test_connection_inherits_all_builtin_options(self):
        import yaml
        from ansible.plugins.connection import ssh as builtin

        from ansible_collections.rationale.audit.plugins.connection import ssh

        ours = yaml.safe_load(ssh.DOCUMENTATION)
        parent = yaml.safe_load(builtin.DOCUMENTATION)
        self.assertEqual(ours["name"], "ssh")
        self.assertEqual(set(ours["options"]), set(parent["options"]))
        self.assertEqual(ours.get("extends_documentation_fragment"), parent.get("extends_documentation_fragment"))

    def test_control_sockets_have_names_of_their_own(self):
        from ansible.plugins.connection import ssh as builtin

        from ansible_collections.rationale.audit.plugins.connection import ssh

        parent = builtin.Connection._create_control_path("h", 22, "u")
        ours = ssh.Connection._create_control_path("h", 22, "u")
        self.assertEqual(ours, parent.replace("%(directory)s/", "%(directory)s/rationale-"))


if __name__ == "__main__":
    unittest.main()
