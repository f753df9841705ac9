// The active terminal's last command and its output, read through shell integration: each command's output is
// collected while it runs (VS Code streams it only to listeners present from its start), the last finished one
// is kept per terminal. Where a terminal has no shell integration, the chat says so instead.
import * as vscode from 'vscode';
import { type AttachResult, MAX_ATTACHMENT_CHARS, textAttachment } from '../prompt/attachments';
import { l10n } from '../common/l10n';

interface Finished {
  command: string;
  output: string;
  exitCode: number | undefined;
}

/** Colour and cursor escapes, and the shell-integration markers (OSC 633/133). */
// eslint-disable-next-line no-control-regex -- these are exactly the control characters to remove
const ESCAPES = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;

export function cleanTerminalText(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r\n?/g, '\n');
}

export class TerminalOutput implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.Terminal, Finished>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    // The API is there since VS Code 1.93; feature-detected so an older host simply has no terminal attachments.
    if (typeof vscode.window.onDidStartTerminalShellExecution !== 'function') return;
    this.disposables.push(vscode.window.onDidStartTerminalShellExecution((event) => void this.collect(event)));
  }

  private async collect(event: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    const exited = new Promise<number | undefined>((resolve) => {
      const sub = vscode.window.onDidEndTerminalShellExecution((end) => {
        if (end.execution !== event.execution) return;
        sub.dispose();
        resolve(end.exitCode);
      });
    });
    let output = '';
    try {
      for await (const data of event.execution.read()) {
        if (output.length < MAX_ATTACHMENT_CHARS * 2) output += data;
      }
    } catch {
      // the terminal went away mid-command: keep what arrived
    }
    // The end event comes with (or just after) the end of the output; never wait long for it.
    const exitCode = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000))]);
    this.last.set(event.terminal, { command: event.execution.commandLine.value, output: cleanTerminalText(output).trim(), exitCode });
  }

  /** The active terminal's last command with its output, or a refusal that says why there is none. */
  attachment(): AttachResult {
    const terminal = vscode.window.activeTerminal;
    const name = l10n.t('Terminal');
    if (!terminal) return { ok: false, refusal: { name, message: l10n.t('There is no open terminal to attach.') } };
    const done = this.last.get(terminal);
    if (!done) {
      const message = terminal.shellIntegration
        ? l10n.t('The terminal "{0}" has not finished a command since the chat started listening: run one, then attach it.', terminal.name)
        : l10n.t('The terminal "{0}" has no shell integration, so its commands and output cannot be read. Enable terminal.integrated.shellIntegration.enabled and use bash, zsh, fish or PowerShell, or paste the output instead.', terminal.name);
      return { ok: false, refusal: { name, message } };
    }
    const exit = done.exitCode === undefined ? '' : ` (exit code ${done.exitCode})`;
    let output = done.output;
    let note = '';
    if (output.length > MAX_ATTACHMENT_CHARS - 200) {
      // The end of a long output is what matters (the error, the summary): keep it and say what was left out.
      const cut = output.length - (MAX_ATTACHMENT_CHARS - 200);
      output = output.slice(cut);
      note = `\n[the first ${cut} characters of the output are not attached]`;
    }
    return textAttachment('terminal', l10n.t('Terminal: {0}', done.command.slice(0, 60)), `The last command in the terminal "${terminal.name}"${exit}:`, `$ ${done.command}\n${output}${note}`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
