// Resolves a guest path relative to a directory fd without ever leaving that directory.
//
// Rules: absolute paths are refused; `..` may not climb above the directory fd; symlinks are
// expanded component by component here (not by the host), and a link whose target is absolute
// or climbs out is refused. All refusals are ENOTCAPABLE. Because every intermediate component
// is checked with lstat to be a real directory, the joined host path stays inside the root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Errno, fail } from './errno.js';

/** Linux's SYMLOOP_MAX: deeper chains are ELOOP. */
const MAX_SYMLINKS = 40;
/** Linux's PATH_MAX: longer guest paths are ENAMETOOLONG (and lookups stay cheap). */
const MAX_PATH_BYTES = 4096;

export interface Resolved {
  /** Host path of the final component (which may not exist). */
  readonly hostPath: string;
  /** Whether the guest path ended in '/', which requires a directory. */
  readonly trailingSlash: boolean;
  /** The final component is the root itself (e.g. "." ). */
  readonly isRoot: boolean;
  /**
   * lstat of the final host path when resolution already did it (following the final
   * component); null when it was found missing; undefined when not looked at.
   */
  readonly finalStat: fs.Stats | null | undefined;
}

export function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Resolves `guestPath` under `root` (an absolute host directory). With `followFinal`, a
 * symlink in the last position is expanded too (lookupflags.symlink_follow).
 */
export function resolvePath(root: string, guestPath: string, followFinal: boolean): Resolved {
  if (guestPath.length === 0) fail(Errno.NOENT);
  if (guestPath.startsWith('/')) fail(Errno.NOTCAPABLE);
  if (guestPath.length > MAX_PATH_BYTES) fail(Errno.NAMETOOLONG);
  const trailingSlash = guestPath.endsWith('/');
  const pending = guestPath.split('/').reverse();
  const stack: string[] = [];
  let links = 0;
  let finalStat: fs.Stats | null | undefined;
  while (pending.length > 0) {
    const c = pending.pop()!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (stack.length === 0) fail(Errno.NOTCAPABLE);
      stack.pop();
      finalStat = undefined;
      continue;
    }
    if (Buffer.byteLength(c) > 255) fail(Errno.NAMETOOLONG);
    const isLast = pending.every((x) => x === '' || x === '.');
    const candidate = path.join(root, ...stack, c);
    finalStat = undefined;
    if (!isLast || followFinal || trailingSlash) {
      const st = lstatOrUndefined(candidate);
      finalStat = st ?? null;
      if (st === undefined) {
        if (!isLast) fail(Errno.NOENT);
      } else if (st.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) fail(Errno.LOOP);
        const target = fs.readlinkSync(candidate);
        if (target.startsWith('/')) fail(Errno.NOTCAPABLE);
        if (target.length === 0) fail(Errno.NOENT);
        // Splice the target's components in place of the link, keeping a trailing slash.
        const parts = target.split('/');
        for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]!);
        finalStat = undefined;
        continue;
      } else if (!isLast && !st.isDirectory()) {
        fail(Errno.NOTDIR);
      }
    }
    stack.push(c);
  }
  return { hostPath: path.join(root, ...stack), trailingSlash, isRoot: stack.length === 0, finalStat };
}

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/**
 * Defence against a host-side race (a checked directory swapped for a symlink between our
 * lookup and the open): on Linux, asks the kernel where the opened fd really is and refuses
 * it if that is outside the root. Elsewhere this check is skipped.
 */
export function checkOpenedInside(root: string, hostFd: number): void {
  if (process.platform !== 'linux') return;
  let real: string;
  try {
    real = fs.readlinkSync(`/proc/self/fd/${hostFd}`);
  } catch {
    return; // no /proc: nothing more to learn
  }
  if (!isInside(root, real)) fail(Errno.NOTCAPABLE);
}

/** The same check for a directory, which has no host fd: its real path must be inside. */
export function checkDirInside(root: string, hostPath: string): void {
  if (!isInside(root, fs.realpathSync(hostPath))) fail(Errno.NOTCAPABLE);
}

/**
 * Checks that a symlink with `target` contents, created at `linkFromRoot` (the link's host
 * path relative to the root, symlinks already expanded), can only ever point inside the root.
 * Absolute or climbing targets are refused.
 */
export function checkSymlinkTarget(linkFromRoot: string, target: string): void {
  if (target.length === 0) fail(Errno.NOENT);
  if (target.startsWith('/')) fail(Errno.NOTCAPABLE);
  let level = linkFromRoot.split('/').filter((c) => c !== '' && c !== '.').length - 1;
  for (const c of target.split('/')) {
    if (c === '' || c === '.') continue;
    level += c === '..' ? -1 : 1;
    if (level < 0) fail(Errno.NOTCAPABLE);
  }
}
