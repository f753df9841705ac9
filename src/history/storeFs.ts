// The file operations the conversation store needs, behind an interface so tests can inject failures
// (a crash between write and rename, a full disk, a folder without permission) and count what is written,
// without touching the real store code. Also the folder watcher, so src/chat needs no `vscode`: node's
// fs.watch works in every extension host (desktop, remote, code-server) and in plain Node tests.
import * as fs from 'node:fs';

export interface FileStat {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface DirWatch {
  close(): void;
}

export interface StoreFs {
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<string>;
  /** The bytes from `start` to the end of the file. */
  readFrom(path: string, start: number): Promise<Uint8Array>;
  /** undefined when the file does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Creates or truncates the file, writes the data and fsyncs it before resolving. */
  writeFileDurable(path: string, data: string): Promise<void>;
  /** Appends to the file (creating it), then fsyncs it. */
  appendDurable(path: string, data: string): Promise<void>;
  /** Creates the file with the data only if it does not exist yet; false when it does. */
  createExclusive(path: string, data: string): Promise<boolean>;
  /** Writes without fsync: for files that only matter while their writer lives (leases). */
  writeFile(path: string, data: string): Promise<void>;
  truncate(path: string, size: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsyncs a folder so a rename or a new file in it survives a power cut (a no-op where folders cannot be synced). */
  syncDir(dir: string): Promise<void>;
  /** Calls `onChange` with the name of a changed entry of `dir` (undefined: something changed, look at everything). */
  watch(dir: string, onChange: (name: string | undefined) => void): DirWatch;

  /** Synchronous twins, used only for the last save when the extension is disposed (dispose cannot await). */
  readFileSync(path: string): string;
  readFromSync(path: string, start: number): Uint8Array;
  statSync(path: string): FileStat | undefined;
  writeFileDurableSync(path: string, data: string): void;
  appendDurableSync(path: string, data: string): void;
  createExclusiveSync(path: string, data: string): boolean;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  syncDirSync(dir: string): void;
}

/** How often the folder is looked at when it cannot be watched (some network file systems, no inotify watches left). */
const POLL_MS = 2000;

function toStat(st: fs.Stats): FileStat {
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function isExisting(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
}

/** Folders cannot be opened for fsync on Windows (EISDIR/EPERM): there a rename is as durable as it gets. */
function ignoreDirSyncError(err: unknown): void {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
}

function readFromFd(fd: number, start: number, size: number): Uint8Array {
  const length = Math.max(0, size - start);
  const buffer = Buffer.alloc(length);
  let offset = 0;
  while (offset < length) {
    const n = fs.readSync(fd, buffer, offset, length - offset, start + offset);
    if (n === 0) break;
    offset += n;
  }
  return buffer.subarray(0, offset);
}

// fs.promises, not node:fs/promises: Node loads it on first use, i.e. when the chat history is first opened.
export const nodeStoreFs: StoreFs = {
  mkdir: async (dir) => {
    await fs.promises.mkdir(dir, { recursive: true });
  },
  readdir: (dir) => fs.promises.readdir(dir),
  readFile: (path) => fs.promises.readFile(path, 'utf8'),
  readFrom: async (path, start) => {
    const handle = await fs.promises.open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.max(0, size - start);
      const buffer = Buffer.alloc(length);
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, start + offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return buffer.subarray(0, offset);
    } finally {
      await handle.close();
    }
  },
  stat: async (path) => {
    try {
      return toStat(await fs.promises.stat(path));
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  },
  writeFileDurable: async (path, data) => {
    const handle = await fs.promises.open(path, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  appendDurable: async (path, data) => {
    const handle = await fs.promises.open(path, 'a', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  createExclusive: async (path, data) => {
    try {
      await fs.promises.writeFile(path, data, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if (isExisting(err)) return false;
      throw err;
    }
  },
  writeFile: (path, data) => fs.promises.writeFile(path, data, { encoding: 'utf8', mode: 0o600 }),
  truncate: (path, size) => fs.promises.truncate(path, size),
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (path) => fs.promises.unlink(path),
  syncDir: async (dir) => {
    try {
      const handle = await fs.promises.open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      ignoreDirSyncError(err);
    }
  },
  watch: (dir, onChange) => {
    const poll = (): DirWatch => {
      const timer = setInterval(() => onChange(undefined), POLL_MS);
      timer.unref?.();
      return { close: () => clearInterval(timer) };
    };
    try {
      let fallback: DirWatch | undefined;
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => onChange(typeof name === 'string' ? name : undefined));
      watcher.on('error', () => {
        watcher.close();
        fallback ??= poll();
      });
      return {
        close: () => {
          watcher.close();
          fallback?.close();
        },
      };
    } catch {
      return poll();
    }
  },

  readFileSync: (path) => fs.readFileSync(path, 'utf8'),
  readFromSync: (path, start) => {
    const fd = fs.openSync(path, 'r');
    try {
      return readFromFd(fd, start, fs.fstatSync(fd).size);
    } finally {
      fs.closeSync(fd);
    }
  },
  statSync: (path) => {
    try {
      return toStat(fs.statSync(path));
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  },
  writeFileDurableSync: (path, data) => {
    const fd = fs.openSync(path, 'w', 0o600);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  appendDurableSync: (path, data) => {
    const fd = fs.openSync(path, 'a', 0o600);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  createExclusiveSync: (path, data) => {
    try {
      fs.writeFileSync(path, data, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if (isExisting(err)) return false;
      throw err;
    }
  },
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  syncDirSync: (dir) => {
    try {
      const fd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      ignoreDirSyncError(err);
    }
  },
};
