// WASI preview1 flag sets and enumerations (witx `typenames`), as plain numbers / bigints.

export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
export const OFlags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
export const LookupFlags = { SYMLINK_FOLLOW: 1 } as const;
export const FstFlags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;
export const ClockId = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 } as const;
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
export const SubclockFlags = { ABSTIME: 1 } as const;
export const PreopenType = { DIR: 0 } as const;
/** advice values are 0..5 (normal, sequential, random, willneed, dontneed, noreuse). */
export const ADVICE_MAX = 5;

/** Rights bits (witx order). */
const RIGHT_NAMES = [
  'FD_DATASYNC', 'FD_READ', 'FD_SEEK', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_TELL', 'FD_WRITE',
  'FD_ADVISE', 'FD_ALLOCATE', 'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE', 'PATH_LINK_SOURCE',
  'PATH_LINK_TARGET', 'PATH_OPEN', 'FD_READDIR', 'PATH_READLINK', 'PATH_RENAME_SOURCE',
  'PATH_RENAME_TARGET', 'PATH_FILESTAT_GET', 'PATH_FILESTAT_SET_SIZE', 'PATH_FILESTAT_SET_TIMES',
  'FD_FILESTAT_GET', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES', 'PATH_SYMLINK',
  'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE', 'POLL_FD_READWRITE', 'SOCK_SHUTDOWN', 'SOCK_ACCEPT',
] as const;

export const Rights = Object.fromEntries(
  RIGHT_NAMES.map((n, i) => [n, 1n << BigInt(i)]),
) as Record<(typeof RIGHT_NAMES)[number], bigint>;

function union(names: readonly (keyof typeof Rights)[]): bigint {
  return names.reduce((acc, n) => acc | Rights[n], 0n);
}

export const ALL_RIGHTS = (1n << BigInt(RIGHT_NAMES.length)) - 1n;

/** Rights that make sense on a regular file. */
export const FILE_RIGHTS = union([
  'FD_DATASYNC', 'FD_READ', 'FD_SEEK', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_TELL', 'FD_WRITE',
  'FD_ADVISE', 'FD_ALLOCATE', 'FD_FILESTAT_GET', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES',
  'POLL_FD_READWRITE',
]);

/** Rights that make sense on a directory. */
export const DIR_RIGHTS = union([
  'FD_DATASYNC', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE',
  'PATH_LINK_SOURCE', 'PATH_LINK_TARGET', 'PATH_OPEN', 'FD_READDIR', 'PATH_READLINK',
  'PATH_RENAME_SOURCE', 'PATH_RENAME_TARGET', 'PATH_FILESTAT_GET', 'PATH_FILESTAT_SET_SIZE',
  'PATH_FILESTAT_SET_TIMES', 'FD_FILESTAT_GET', 'FD_FILESTAT_SET_TIMES', 'PATH_SYMLINK',
  'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE',
]);

/** Everything that modifies the file system; removed from read-only preopens. */
export const WRITE_RIGHTS = union([
  'FD_WRITE', 'FD_ALLOCATE', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES',
  'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE', 'PATH_LINK_SOURCE', 'PATH_LINK_TARGET',
  'PATH_RENAME_SOURCE', 'PATH_RENAME_TARGET', 'PATH_FILESTAT_SET_SIZE', 'PATH_FILESTAT_SET_TIMES',
  'PATH_SYMLINK', 'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE',
]);

export const STDIN_RIGHTS = union(['FD_READ', 'FD_FDSTAT_SET_FLAGS', 'FD_FILESTAT_GET', 'POLL_FD_READWRITE']);
export const STDOUT_RIGHTS = union(['FD_WRITE', 'FD_FDSTAT_SET_FLAGS', 'FD_FILESTAT_GET', 'POLL_FD_READWRITE']);
