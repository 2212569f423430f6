import { open, readFile, unlink } from 'node:fs/promises';
import { ConflictError } from '../platform/errors.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Locks this process holds: a lock file naming our own pid is only stale if it is not in here.
const held = new Set<string>();

/**
 * Takes an exclusive lock on an embedded data directory, so that a second process
 * (a second server, or the CLI while the server runs) fails cleanly instead of corrupting it.
 * A lock left by a dead process is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir}/bulwark.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(lockPath);
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      const ours = holder === process.pid && held.has(lockPath);
      const live = Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder);
      if (ours || live) {
        throw new ConflictError(
          `data directory ${dataDir} is in use by process ${holder}; stop it, or point the CLI at the running server with --server and --token`,
        );
      }
      await unlink(lockPath).catch(() => undefined);
    }
  }
  throw new ConflictError(`could not lock data directory ${dataDir}`);
}
