/**
 * Whether an sshd running as an ordinary user can hand out terminals here.
 * sshd gives each new pty to group tty; as a non-root user it can only do so
 * when the kernel already created it in that group, i.e. when /dev/pts is
 * mounted with gid=<tty> as Debian and Ubuntu do. Some VMs and containers
 * mount it without, and then an interactive login closes at once with
 * "chown(/dev/pts/N, ...) failed" in sshd's log. Pure: /proc/self/mounts and
 * /etc/group are read by the caller.
 */
export function terminalWarning(mounts: string, groups: string, uid: number): string | undefined {
  if (uid === 0) return undefined;
  const ttyGid = /^tty:[^:]*:(\d+):/m.exec(groups)?.[1];
  // Without a tty group sshd uses the user's own group, which it may chown to.
  if (ttyGid === undefined) return undefined;
  const devpts = mounts.split("\n").filter((l) => l.split(" ")[1] === "/dev/pts" && l.split(" ")[2] === "devpts").pop();
  if (!devpts) return undefined;
  const gid = /(?:^|,)gid=(\d+)(?:,|$)/.exec(devpts.split(" ")[3] ?? "")?.[1];
  if (gid === ttyGid) return undefined;
  return (
    `/dev/pts is mounted without gid=${ttyGid} (group tty), so this sshd, running as you, cannot hand out terminals:\n` +
    `interactive logins (the prompt) will close at once; commands sent with RATIONALE still work.\n` +
    `Fix as root: mount -o remount,gid=${ttyGid},mode=620 /dev/pts   (the Debian default), or run the sandbox as root.\n`
  );
}
