/**
 * The libc calls the wrapper makes through bun:ffi. Each group is opened on
 * first use so the hot path pays only for what it calls.
 *
 * Why FFI rather than a native addon or a helper process: Node/Bun cannot
 * open an AF_UNIX datagram socket (/dev/log), cannot set a parent-death
 * signal, and Bun's setRawMode leaves ONLCR on; spawning `logger` or `stty`
 * would cost milliseconds on every SSH session.
 *
 * Why even isatty, hostname, file reads and stderr go through here: measured
 * in a `bun build --compile` binary, merely loading node:tty costs ~20 ms,
 * touching process.stderr ~24 ms, node:fs ~4 ms, and the first local-time
 * Date call ~8 ms (timezone initialisation), while these libc calls cost
 * microseconds. The wrapper runs once per SSH command, so the hot path uses
 * none of those (see docs/decisions/0001-wrapper-runtime.md).
 */
import { CString, dlopen, FFIType, read } from "bun:ffi";
import type { LocalTime } from "../audit/format/traditional.js";

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
    open: { args: [ptr, i32, i32], returns: i32 },
    read: { args: [i32, ptr, u64], returns: i64 },
    write: { args: [i32, ptr, u64], returns: i64 },
    isatty: { args: [i32], returns: i32 },
    gethostname: { args: [ptr, u64], returns: i32 },
    localtime_r: { args: [ptr, ptr], returns: ptr },
    access: { args: [ptr, i32], returns: i32 },
    flock: { args: [i32, i32], returns: i32 },
    unlink: { args: [ptr], returns: i32 },
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

const EINTR = 4;
const O_RDONLY = 0;
const O_WRONLY = 1;
const O_CLOEXEC = 0o2000000;
const O_RDWR = 2;
const O_CREAT = 0o100;
const O_EXCL = 0o200;
const O_APPEND = 0o2000;
const O_NONBLOCK = 0o4000;
const O_NOFOLLOW = 0o400000;
const encoder = new TextEncoder();
const cPath = (path: string) => encoder.encode(path + "\0");

/** errno values worth a name in messages. */
const ERRNO_NAMES: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  13: "EACCES",
  17: "EEXIST",
  20: "ENOTDIR",
  21: "EISDIR",
  28: "ENOSPC",
  40: "ELOOP",
  91: "EPROTOTYPE",
  111: "ECONNREFUSED",
};
export const errnoName = (n: number) => ERRNO_NAMES[n] ?? `errno ${n}`;

export class SystemError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function isatty(fd: number): boolean {
  return c().isatty(fd) === 1;
}

export function hostname(): string {
  const buf = new Uint8Array(256);
  if (c().gethostname(buf, buf.length) !== 0) return "localhost";
  const end = buf.indexOf(0);
  return new TextDecoder().decode(buf.subarray(0, end === -1 ? buf.length : end));
}

/** Open a file; throws SystemError with the errno name as `code`. */
export function openFile(path: string, mode: "r" | "w"): number {
  const fd = c().open(cPath(path), (mode === "r" ? O_RDONLY : O_WRONLY) | O_CLOEXEC, 0);
  if (fd < 0) {
    const code = errnoName(errno());
    throw new SystemError(`cannot open ${path}: ${code}`, code);
  }
  return fd;
}


/**
 * Open for writing: "append" creates or appends (a file sink), "new" creates
 * a file that must not exist yet (a session's state file). Never follows a
 * symlink, so a planted link cannot redirect the write. Throws SystemError.
 */
export function createFile(path: string, how: "append" | "new", mode = 0o600): number {
  const flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (how === "append" ? O_APPEND : O_EXCL);
  const fd = c().open(cPath(path), flags, mode);
  if (fd < 0) {
    const code = errnoName(errno());
    throw new SystemError(`cannot create ${path}: ${code}`, code);
  }
  return fd;
}

/** Remove a file; false when it failed (already gone, no permission). */
export function unlinkFile(path: string): boolean {
  return c().unlink(cPath(path)) === 0;
}

/** Whether a path exists: one syscall, for the hot-path "is anything spooled?" check. */
export function exists(path: string): boolean {
  return c().access(cPath(path), 0 /* F_OK */) === 0;
}

const LOCK_EX = 2;
const LOCK_NB = 4;
/**
 * Take an exclusive lock on `path` (created 0600 if absent) without waiting.
 * Returns the descriptor that holds it (close it to unlock), or undefined
 * when someone else holds it.
 */
export function tryLockFile(path: string): number | undefined {
  const fd = c().open(cPath(path), O_RDWR | O_CREAT | O_CLOEXEC, 0o600);
  if (fd < 0) {
    const code = errnoName(errno());
    throw new SystemError(`cannot open lock ${path}: ${code}`, code);
  }
  if (c().flock(fd, LOCK_EX | LOCK_NB) !== 0) {
    closeFd(fd);
    return undefined;
  }
  return fd;
}

export function closeFd(fd: number): void {
  c().close(fd);
}

/** Read a whole (small) file such as /proc/self/environ or a config file. */
export function readFile(path: string): Uint8Array {
  const fd = openFile(path, "r");
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const buf = new Uint8Array(65536);
      const n = Number(c().read(fd, buf, buf.length));
      if (n < 0) {
        if (errno() === EINTR) continue;
        const code = errnoName(errno());
        throw new SystemError(`cannot read ${path}: ${code}`, code);
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > 16 * 1024 * 1024) throw new SystemError(`${path} is larger than 16 MiB`, "EFBIG");
    }
  } finally {
    closeFd(fd);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const ch of chunks) out.set(ch, (off += ch.length) - ch.length);
  return out;
}

/** Write all of `data` to a blocking descriptor; returns false if it fails (e.g. EIO after hang-up). */
export function writeAll(fd: number, data: Uint8Array | string): boolean {
  let bytes = typeof data === "string" ? encoder.encode(data) : data;
  while (bytes.length > 0) {
    const n = Number(c().write(fd, bytes, bytes.length));
    if (n < 0) {
      if (errno() === EINTR) continue;
      return false;
    }
    bytes = bytes.subarray(n);
  }
  return true;
}

/** Write to stderr without creating process.stderr (which costs ~24 ms in a compiled binary). */
export function writeStderr(text: string): void {
  writeAll(2, text);
}

/** Local wall-clock time from libc (reads /etc/localtime), instead of JSC's slow timezone start-up. */
export function localTime(d: Date): LocalTime {
  const t = new BigInt64Array([BigInt(Math.floor(d.getTime() / 1000))]);
  const tm = new Int32Array(16); // struct tm is 56 bytes on LP64
  if (!c().localtime_r(t, tm)) return { month: d.getUTCMonth(), day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds() };
  // struct tm: sec, min, hour, mday, mon, year, ...
  return { seconds: tm[0]!, minutes: tm[1]!, hours: tm[2]!, day: tm[3]!, month: tm[4]! };
}

export interface PasswdEntry {
  uid: number;
  name: string;
  home: string;
  shell: string;
}

/** The account of the real uid, from NSS (so LDAP/sssd users resolve too). */
export function currentAccount(): PasswdEntry {
  return accountOf(c().getuid());
}

/** Any uid's account, from NSS; the uid as its name when there is none. */
export function accountOf(uid: number): PasswdEntry {
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

/** struct sockaddr_un (sa_family_t, then sun_path[108] NUL-terminated) and its length; undefined when the path does not fit. */
function sockaddrUn(path: string): { addr: Uint8Array; len: number } | undefined {
  const p = encoder.encode(path);
  if (p.length > 107) return undefined;
  const addr = new Uint8Array(110);
  addr[0] = AF_UNIX;
  addr.set(p, 2);
  return { addr, len: 2 + p.length + 1 };
}

export class UnixDatagramSocket {
  private fd: number;
  private readonly addr: Uint8Array;
  private readonly addrLen: number;

  constructor(path: string) {
    const sa = sockaddrUn(path);
    if (!sa) throw new Error(`socket path too long: ${path}`);
    this.addr = sa.addr;
    this.addrLen = sa.len;
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

// --- used by `rationale-server doctor` only (opened on its first call) ---
let probe: ReturnType<typeof openProbe> | undefined;
function openProbe() {
  return dlopen(LIBC, {
    connect: { args: [i32, ptr, u32], returns: i32 },
  }).symbols;
}
const pr = () => (probe ??= openProbe());

/**
 * connect() a datagram socket to a Unix socket path and close it: 0 when a
 * daemon is bound there, else the errno (ECONNREFUSED: the file is there but
 * nobody reads it). Sends nothing, so no fake record reaches the log.
 */
export function probeUnixDatagram(path: string): number {
  const sa = sockaddrUn(path);
  if (!sa) return 36; // ENAMETOOLONG
  const fd = c().socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno();
  const rc = pr().connect(fd, sa.addr, sa.len);
  const err = rc === 0 ? 0 : errno();
  c().close(fd);
  return err;
}

const FS_IOC_GETFLAGS = 0x80086601;
const FS_IMMUTABLE_FL = 0x10;

/** chattr +i? (false when it cannot be told: the file system has no such flag, or the path is a symlink). */
export function isImmutable(path: string): boolean {
  const fd = c().open(cPath(path), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0) return false;
  const flags = new Int32Array(2);
  const ok = t().ioctl(fd, FS_IOC_GETFLAGS, flags) === 0;
  c().close(fd);
  return ok && (flags[0]! & FS_IMMUTABLE_FL) !== 0;
}
