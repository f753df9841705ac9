// Trusting a folder in code-server's browser (test/harness/lib/workspace-trust.mjs): the stored value VS Code reads
// (`content.trust.model.key`, as VS Code 1.139 writes it when the user clicks Trust), and the script that writes it.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Script } from 'node:vm';
import { TRUST_STORAGE, trustFoldersScript, withTrustedFolders } from '../../harness/lib/workspace-trust.mjs';

interface TrustState { uriTrustInfo: Array<{ uri: Record<string, unknown>; trusted: boolean }>; [k: string]: unknown }
const parse = (s: string): TrustState => JSON.parse(s) as TrustState;

describe('workspace trust in the browser', () => {
  test('nothing stored yet: the folders become trusted remote URIs of this page\'s host', () => {
    assert.deepEqual(parse(withTrustedFolders(undefined, '127.0.0.1:8765', ['/work/repo'])), {
      uriTrustInfo: [{ uri: { scheme: 'vscode-remote', authority: '127.0.0.1:8765', path: '/work/repo' }, trusted: true }],
    });
  });

  test('what the user trusted (VS Code\'s own form, with $mid and external) stays; a folder already there is not added twice', () => {
    const mine = { uri: { $mid: 1, external: 'vscode-remote://127.0.0.1:8765/home/me/p', path: '/home/me/p', scheme: 'vscode-remote', authority: '127.0.0.1:8765' }, trusted: true };
    const stored = JSON.stringify({ uriTrustInfo: [mine], other: 1 });
    const once = withTrustedFolders(stored, '127.0.0.1:8765', ['/work/repo']);
    assert.deepEqual(parse(once).uriTrustInfo, [mine, { uri: { scheme: 'vscode-remote', authority: '127.0.0.1:8765', path: '/work/repo' }, trusted: true }]);
    assert.equal(parse(once).other, 1);
    assert.equal(withTrustedFolders(once, '127.0.0.1:8765', ['/work/repo', '/home/me/p']), once);
  });

  test('another host name is another authority (VS Code trusts per host:port); garbage stored is replaced', () => {
    const r = parse(withTrustedFolders('not json', 'localhost:8765', ['/work/repo']));
    assert.deepEqual(r.uriTrustInfo.map((e) => e.uri.authority), ['localhost:8765']);
    assert.deepEqual(parse(withTrustedFolders('[1]', 'localhost:8765', [])).uriTrustInfo, []);
  });

  test('the page script names VS Code\'s store and the folders, and is one expression', () => {
    assert.deepEqual(TRUST_STORAGE, { database: 'vscode-web-state-db-global-shared', store: 'ItemTable', key: 'content.trust.model.key' });
    const script = trustFoldersScript(['/tmp/a</script>b']);
    assert.ok(script.includes('vscode-web-state-db-global-shared') && script.includes('content.trust.model.key'));
    assert.ok(!script.includes('</script>'), 'a folder name cannot end the inline script');
    // Compiles as an expression (the page appends .finally(...) to it); not run here.
    assert.doesNotThrow(() => new Script(`(${script}).finally(() => undefined);`));
  });
});
