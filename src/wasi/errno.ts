// WASI preview1 errno values, in the spec's order (the value is the index), and the mapping
// from Node's fs error codes ("ENOENT") to them. One table serves both directions.

const ERRNO_NAMES = [
  'SUCCESS', '2BIG', 'ACCES', 'ADDRINUSE', 'ADDRNOTAVAIL', 'AFNOSUPPORT', 'AGAIN', 'ALREADY',
  'BADF', 'BADMSG', 'BUSY', 'CANCELED', 'CHILD', 'CONNABORTED', 'CONNREFUSED', 'CONNRESET',
  'DEADLK', 'DESTADDRREQ', 'DOM', 'DQUOT', 'EXIST', 'FAULT', 'FBIG', 'HOSTUNREACH', 'IDRM',
  'ILSEQ', 'INPROGRESS', 'INTR', 'INVAL', 'IO', 'ISCONN', 'ISDIR', 'LOOP', 'MFILE', 'MLINK',
  'MSGSIZE', 'MULTIHOP', 'NAMETOOLONG', 'NETDOWN', 'NETRESET', 'NETUNREACH', 'NFILE', 'NOBUFS',
  'NODEV', 'NOENT', 'NOEXEC', 'NOLCK', 'NOLINK', 'NOMEM', 'NOMSG', 'NOPROTOOPT', 'NOSPC',
  'NOSYS', 'NOTCONN', 'NOTDIR', 'NOTEMPTY', 'NOTRECOVERABLE', 'NOTSOCK', 'NOTSUP', 'NOTTY',
  'NXIO', 'OVERFLOW', 'OWNERDEAD', 'PERM', 'PIPE', 'PROTO', 'PROTONOSUPPORT', 'PROTOTYPE',
  'RANGE', 'ROFS', 'SPIPE', 'SRCH', 'STALE', 'TIMEDOUT', 'TXTBSY', 'XDEV', 'NOTCAPABLE',
] as const;

export type ErrnoName = (typeof ERRNO_NAMES)[number];

/** errno value by name, e.g. Errno.NOENT === 44. */
export const Errno = Object.fromEntries(ERRNO_NAMES.map((n, i) => [n, i])) as Record<ErrnoName, number>;

export function errnoName(code: number): string {
  return ERRNO_NAMES[code] ?? `errno ${code}`;
}

/** Node's error codes that differ from "E" + WASI name. */
const NODE_ALIASES: Record<string, number> = {
  EWOULDBLOCK: Errno.AGAIN,
  EOPNOTSUPP: Errno.NOTSUP,
  ENOTEMPTY: Errno.NOTEMPTY,
  ECANCELED: Errno.CANCELED,
};

/** Maps a Node fs error code to a WASI errno; unknown host failures become EIO. */
export function errnoFromNodeCode(code: string): number {
  const alias = NODE_ALIASES[code];
  if (alias !== undefined) return alias;
  const idx = (ERRNO_NAMES as readonly string[]).indexOf(code.startsWith('E') ? code.slice(1) : code);
  return idx > 0 ? idx : Errno.IO;
}

/** Thrown inside a syscall implementation to return an errno to the guest. */
export class WasiErrno extends Error {
  readonly errno: number;
  constructor(errno: number) {
    super(`WASI errno ${errnoName(errno)}`);
    this.errno = errno;
  }
}

export function fail(errno: number): never {
  throw new WasiErrno(errno);
}
