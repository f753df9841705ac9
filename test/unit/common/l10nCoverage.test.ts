// Every user-visible string in src/ goes through l10n.t (test/unit/common/l10nScan.ts says which places count as
// user-visible and lists the reviewed exceptions); and the scan does fail on a planted unlocalised string.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { ALLOWED, MARKED_AT_MODULE_LEVEL, moduleLevelCalls, scanSource, scanTree } from './l10nScan';

test('no user-visible string literal in src/ bypasses l10n.t', () => {
  const findings = scanTree('src');
  const lines = findings.map((f) => `src/${f.file}:${f.line} ${f.sink} ${JSON.stringify(f.text)}`);
  assert.deepEqual(lines, [], `wrap these in l10n.t (src/common/l10n.ts; the webview: src/webview/pageL10n.ts), then npm run l10n:\n${lines.join('\n')}`);
});

test('every allow-list entry still names a string of its file, and says why', () => {
  for (const [file, text, why] of ALLOWED) {
    assert.ok(why.length > 10, `${file}: ${text}: a reason`);
    assert.ok(readFileSync(`src/${file}`, 'utf8').includes(text), `stale allow-list entry: ${file} has no ${JSON.stringify(text)}`);
  }
});

test('no l10n.t runs at module load (before the translator or the webview bundle is there): translate when used', () => {
  const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split(sep).join('/'));
  const found = files
    .filter((f) => !MARKED_AT_MODULE_LEVEL.some(([m]) => m === f))
    .flatMap((f) => moduleLevelCalls(f, readFileSync(`src/${f}`, 'utf8')))
    .map((f) => `src/${f.file}:${f.line} ${f.text}`);
  assert.deepEqual(found, []);
  assert.equal(moduleLevelCalls('x.ts', "const LABEL = l10n.t('Send');\nfunction f() { return l10n.t('Stop'); }").length, 1);
});

const planted: Array<[string, string]> = [
  ['host message', "import * as vscode from 'vscode';\nvoid vscode.window.showWarningMessage('The key is wrong.');"],
  ['message button', "void vscode.window.showErrorMessage(l10n.t('Failed.'), 'Retry');"],
  ['quick pick placeholder', "const pick = vscode.window.createQuickPick();\npick.placeholder = 'Pick a model';"],
  ['input box prompt', "void vscode.window.showInputBox({ prompt: 'Your key', password: true });"],
  ['status bar text with a codicon', 'item.text = `$(sparkle) Model ${name}`;'],
  ['status bar tooltip', "item.tooltip = 'Click to pick a model';"],
  ['AppError message', "throw new AppError('auth', 'no_key', `No API key is set for ${name}.`);"],
  ['Error message', "throw new Error('The conversation was deleted.');"],
  ['concatenation', "item.detail = 'Context: ' + tokens;"],
  ['conditional', "item.description = active ? l10n.t('active') : 'inactive';"],
  ['webview textContent', "el.textContent = 'Thinking…';"],
  ['webview aria-label', "button.setAttribute('aria-label', 'Send');"],
  ['webview props', "const b = h('button', { title: 'Stop generating' });"],
  ['webview child', "const p = h('p', {}, 'No conversations yet');"],
];

for (const [what, source] of planted) {
  test(`the scan fails on a planted unlocalised string: ${what}`, () => {
    const findings = scanSource('webview/planted.ts', source);
    assert.equal(findings.length, 1, JSON.stringify(findings));
  });
}

test('the scan passes the same strings through l10n.t, codicons alone, ids and non-text', () => {
  const fine = [
    "void vscode.window.showWarningMessage(vscode.l10n.t('The key is wrong.'), l10n.t('Retry'));",
    "pick.placeholder = l10n.t('Pick a model');",
    'item.text = `$(sparkle) ${l10n.t(\'Model {0}\', name)}`;',
    "item.text = '$(loading~spin)';",
    "item.tooltip = `${a} · ${b}`;",
    "throw new AppError('auth', 'no_key', l10n.t('No API key is set for {0}.', name));",
    "const b = h('button', { class: 'send', 'data-testid': 'send', title: l10n.t('Send') });",
    "logger.info('chat', 'a log line stays English');",
    "const kind = { label: undefined, id: 'x' };",
  ];
  for (const source of fine) assert.deepEqual(scanSource('webview/fine.ts', source), [], source);
});
