// The real InlineProvider (over the `vscode` stub, the real client and a loopback fixture server) when VS Code's calls
// overtake each other: a call VS Code cancelled while it waited for the read gate must not abort the newer call, or
// the last keystroke gets no suggestion at all (seen as "no request for the last keystroke" in the e2e flow). And the
// gate itself: keystrokes while it is asked share its one answer, so their calls resume in their order.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { createClient } from '../../../src/api';
import type { ReadGate } from '../../../src/context/readGate';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { BenchDocument, CancellationTokenSource, installVscodeStub } from '../../helpers/completionVscode';

installVscodeStub();

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
  server.setCompletion('Math.PI * r * r;');
});
after(() => server.close());

/** A read gate whose answers the test releases one by one, in any order: `waiting` holds one release per check. */
function heldGate(): { gate: Pick<ReadGate, 'mayRead'>; waiting: Array<() => void> } {
  const waiting: Array<() => void> = [];
  const gate: Pick<ReadGate, 'mayRead'> = {
    mayRead: () => new Promise((resolve) => waiting.push(() => resolve({ decision: { verdict: 'allowed' } }))),
  };
  return { gate, waiting };
}

/**
 * The provider over a real DocumentContext; with `heldCalls`, each call's "may this file be completed" answer is held
 * until the test releases it (in any order), as a slow read gate would for a call whose check it started.
 */
async function providerWith(gate: Pick<ReadGate, 'mayRead'>, heldCalls?: Array<() => void>) {
  // Loaded after the stub: these modules import `vscode`.
  const [{ InlineProvider }, { DocumentContext }, { CompletionHealth }, { settingsWith, targetsFor }] = await Promise.all([
    import('../../../src/completions/inlineProvider'),
    import('../../../src/completions/documentContext'),
    import('../../../src/completions/core/completionHealth'),
    import('../../helpers/completionTargets'),
  ]);
  // A debounce far longer than the steps below take: the older call is still waiting it out when it is cancelled.
  const settings = settingsWith(300);
  const warnings: string[] = [];
  const real = new DocumentContext(gate);
  const context = heldCalls
    ? Object.assign(Object.create(real) as typeof real, {
      mayComplete: () => new Promise<boolean>((resolve) => heldCalls.push(() => resolve(true))),
    })
    : real;
  const provider = new InlineProvider({
    settings: () => settings,
    targets: targetsFor(createClient({ baseUrl: server.url }), server.url, settings),
    context,
    health: new CompletionHealth(() => undefined),
    activeFor: () => true,
    log: { debug: () => undefined, info: () => undefined, warn: (l) => void warnings.push(l), error: (l) => void warnings.push(l) },
  });
  const ask = async (document: BenchDocument, token: CancellationTokenSource['token']): Promise<string | undefined> => {
    const items = await provider.provideInlineCompletionItems(
      document as unknown as vscode.TextDocument,
      document.position as unknown as vscode.Position,
      { triggerKind: 1, selectedCompletionInfo: undefined },
      token as unknown as vscode.CancellationToken,
    );
    const text = items?.[0]?.insertText;
    return typeof text === 'string' ? text : undefined;
  };
  return { provider, ask, warnings };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const posted = () => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/completions'));
const promptOf = (r: { body: unknown }) => (r.body as { prompt: string }).prompt;

test('the newer call is let through first: the cancelled older call sends nothing and the newer one gets its suggestion', async () => {
  server.requests.length = 0;
  const waiting: Array<() => void> = [];
  const { provider, ask, warnings } = await providerWith(heldGate().gate, waiting);
  try {
    const text = 'export function area(r: number): number {\n  retur\n}\n';
    const document = new BenchDocument('src/area.ts', text, text.indexOf('retur') + 5);
    const older = new CancellationTokenSource();
    const first = ask(document, older.token);
    await settle();
    // The next keystroke: VS Code cancels the call it made for "retur" and asks for "return".
    document.type('n');
    older.cancel();
    const newer = new CancellationTokenSource();
    const second = ask(document, newer.token);
    await settle();
    assert.equal(waiting.length, 2, 'both calls wait to be let through');
    waiting[1]!();
    await settle();
    waiting[0]!();
    assert.equal(await first, undefined, 'the cancelled call shows nothing');
    assert.equal(await second, 'Math.PI * r * r;', 'the last keystroke gets its suggestion');
    assert.equal(posted().length, 1, 'one request: none for the cancelled call');
    assert.match(promptOf(posted()[0]!), /\n {2}return<\|fim_suffix\|>/);
    assert.deepEqual(warnings, []);
  } finally {
    provider.dispose();
  }
});

test('in order: the older call, cancelled by the next keystroke, leaves the newer call alone', async () => {
  server.requests.length = 0;
  const { gate, waiting } = heldGate();
  const { provider, ask } = await providerWith(gate);
  try {
    const text = 'export function volume(r: number): number {\n  retur\n}\n';
    const document = new BenchDocument('src/volume.ts', text, text.indexOf('retur') + 5);
    const older = new CancellationTokenSource();
    const first = ask(document, older.token);
    await settle();
    waiting[0]!();
    await settle();
    document.type('n');
    older.cancel();
    const second = ask(document, new CancellationTokenSource().token);
    assert.equal(await first, undefined);
    assert.equal(await second, 'Math.PI * r * r;');
    assert.equal(posted().length, 1, 'the older call was aborted in its debounce, before it was sent');
    assert.match(promptOf(posted()[0]!), /\n {2}return<\|fim_suffix\|>/);
  } finally {
    provider.dispose();
  }
});

test('keystrokes while the read gate is asked share its one check and resume in their order', async () => {
  const { gate, waiting } = heldGate();
  const { DocumentContext } = await import('../../../src/completions/documentContext');
  const context = new DocumentContext(gate);
  try {
    const document = new BenchDocument('src/shared.ts', 'let x = 1;\n', 0) as unknown as vscode.TextDocument;
    const order: string[] = [];
    const first = context.mayComplete(document).then((ok) => order.push(`first ${ok}`));
    const second = context.mayComplete(document).then((ok) => order.push(`second ${ok}`));
    await settle();
    assert.equal(waiting.length, 1, 'one check for both');
    waiting[0]!();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first true', 'second true']);
    assert.equal(await context.mayComplete(document), true);
    assert.equal(waiting.length, 1, 'the answer is kept: no new check right after');
  } finally {
    context.dispose();
  }
});
