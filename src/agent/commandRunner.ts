// Runs one command line for the agent: in a shell, in its own process group (so Stop and the timeout reach every
// process it started), stdin closed, a non-interactive environment (no pager, no colours, CI=1), stdout and
// stderr interleaved as they come, kept within a cap (head and tail), with its exit code. The run is mirrored into
// a terminal the user sees (agentTerminal.ts). Stop/timeout: SIGTERM to the group, SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CappedOutput } from './core/outputCap';

export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  PAGER: 'cat', GIT_PAGER: 'cat', MANPAGER: 'cat', CI: '1', TERM: 'dumb', NO_COLOR: '1', GIT_TERMINAL_PROMPT: '0', DEBIAN_FRONTEND: 'noninteractive',
};

const KILL_GRACE_MS = 2_000;
/** After the shell exited, how long its output pipes may stay open (a process it left behind holds them). */
const DRAIN_MS = 500;

export interface CommandMirror {
  start(command: string, cwd: string): void;
  write(chunk: string): void;
  end(line: string): void;
}

export interface RunRequest {
  command: string;
  cwd: string;
  timeoutMs: number;
  maxChars: number;
  signal: AbortSignal;
  onOutput?: (output: CappedOutput) => void;
}

export interface RunResult {
  /** Null when it was stopped or timed out before it exited by itself (or ended by a signal). */
  exitCode: number | null;
  signal?: string;
  ending: 'exited' | 'timeout' | 'stopped' | 'failed';
  output: CappedOutput;
  durationMs: number;
  /** Why it could not start (ending 'failed'). */
  error?: string;
}

export class CommandRunner {
  constructor(private readonly mirror?: CommandMirror) {}

  run(request: RunRequest): Promise<RunResult> {
    const output = new CappedOutput(request.maxChars);
    const started = Date.now();
    this.mirror?.start(request.command, request.cwd);
    return new Promise<RunResult>((resolve) => {
      let ending: RunResult['ending'] = 'exited';
      let child: ChildProcess;
      try {
        child = spawn(request.command, {
          cwd: request.cwd,
          shell: process.platform === 'win32' ? true : existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh',
          detached: process.platform !== 'win32',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...NON_INTERACTIVE_ENV },
          windowsHide: true,
        });
      } catch (err) {
        resolve({ exitCode: null, ending: 'failed', output, durationMs: 0, error: (err as Error).message });
        return;
      }
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString('utf8');
        output.append(text);
        this.mirror?.write(text);
        request.onOutput?.(output);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      let killTimer: NodeJS.Timeout | undefined;
      const stop = (why: 'timeout' | 'stopped'): void => {
        if (ending !== 'exited') return;
        ending = why;
        killGroup(child, 'SIGTERM');
        killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
      const onAbort = (): void => stop('stopped');
      request.signal.addEventListener('abort', onAbort);
      if (request.signal.aborted) onAbort();
      let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      let finished = false;
      const finish = (error?: string): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        request.signal.removeEventListener('abort', onAbort);
        // Whatever the line left running in its group (a server started with `&`) goes with it: it would hold the
        // output open and outlive the call nobody watches.
        killGroup(child, 'SIGKILL');
        child.stdout?.destroy();
        child.stderr?.destroy();
        const result: RunResult = {
          exitCode: ending === 'exited' ? exit?.code ?? null : null,
          ending: error ? 'failed' : ending,
          output,
          durationMs: Date.now() - started,
          ...(exit?.signal ? { signal: exit.signal } : {}),
          ...(error ? { error } : {}),
        };
        this.mirror?.end(endLine(result));
        resolve(result);
      };
      child.on('error', (err) => finish(err.message));
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        setTimeout(() => finish(), DRAIN_MS).unref();
      });
      child.on('close', () => finish());
    });
  }
}

function endLine(result: RunResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.ending === 'timeout') return `[timed out after ${seconds} s]`;
  if (result.ending === 'stopped') return `[stopped after ${seconds} s]`;
  if (result.ending === 'failed') return `[could not run: ${result.error ?? ''}]`;
  return `[exit ${result.exitCode ?? result.signal ?? '?'} in ${seconds} s]`;
}

/** Signals the command's whole process group (POSIX), or its tree (Windows: taskkill /T). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    else process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
