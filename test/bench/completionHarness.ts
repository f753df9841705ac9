// The completion strategies the benchmark drives, built from the extension's own code: "ours" is the real
// InlineProvider (read gate check, DocumentContext, SuggestionCache, RequestScheduler, requestSuggestion,
// cleanSuggestion) with a real CompletionTargets and the real API client; the baselines use the same context, client
// and post-processing with only the policy changed (a RequestScheduler with their debounce, no cache). Imports
// `vscode`: load this module only after installVscodeStub() (completions.ts imports it dynamically).
import type * as vscode from 'vscode';
import { createClient } from '../../src/api';
import type { OpenAICompatibleClient } from '../../src/api/types';
import type { Logger } from '../../src/common/logger';
import type { ReadGate } from '../../src/context/readGate';
import { cleanSuggestion } from '../../src/completions/core/cleanSuggestion';
import { CompletionHealth } from '../../src/completions/core/completionHealth';
import { RequestScheduler } from '../../src/completions/core/requestScheduler';
import { DocumentContext } from '../../src/completions/documentContext';
import { InlineProvider } from '../../src/completions/inlineProvider';
import { requestSuggestion } from '../../src/completions/requestSuggestion';
import { settingsWith, targetsFor } from '../helpers/completionTargets';
import { BenchDocument, type CancellationTokenSource, onDidChangeTextDocument, Position, Range } from '../helpers/completionVscode';

/** A model id of the Qwen2.5-Coder family: `endpoint: completions` renders its FIM template. */
export { FIM_MODEL as BENCH_MODEL } from '../helpers/completionTargets';

export type Token = CancellationTokenSource['token'];
/** One keystroke's suggestion (undefined: none shown), as the editor would get it. */
export type Suggest = (document: BenchDocument, token: Token) => Promise<string | undefined>;

export interface Strategy {
  suggest: Suggest;
  /** Failures other than aborts (logged by the provider, caught for the baselines): must stay 0. */
  errors(): number;
  dispose(): void;
}

let fetchSeq = 0;

/**
 * The API client over the process's own fetch (undici, as in the extension host), wrapped only to tag each request
 * with a sequence number and the strategy (headers the server reports back), and to tell `onFetch` when it is sent.
 */
function benchClient(baseUrl: string, strategy: string, onFetch: (seq: number) => void): OpenAICompatibleClient {
  const tagged: typeof fetch = (input, init) => {
    // Only completion requests: the target's one-time GET /props probe is not a suggestion.
    if (!String(input instanceof Request ? input.url : input).endsWith('/completions')) return fetch(input, init);
    const seq = ++fetchSeq;
    onFetch(seq);
    const headers = { ...(init?.headers as Record<string, string>), 'x-bench-seq': String(seq), 'x-bench-strategy': strategy };
    return fetch(input, { ...init, headers });
  };
  return createClient({ baseUrl, fetch: tagged });
}

let sharedContext: DocumentContext | undefined;

/** One DocumentContext for all strategies (as one extension host has), with an allowing read gate. */
function documentContext(): DocumentContext {
  const gate: Pick<ReadGate, 'mayRead'> = { mayRead: async () => ({ decision: { verdict: 'allowed' } }) };
  return (sharedContext ??= new DocumentContext(gate));
}

/** Notes other files of the workspace in the snippet ring (as edits in them would), so requests carry snippets. */
export async function seedSnippets(files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
  documentContext();
  for (const file of files) {
    const other = new BenchDocument(file.path, file.text, 0);
    const middle = new Position(Math.floor(other.lineCount / 2), 0);
    onDidChangeTextDocument.fire({ document: other, contentChanges: [{ range: new Range(middle, middle), text: '' }] });
  }
  await new Promise((resolve) => setImmediate(resolve));
}

const quietLog = (errors: { n: number }): Logger => ({
  debug: () => undefined,
  info: () => undefined,
  warn: () => void errors.n++,
  error: () => void errors.n++,
});

/** Ours: the real InlineProvider. */
export function ours(baseUrl: string, debounceMs: number, onFetch: (seq: number) => void): Strategy {
  const settings = settingsWith(debounceMs);
  const errors = { n: 0 };
  const provider = new InlineProvider({
    settings: () => settings,
    targets: targetsFor(benchClient(baseUrl, 'ours', onFetch), baseUrl, settings),
    context: documentContext(),
    health: new CompletionHealth(() => undefined),
    activeFor: () => true,
    log: quietLog(errors),
  });
  const context = { triggerKind: 1, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
  return {
    suggest: async (document, token) => {
      const items = await provider.provideInlineCompletionItems(
        document as unknown as vscode.TextDocument,
        document.position as unknown as vscode.Position,
        context,
        token as unknown as vscode.CancellationToken,
      );
      const text = items?.[0]?.insertText;
      return typeof text === 'string' ? text : undefined;
    },
    errors: () => errors.n,
    dispose: () => provider.dispose(),
  };
}

/** A baseline: the same context, client and post-processing; a request after `debounceMs` (0: every keystroke), no cache. */
export function baseline(name: string, baseUrl: string, debounceMs: number, onFetch: (seq: number) => void): Strategy {
  const settings = settingsWith(debounceMs);
  const targets = targetsFor(benchClient(baseUrl, name, onFetch), baseUrl, settings);
  const scheduler = new RequestScheduler({ debounceMs });
  let errors = 0;
  return {
    suggest: async (document, token) => {
      const position = document.position as unknown as vscode.Position;
      const input = documentContext().input(document as unknown as vscode.TextDocument, position);
      const lines = document.lineAt(position.line).text.slice(position.character).trim() ? 'single' : 'multi';
      const cancelled = new AbortController();
      const sub = token.onCancellationRequested(() => cancelled.abort());
      try {
        return await scheduler.schedule(async (signal) => {
          const target = await targets.current();
          const raw = await requestSuggestion(target, { input, lines, maxTokens: settings.maxTokens, signal });
          if (!raw) return undefined;
          return cleanSuggestion({ suggestion: raw.text, prefix: input.prefix, suffix: input.suffix, lines, ...(target.family ? { family: target.family } : {}) });
        }, cancelled.signal);
      } catch {
        errors++;
        return undefined;
      } finally {
        sub.dispose();
      }
    },
    errors: () => errors,
    dispose: () => scheduler.dispose(),
  };
}
