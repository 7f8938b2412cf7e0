/**
 * A lock file holding the pid of the process that uses a folder. It is created whole and
 * exclusively (a complete temporary file hard-linked into place), so a second process sees either
 * no lock or the first one's pid. A lock whose process is gone (killed) is stale and taken over.
 */
import * as fs from 'node:fs';
import { writeError } from './atomicFile.ts';

export interface FolderLock {
  release(): void;
}

export function takeFolderLock(lockFile: string, what: string): FolderLock {
  const temporary = `${lockFile}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temporary, `${process.pid}\n`);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw writeError(error, lockFile);
  }
  try {
    // Twice at most: once more after removing a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(temporary, lockFile);
        return { release: () => fs.rmSync(lockFile, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(error, lockFile);
      }
      const holder = lockHolder(lockFile);
      if (holder !== undefined && isRunning(holder)) throw new Error(`${what} is in use by process ${holder} (${lockFile}); wait for it to end or stop it`);
      removeStaleLock(lockFile, holder);
    }
    throw new Error(`${what} is in use: another process took ${lockFile} at the same time`);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function lockHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock aside first, so a fresh lock another process just took is put back, not deleted. */
function removeStaleLock(lockFile: string, stalePid: number | undefined): void {
  const aside = `${lockFile}.stale-${process.pid}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return;
  }
  if (lockHolder(aside) !== stalePid) {
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // Someone holds it again: the next attempt sees them.
    }
  }
  fs.rmSync(aside, { force: true });
}
