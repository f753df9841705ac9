// run_command: the exact line and its folder are shown on the call's card and approved there, unless the workspace's
// allow-list allows every command in the line; "always" saves the proposed entry. What the command prints passes the
// secret redaction before the card or the model sees it.
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import type { ToolOutcome } from '../chat/agentTools';
import { toolPath } from './agentPaths';
import { commandGate } from './core/allowList';
import { capHeadTail } from './core/outputCap';
import { LIMITS } from './core/toolDefinitions';
import { DENIED, restrictedMessage } from './core/toolMessages';
import type { RunResult } from './commandRunner';
import { denied, failed, type Tool } from './toolDeps';

/** The card's live output is sent at most this often (each send is the whole text so far). */
const PROGRESS_EVERY_MS = 250;

export const runCommand: Tool<'run_command'> = async (args, context, deps) => {
  if (deps.restricted()) return failed(restrictedMessage('command'), l10n.t('Refused in Restricted Mode'));
  const cwd = toolPath(args.cwd, { allowRoot: true });
  if (!cwd.ok) return failed(cwd.message, l10n.t('Refused'));
  const isFolder = await vscode.workspace.fs.stat(cwd.uri).then((s) => (s.type & vscode.FileType.Directory) !== 0, () => false);
  if (!isFolder) return failed(`The folder ${cwd.shown} does not exist: give cwd relative to the workspace folder.`);
  const command = args.command;
  const gate = commandGate(command, deps.allowList.entries());
  if (gate.ask) {
    const decision = await context.approve({
      kind: 'command',
      title: command,
      // The real folder, not the model's spelling of it: the user approves where it runs.
      detail: l10n.t('In {0}', cwd.uri.fsPath),
      ...(gate.allowEntry !== undefined ? { allowEntry: gate.allowEntry } : {}),
    });
    if (decision === 'deny') return denied(DENIED.command(command), l10n.t('Denied'));
    if (decision === 'always' && gate.allowEntry !== undefined) await deps.allowList.add(gate.allowEntry);
  }
  if (context.signal.aborted) return { status: 'cancelled', result: 'Stopped by the user before it ran.' };
  context.checkpoint.commandRan();
  const timeoutSeconds = Math.min(args.timeout_seconds ?? deps.settings().commandTimeoutSeconds, LIMITS.commandTimeoutMaxSeconds);
  let lastProgress = 0;
  deps.log.info(`Agent: running a command in ${cwd.shown}.`);
  const result = await deps.runner.run({
    command,
    cwd: cwd.uri.fsPath,
    timeoutMs: timeoutSeconds * 1000,
    maxChars: LIMITS.commandOutputChars,
    signal: context.signal,
    onOutput: (output) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      context.progress(deps.redact(output.text()));
    },
  });
  return commandOutcome(command, cwd.shown, timeoutSeconds, result, deps.redact);
};

export function commandOutcome(command: string, cwd: string, timeoutSeconds: number, result: RunResult, redact: (text: string) => string): ToolOutcome {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const output = capHeadTail(redact(result.output.text()), LIMITS.commandOutputChars).text;
  const shownOutput = output.trim() === '' ? '(no output)' : output.replace(/\s+$/, '');
  const head = `$ ${command}${cwd === '.' ? '' : `   (in ${cwd})`}`;
  switch (result.ending) {
    case 'failed':
      return { status: 'error', result: `${head}\nThe command could not be started: ${result.error ?? 'unknown error'}.`, summary: l10n.t('Could not run') };
    case 'stopped':
      return { status: 'cancelled', result: `${head}\n${shownOutput}\n[Stopped by the user after ${seconds} s; the command and every process it started were ended.]`, summary: l10n.t('Stopped after {0} s', seconds), output };
    case 'timeout':
      return {
        status: 'error',
        result: `${head}\n${shownOutput}\n[Timed out after ${timeoutSeconds} s: the command and every process it started were ended. Use a longer timeout_seconds or a command that finishes.]`,
        summary: l10n.t('Timed out after {0} s', timeoutSeconds),
        output,
      };
    case 'exited': {
      const code = result.exitCode ?? (result.signal ? `signal ${result.signal}` : '?');
      return { status: 'done', result: `${head}\n${shownOutput}\n[exit code ${code} in ${seconds} s]`, summary: l10n.t('exit {0} in {1} s', String(code), seconds), output };
    }
  }
}
