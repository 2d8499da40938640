/** One effective configuration sshd answered with, and whom it applies to. */
import type { SshdSettings } from "./sshd-settings.js";
import type { WrapperCommand } from "./wrapper-command.js";

export interface EffectiveView {
  /** "users alice, bob" or "Match User backup (/etc/ssh/sshd_config:120)". */
  subject: string;
  kind: "accounts" | "match";
  /** Accounts this view stands for (for a Match block: the one sshd was asked about). */
  users: string[];
  settings: SshdSettings;
  /** Its ForceCommand read as the wrapper's command line (parseForceCommand); undefined when it is not the wrapper. */
  wrapper: WrapperCommand | undefined;
  /** The `sshd -T -C` specification that produced it, to reproduce by hand. */
  spec: string;
}
