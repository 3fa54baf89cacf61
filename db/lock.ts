// The embedded database's folder is one process's at a time: PGlite runs PostgreSQL inside the
// process, and two processes writing one folder corrupt it. Every process takes an OS lock on a
// file in the folder before PGlite opens it: an open-file-description lock (fcntl F_OFD_SETLK)
// on Linux, flock on macOS. The kernel holds it for the open file and drops it when the process
// closes the file or dies, however it dies, so a lock is never left behind, and it sees every
// process that opens the same file, whatever pid namespace (container) the process runs in. A
// pid in a lock file was not enough: in two containers sharing a volume each process read the
// other's pid as dead, and an exiting process removed a lock it no longer held.
//
// The file itself stays: removing it would let a process lock a new file of the same name while
// another still holds the old one. It holds the holder's pid, only to name it in the message.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The lock file, in the data folder (the name the pid lock of earlier versions used). */
export const LOCK_FILE = 'sidelines.lock';

/** The part of fs-native-extensions used here (the package has no types of its own). */
interface NativeLocks {
  /** Takes the whole file's lock without waiting: false when another open file holds it. */
  tryLock(fd: number, opts?: { shared?: boolean }): boolean;
  unlock(fd: number): void;
}

let native: NativeLocks | undefined;

/** Loaded on first use: a process on a PostgreSQL server never needs the native addon. */
function locks(): NativeLocks {
  native ??= createRequire(import.meta.url)('fs-native-extensions') as NativeLocks;
  return native;
}

export class FolderLockError extends Error {
  override name = 'FolderLockError';
}

export interface FolderLock {
  /** Gives the folder back. Safe to call twice; a process that dies gives it back too. */
  release(): void;
}

/** The files this process holds, by device and inode: a second open here is named as such. */
const heldHere = new Set<string>();

/**
 * Takes the folder for this process, or throws a FolderLockError naming the holder when another
 * process (or another open database in this one) has it. Never waits and never removes a lock.
 */
export function lockDataDir(dataDir: string): FolderLock {
  const file = path.join(dataDir, LOCK_FILE);
  // Opened without truncating: when the lock is taken, the file holds its holder's pid.
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  let key = '';
  try {
    const st = fs.fstatSync(fd);
    key = `${st.dev}:${st.ino}`;
    let taken: boolean;
    try {
      taken = locks().tryLock(fd);
    } catch (err) {
      // A file system without these locks (some network mounts): refuse rather than risk the folder.
      throw new FolderLockError(`cannot lock the data folder ${shown(dataDir)} (${(err as NodeJS.ErrnoException).code ?? String(err)}): put it on a local disk, or use DATABASE_URL`);
    }
    if (!taken) {
      if (heldHere.has(key)) throw new FolderLockError(`the data folder ${shown(dataDir)} is already open in this process: close that database first`);
      const pid = holderPid(fd);
      throw new FolderLockError(
        `the data folder ${shown(dataDir)} is in use by another Sidelines process${pid ? ` (pid ${pid} in its namespace)` : ''}: stop it or use DATABASE_URL`,
      );
    }
    // A holder that died left its pid behind: this one replaces it.
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, `${process.pid}\n`, 0);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  heldHere.add(key);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(key);
      // The pid goes first, so that no later message names a process that has let go; closing
      // the file is what releases the lock.
      try {
        fs.ftruncateSync(fd, 0);
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/**
 * Whether some process holds the folder's lock, and the pid its file names. It takes a shared
 * lock for a moment to find out, so a process opening the folder at that very moment may be
 * refused: for tests and diagnostics, not for deciding who may open it.
 */
export function folderLockHolder(dataDir: string): { held: boolean; pid: number | null } {
  let fd: number;
  try {
    fd = fs.openSync(path.join(dataDir, LOCK_FILE), fs.constants.O_RDONLY);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { held: false, pid: null };
    throw err;
  }
  try {
    const free = locks().tryLock(fd, { shared: true });
    if (free) locks().unlock(fd);
    return { held: !free, pid: holderPid(fd) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The pid the lock file names, if any. */
function holderPid(fd: number): number | null {
  const read = () => {
    const buf = Buffer.alloc(32);
    try {
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const pid = Number(buf.subarray(0, n).toString('utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      // Where locks are mandatory (Windows) the holder's bytes cannot be read: unnamed, then.
      return null;
    }
  };
  const pid = read();
  if (pid !== null) return pid;
  // The holder writes its pid just after it takes the lock: a moment later it is there.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  return read();
}

/** The folder as the user would write it: relative to the working directory when inside it. */
function shown(dataDir: string): string {
  const rel = path.relative(process.cwd(), dataDir);
  if (!rel) return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? dataDir : rel;
}
