// Runs `npm start` as a user does (its own process group, like a terminal's foreground job), reads what it prints,
// sends it Ctrl+C, and finds every process it left behind: each one it started inherits a marker variable.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { waitFor } from './workbench';

export interface NpmStartRun {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr), line by line. */
  lines: string[];
  /** Resolves with the first line (printed so far or later) that matches. */
  line(pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ctrl+C: SIGINT to the whole process group. */
  interrupt(): void;
  /** Processes (pid and command line) that carry this run's marker. */
  leftovers(): Array<{ pid: number; cmd: string }>;
}

const MARKER = 'INFCHAT_START_CHECK';

/** Processes whose environment has MARKER=token (Linux /proc; a process that is gone or not ours is skipped). */
export function processesWithMarker(token: string): Array<{ pid: number; cmd: string }> {
  const needle = `${MARKER}=${token}`;
  const found: Array<{ pid: number; cmd: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      if (!environ.includes(needle)) continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
      found.push({ pid: Number(name), cmd });
    } catch { /* gone, or not readable */ }
  }
  return found;
}

export function npmStart(opts: { cwd: string; args: string[]; env: Record<string, string>; echo?: (line: string) => void }): NpmStartRun {
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, [MARKER]: token };
  const child = spawn('npm', ['start', '--', ...opts.args], { cwd: opts.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = { out: '', err: '' };
  const onData = (which: 'out' | 'err') => (chunk: Buffer): void => {
    const parts = (partial[which] + chunk.toString('utf8')).split(/\r?\n/);
    partial = { ...partial, [which]: parts.pop() ?? '' };
    for (const line of parts) {
      lines.push(line);
      opts.echo?.(line);
    }
  };
  child.stdout.on('data', onData('out'));
  child.stderr.on('data', onData('err'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => { done = true; });
  return {
    child,
    lines,
    exited,
    line: async (pattern, what, timeoutMs) => {
      const find = (): RegExpExecArray | undefined => {
        for (const l of lines) {
          const m = pattern.exec(l);
          if (m) return m;
        }
        return undefined;
      };
      // Settles as soon as the line is there, or npm start has exited without it.
      await waitFor(what, () => done || find(), timeoutMs);
      const m = find();
      if (!m) throw new Error(`npm start exited before printing ${what}:\n${lines.slice(-30).join('\n')}`);
      return m;
    },
    interrupt: () => {
      try { process.kill(-child.pid!, 'SIGINT'); } catch { /* already gone */ }
    },
    leftovers: () => processesWithMarker(token),
  };
}
