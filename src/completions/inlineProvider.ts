// VS Code's inline completion provider: ghost text from the user's own server. Per keystroke it only checks,
// reads the text around the cursor and looks in the cache (typing through a shown suggestion needs no request);
// the request waits for the debounce, and the next keystroke aborts it at the socket (RequestScheduler).
import * as vscode from 'vscode';
import { errorKind, errorMessage } from '../common/appError';
import type { Logger } from '../common/logger';
import type { CompletionSettings } from '../config/core/completionSettings';
import { replyCost } from '../models/cost';
import { cleanSuggestion } from './core/cleanSuggestion';
import { healthError, type CompletionHealth } from './core/completionHealth';
import { RequestScheduler } from './core/requestScheduler';
import { SuggestionCache } from './core/suggestionCache';
import type { CompletionTargets } from './completionTarget';
import type { DocumentContext } from './documentContext';
import { requestWithFallback, type SuggestionRequest } from './requestSuggestion';

/** A completion that has not answered in this long is given up (the status bar says so); the next keystroke tries again. */
const REQUEST_DEADLINE_MS = 15_000;

export class InlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  private readonly cache = new SuggestionCache();
  private scheduler: RequestScheduler;
  private debounceMs: number;

  constructor(
    private readonly deps: {
      settings: () => CompletionSettings;
      targets: CompletionTargets;
      context: DocumentContext;
      health: CompletionHealth;
      /** Whether completions run for this document's language right now (settings, opt-in). */
      activeFor: (languageId: string) => boolean;
      log: Logger;
    },
  ) {
    this.debounceMs = deps.settings().debounceMs;
    this.scheduler = new RequestScheduler({ debounceMs: this.debounceMs });
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const invoked = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (!this.deps.activeFor(document.languageId) || !(await this.deps.context.mayComplete(document))) return undefined;
    // Cancelled while the read gate answered: a newer call (the next keystroke) may already be scheduled, and this
    // stale one must not abort it, or the last keystroke gets no suggestion at all.
    if (token.isCancellationRequested) return undefined;
    const settings = this.deps.settings();
    this.followDebounce(settings.debounceMs);

    // With the suggest widget open, VS Code shows ghost text only when it extends the selected item.
    const selected = context.selectedCompletionInfo;
    const inserted = selected ? { range: selected.range, text: selected.text } : undefined;
    const input = this.deps.context.input(document, position, inserted);
    const lineAfter = document.lineAt(position.line).text.slice(position.character);
    const lines = settings.lines === 'auto' ? (lineAfter.trim() ? 'single' : 'multi') : settings.lines;
    const replace = selected ? selected.range : new vscode.Range(position, position);
    const item = (text: string): vscode.InlineCompletionItem[] => [new vscode.InlineCompletionItem((selected?.text ?? '') + text, replace)];

    const cached = this.cache.get(input.prefix, input.suffix);
    if (cached !== undefined) return cached ? item(cached) : undefined;
    if (!this.deps.health.mayRequest() && !invoked) return undefined;

    const cancelled = new AbortController();
    const sub = token.onCancellationRequested(() => cancelled.abort());
    const startedAt = performance.now();
    try {
      const answer = await this.scheduler.schedule(
        (signal) => this.ask({ input, lines, maxTokens: settings.maxTokens, signal }, startedAt),
        cancelled.signal,
        { immediate: invoked },
      );
      if (answer === undefined || token.isCancellationRequested) return undefined;
      this.cache.set(input.prefix, input.suffix, answer);
      return answer ? item(answer) : undefined;
    } catch (error) {
      this.report(error);
      return undefined;
    } finally {
      sub.dispose();
    }
  }

  /** One suggestion (after a fallback when the server has no such endpoint); '' = nothing worth showing. */
  private async ask(request: SuggestionRequest, startedAt: number): Promise<string> {
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(REQUEST_DEADLINE_MS)]);
    this.deps.health.started();
    try {
      const { target, raw } = await requestWithFallback(this.deps.targets, { ...request, signal }, (from, to) =>
        this.deps.log.info(`completion: ${from.providerName} has no ${from.endpoint} endpoint for ${from.model}; using ${to.endpoint} (${to.why})`),
      );
      const cost = replyCost(raw?.usage, target.profile.pricing)?.usd ?? 0;
      this.deps.health.succeeded(performance.now() - startedAt, cost);
      if (!raw) {
        this.deps.log.debug(`completion: ${target.model} answered outside the hole-filler contract; nothing shown`);
        return '';
      }
      this.deps.log.debug(`completion: ${target.endpoint} → ${target.providerName} ${target.model}: ${raw.text.length} chars in ${Math.round(performance.now() - startedAt)} ms`);
      const clean = cleanSuggestion({ suggestion: raw.text, prefix: request.input.prefix, suffix: request.input.suffix, lines: request.lines, ...(target.family ? { family: target.family } : {}) });
      return clean ?? '';
    } catch (error) {
      if (request.signal.aborted) this.deps.health.wasted();
      else this.deps.health.failed(healthError(error), retryAfterOf(error));
      throw error;
    }
  }

  private lastLogged: string | undefined;

  private report(error: unknown): void {
    const kind = errorKind(error);
    if (kind === 'cancelled') return;
    // Logged once per distinct failure, not per keystroke (the status bar shows the current one).
    const line = `completion failed (${kind}): ${errorMessage(error)}`;
    if (line === this.lastLogged) return;
    this.lastLogged = line;
    this.deps.log.warn(line);
  }

  private followDebounce(debounceMs: number): void {
    if (debounceMs === this.debounceMs) return;
    this.scheduler.dispose();
    this.debounceMs = debounceMs;
    this.scheduler = new RequestScheduler({ debounceMs });
  }
}

/**
 * The server's Retry-After, read by shape: this chunk's copy of ApiError is not the class the client (in the main
 * bundle) threw, so `instanceof` cannot be used across the two.
 */
function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof value === 'number' ? value : undefined;
}
