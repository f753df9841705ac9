// The completions' status-bar item: off, ready (with the last latency), waiting, or an error with its reason;
// the tooltip says where suggestions come from, by which endpoint and why, and this session's requests and spend.
// A click opens the completions menu.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { HealthView } from './core/completionHealth';
import type { CompletionTarget } from './completionTarget';

export class CompletionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inferenceChat.completions', vscode.StatusBarAlignment.Right, 99);

  constructor() {
    this.item.name = vscode.l10n.t('Inline Completions');
    this.item.command = COMMANDS.completionsMenu;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }

  render(view: Readonly<HealthView>, target: CompletionTarget | undefined): void {
    const latency = view.lastLatencyMs !== undefined ? ` ${view.lastLatencyMs} ms` : '';
    switch (view.state) {
      case 'off':
        this.item.text = `$(circle-slash) ${vscode.l10n.t('Completions')}`;
        break;
      case 'ready':
        this.item.text = `$(sparkle)${latency}`;
        break;
      case 'waiting':
        this.item.text = `$(loading~spin)${latency}`;
        break;
      case 'error':
        this.item.text = `$(warning) ${vscode.l10n.t('Completions')}`;
        break;
    }
    this.item.backgroundColor = view.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: `${vscode.l10n.t('Inline Completions')}: ${stateWords(view)}` };
    this.item.tooltip = tooltip(view, target);
  }
}

function stateWords(view: Readonly<HealthView>): string {
  switch (view.state) {
    case 'off':
      return view.offReason ?? vscode.l10n.t('off');
    case 'ready':
      return vscode.l10n.t('ready');
    case 'waiting':
      return vscode.l10n.t('waiting for the server');
    case 'error':
      return view.error?.message ?? vscode.l10n.t('failed');
  }
}

function tooltip(view: Readonly<HealthView>, target: CompletionTarget | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [COMMANDS.completionsMenu] };
  md.appendMarkdown(`**${vscode.l10n.t('Inline completions')}**: `).appendText(stateWords(view)).appendMarkdown('\n\n');
  if (target) {
    md.appendText(`${target.providerName} · ${target.model}`).appendMarkdown('\n\n');
    md.appendText(vscode.l10n.t('Endpoint: {0} ({1})', target.endpoint, target.why)).appendMarkdown('\n\n');
  }
  if (view.lastLatencyMs !== undefined) md.appendText(vscode.l10n.t('Last suggestion: {0} ms', view.lastLatencyMs)).appendMarkdown('\n\n');
  md.appendText(vscode.l10n.t('This session: {0} requests, {1} cancelled by typing', view.requests, view.wasted));
  if (view.spendUsd > 0 || target?.priced) md.appendText(vscode.l10n.t(', spent ${0}', view.spendUsd.toFixed(4)));
  if (view.pausedUntil !== undefined && view.pausedUntil > Date.now()) {
    md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Paused after a rate limit until {0}.', new Date(view.pausedUntil).toLocaleTimeString()));
  }
  md.appendMarkdown(`\n\n[${vscode.l10n.t('Options…')}](command:${COMMANDS.completionsMenu})`);
  return md;
}
