// The terminal "Inference Chat Agent": a Pseudoterminal that shows each command the agent runs, its folder, its
// output as it comes and how it ended, so the user sees what runs on their machine. It only displays: typing in it
// does nothing (the commands run in their own process, stdin closed).
import * as vscode from 'vscode';
import type { CommandMirror } from './commandRunner';

export const AGENT_TERMINAL_NAME = 'Inference Chat Agent';

export class AgentTerminal implements CommandMirror, vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly writes = new vscode.EventEmitter<string>();
  private opened: Promise<void> | undefined;
  private readonly closeListener: vscode.Disposable;

  constructor() {
    this.closeListener = vscode.window.onDidCloseTerminal((t) => {
      if (t === this.terminal) {
        this.terminal = undefined;
        this.opened = undefined;
      }
    });
  }

  start(command: string, cwd: string): void {
    this.show();
    this.write(`\x1b[1m$ ${command}\x1b[0m\n\x1b[2m(${cwd})\x1b[0m\n`);
  }

  write(chunk: string): void {
    const text = chunk.replace(/\r?\n/g, '\r\n');
    if (this.opened) void this.opened.then(() => this.writes.fire(text));
  }

  end(line: string): void {
    this.write(`\x1b[2m${line}\x1b[0m\n\n`);
  }

  private show(): void {
    if (this.terminal) return;
    let ready: () => void = () => undefined;
    this.opened = new Promise<void>((resolve) => (ready = resolve));
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writes.event,
      open: () => ready(),
      close: () => undefined,
    };
    this.terminal = vscode.window.createTerminal({ name: AGENT_TERMINAL_NAME, pty, isTransient: true });
    this.terminal.show(true);
  }

  dispose(): void {
    this.closeListener.dispose();
    this.terminal?.dispose();
    this.writes.dispose();
  }
}
