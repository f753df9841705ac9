// The layer rules of eslint.config.mjs are the architecture (CONTRIBUTING.md's map): these tests plant each kind
// of violation into a real source file's text and run the project's own ESLint config on it, so a rule that is
// weakened or switched off fails here instead of letting the next upward import or cycle through unseen.
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = process.cwd();
let eslint: ESLint;

before(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints `file` (relative to the repository) as if `planted` had been appended to it; returns rule → messages. */
async function lintPlanted(file: string, planted: string): Promise<Map<string, string[]>> {
  const text = `${readFileSync(join(root, file), 'utf8')}\n${planted}\n`;
  const [result] = await eslint.lintText(text, { filePath: join(root, file) });
  const byRule = new Map<string, string[]>();
  for (const m of result!.messages) byRule.set(m.ruleId ?? 'fatal', [...(byRule.get(m.ruleId ?? 'fatal') ?? []), m.message]);
  return byRule;
}

test('the file as it is passes (so each planted line is what a rule reports)', async () => {
  for (const file of ['src/common/logger.ts', 'src/chat/toView.ts', 'src/api/http.ts', 'src/webview/store.ts']) {
    assert.deepEqual([...(await lintPlanted(file, '')).keys()], [], file);
  }
});

test('an upward import (common → views) is refused, naming the layer rule', async () => {
  const rules = await lintPlanted('src/common/logger.ts', "export { registerChatView } from '../views/registerChatView';");
  const messages = rules.get('import-x/no-restricted-paths') ?? [];
  assert.equal(messages.length, 1, JSON.stringify([...rules]));
  assert.match(messages[0]!, /\[layer 0: common\] src\/common may import only its own folder/);
});

test('a type-only upward import is refused too (a type from a higher layer is still a dependency on it)', async () => {
  const rules = await lintPlanted('src/api/http.ts', "export type { SidebarChat } from '../views/registerChatView';");
  assert.equal(rules.get('import-x/no-restricted-paths')?.length, 1, JSON.stringify([...rules]));
});

test('an import between two features of one layer (chat → context) is refused', async () => {
  const rules = await lintPlanted('src/chat/toView.ts', "export { ReadGate } from '../context/readGate';");
  assert.equal(rules.get('import-x/no-restricted-paths')?.length, 1, JSON.stringify([...rules]));
});

test('an import cycle between two files is refused', async () => {
  // client.ts imports http.ts; http.ts importing client.ts closes the cycle.
  assert.match(readFileSync(join(root, 'src/api/client.ts'), 'utf8'), /from '\.\/http';/, 'precondition: src/api/client.ts imports ./http');
  const rules = await lintPlanted('src/api/http.ts', "export { createClient } from './client';");
  assert.equal(rules.get('import-x/no-cycle')?.length, 1, JSON.stringify([...rules]));
});

test('pure code (a core/ folder, a pure folder) may not import vscode, not even a type', async () => {
  for (const file of ['src/chat/toView.ts', 'src/context/core/readPolicy.ts']) {
    const rules = await lintPlanted(file, "export type { Uri } from 'vscode';");
    assert.equal(rules.get('@typescript-eslint/no-restricted-imports')?.length, 1, `${file}: ${JSON.stringify([...rules])}`);
  }
});

test('the webview imports no host code, and from the protocol only types', async () => {
  const host = await lintPlanted('src/webview/store.ts', "export { l10n } from '../common/l10n';");
  assert.equal(host.get('import-x/no-restricted-paths')?.length, 1, JSON.stringify([...host]));
  const values = await lintPlanted('src/webview/store.ts', "export { HostToWebview } from '../protocol';");
  assert.equal(values.get('@typescript-eslint/no-restricted-imports')?.length, 1, JSON.stringify([...values]));
});
