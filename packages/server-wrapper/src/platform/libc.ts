/**
 * The few libc calls the wrapper needs that neither Bun nor Node exposes,
 * through bun:ffi. Each group is opened on first use so the hot path pays
 * only for what it calls.
 *
 * Why FFI rather than a native addon or a helper process: Node/Bun cannot
 * open an AF_UNIX datagram socket (/dev/log), cannot set a parent-death
 * signal, and Bun's setRawMode leaves ONLCR on; spawning `logger` or `stty`
 * would cost milliseconds on every SSH session.
 */
import { CString, dlopen, FFIType, read } from "bun:ffi";

const LIBC = "libc.so.6";
const { i32, u32, u64, i64, ptr } = FFIType;

let core: ReturnType<typeof openCore> | undefined;
function openCore() {
  return dlopen(LIBC, {
    __errno_location: { args: [], returns: ptr },
    getuid: { args: [], returns: u32 },
    getppid: { args: [], returns: i32 },
    getpwuid: { args: [u32], returns: ptr },
    prctl: { args: [i32, u64, u64, u64, u64], returns: i32 },
    socket: { args: [i32, i32, i32], returns: i32 },
    sendto: { args: [i32, ptr, u64, i32, ptr, u32], returns: i64 },
    close: { args: [i32], returns: i32 },
  }).symbols;
}
const c = () => (core ??= openCore());

let tty: ReturnType<typeof openTty> | undefined;
function openTty() {
  return dlopen(LIBC, {
    tcgetattr: { args: [i32, ptr], returns: i32 },
    tcsetattr: { args: [i32, i32, ptr], returns: i32 },
    cfmakeraw: { args: [ptr], returns: FFIType.void },
    ioctl: { args: [i32, u64, ptr], returns: i32 },
  }).symbols;
}
const t = () => (tty ??= openTty());

export function errno(): number {
  const p = c().__errno_location();
  return p ? read.i32(p, 0) : 0;
}

export interface PasswdEntry {
  uid: number;
  name: string;
  home: string;
  shell: string;
}

/** The account of the real uid, from NSS (so LDAP/sssd users resolve too). */
export function currentAccount(): PasswdEntry {
  const uid = c().getuid();
  const pw = c().getpwuid(uid);
  if (!pw) return { uid, name: String(uid), home: "/", shell: "/bin/sh" };
  const str = (offset: number) => {
    const p = read.ptr(pw, offset);
    return p ? new CString(p as never).toString() : "";
  };
  // struct passwd (glibc, LP64): name 0, passwd 8, uid 16, gid 20, gecos 24, dir 32, shell 40
  return { uid, name: str(0) || String(uid), home: str(32) || "/", shell: str(40) || "/bin/sh" };
}

const PR_SET_PDEATHSIG = 1;
/**
 * Ask the kernel to send `signal` when our parent (sshd-session) dies, which
 * is how a dropped connection reaches a session that has no terminal.
 * Returns false when the parent is already gone.
 */
export function setParentDeathSignal(signal: number): boolean {
  const before = c().getppid();
  c().prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
  return before !== 1 && c().getppid() === before;
}

const AF_UNIX = 1;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const MSG_DONTWAIT = 0x40;
const MSG_NOSIGNAL = 0x4000;
export const EAGAIN = 11;
export const ENOBUFS = 105;

export class UnixDatagramSocket {
  private fd: number;
  private readonly addr: Uint8Array;
  private readonly addrLen: number;

  constructor(path: string) {
    const p = new TextEncoder().encode(path);
    if (p.length > 107) throw new Error(`socket path too long: ${path}`);
    // struct sockaddr_un: sa_family_t (2 bytes) + sun_path[108]
    this.addr = new Uint8Array(110);
    this.addr[0] = AF_UNIX;
    this.addr.set(p, 2);
    this.addrLen = 2 + p.length + 1;
    this.fd = c().socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (this.fd < 0) throw new Error(`socket(AF_UNIX, SOCK_DGRAM) failed: errno ${errno()}`);
  }

  /** Send one datagram without blocking; returns 0 or the errno. */
  trySend(data: Uint8Array): number {
    const n = c().sendto(this.fd, data, data.length, MSG_DONTWAIT | MSG_NOSIGNAL, this.addr, this.addrLen);
    return n < 0 ? errno() : 0;
  }

  close(): void {
    if (this.fd >= 0) c().close(this.fd);
    this.fd = -1;
  }
}

const TCSANOW = 0;
const TIOCGWINSZ = 0x5413;

/** struct termios as opaque bytes (60 on Linux); only saved, made raw and restored. */
export type Termios = Uint8Array;

export function getTermios(fd: number): Termios | undefined {
  const buf = new Uint8Array(64);
  return t().tcgetattr(fd, buf) === 0 ? buf : undefined;
}

export function setTermios(fd: number, termios: Termios): boolean {
  return t().tcsetattr(fd, TCSANOW, termios) === 0;
}

/** cfmakeraw: no echo, no signals from keys, and no output processing (so no ONLCR "\r\r\n"). */
export function rawCopy(termios: Termios): Termios {
  const raw = termios.slice();
  t().cfmakeraw(raw);
  return raw;
}

export function termiosFlags(termios: Termios): { iflag: number; oflag: number; cflag: number; lflag: number } {
  const v = new DataView(termios.buffer, termios.byteOffset, termios.byteLength);
  return { iflag: v.getUint32(0, true), oflag: v.getUint32(4, true), cflag: v.getUint32(8, true), lflag: v.getUint32(12, true) };
}

export function windowSize(fd: number): { cols: number; rows: number } | undefined {
  const ws = new Uint16Array(4);
  if (t().ioctl(fd, TIOCGWINSZ, ws) !== 0) return undefined;
  return { rows: ws[0]!, cols: ws[1]! };
}
