/** What a client can put in the environment before the wrapper starts. Pure. */
import { judgeAcceptEnv } from "./environment-rules.js";
import type { Finding } from "./finding.js";
import { setting, settingWords } from "./sshd-settings.js";
import type { EffectiveView } from "./view.js";

export function checkEnvironment(view: EffectiveView): Finding[] {
  const out: Finding[] = [];
  const pue = setting(view.settings, "permituserenvironment") ?? "no";
  if (pue !== "no") {
    out.push({
      id: "permit-user-environment",
      severity: "high",
      subject: view.subject,
      found: `PermitUserEnvironment ${pue}`,
      why: "sshd reads ~/.ssh/environment (and environment= in authorized_keys) before running the ForceCommand, so a user can set LD_PRELOAD or BASH_ENV and run code before the wrapper records anything",
      fix: "PermitUserEnvironment no",
      users: view.users,
    });
  }
  for (const pattern of settingWords(view.settings, "acceptenv")) {
    const v = judgeAcceptEnv(pattern);
    if (v.dangerous.length) {
      const names = v.dangerous.map((d) => d.pattern);
      out.push({
        id: "accept-env-dangerous",
        severity: "high",
        subject: view.subject,
        found: `AcceptEnv ${pattern} lets a client set ${names.slice(0, 6).join(", ")}${names.length > 6 ? ", ..." : ""}`,
        why: `the client's value is in place before the login shell and the wrapper start: ${v.dangerous[0]!.pattern}: ${v.dangerous[0]!.why}`,
        fix: "AcceptEnv RATIONALE RATIONALE_CLIENT  (AcceptEnv lines add up across every file and Match block: remove the wider one wherever it is)",
        users: view.users,
      });
    } else if (v.widerRationale) {
      out.push({
        id: "accept-env-rationale-wildcard",
        severity: "low",
        subject: view.subject,
        found: `AcceptEnv ${pattern} accepts more than RATIONALE and RATIONALE_CLIENT`,
        why: "the wrapper reads only those two names, so the extra ones are ignored by it, but they still reach the user's shell",
        fix: "AcceptEnv RATIONALE RATIONALE_CLIENT",
        users: view.users,
      });
    }
  }
  return out;
}
