// The few file operations the conversation store needs, behind an interface so tests can
// inject failures (a crash between write and rename) without touching the real store code.
import * as fs from 'node:fs';

export interface StoreFs {
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<string>;
  /** Creates or truncates the file, writes the data and fsyncs it before resolving. */
  writeFileDurable(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Synchronous twins, used only for the last flush when the extension is disposed (dispose cannot await). */
  writeFileDurableSync(path: string, data: string): void;
  renameSync(from: string, to: string): void;
}

// fs.promises, not node:fs/promises: Node loads it on first use, i.e. when the chat history is first opened.
export const nodeStoreFs: StoreFs = {
  mkdir: async (dir) => {
    await fs.promises.mkdir(dir, { recursive: true });
  },
  readdir: (dir) => fs.promises.readdir(dir),
  readFile: (path) => fs.promises.readFile(path, 'utf8'),
  writeFileDurable: async (path, data) => {
    const handle = await fs.promises.open(path, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (path) => fs.promises.unlink(path),
  writeFileDurableSync: (path, data) => {
    const fd = fs.openSync(path, 'w', 0o600);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  renameSync: (from, to) => fs.renameSync(from, to),
};
