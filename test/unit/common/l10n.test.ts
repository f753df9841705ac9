import { afterEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { format, l10n, setTranslator } from '../../../src/common/l10n';

const TRANSLATOR = Symbol.for('inferenceChat.l10n.translator');
const shared = globalThis as { [TRANSLATOR]?: unknown };

afterEach(() => {
  delete shared[TRANSLATOR];
});

test('without a translator: the English text with its placeholders filled in', () => {
  assert.equal(l10n.t('{0} of {1} sent', 3, 'ten'), '3 of ten sent');
  assert.equal(format('{0} and {2}', ['a']), 'a and {2}', 'a missing argument stays visible');
});

test("the installed translator is used, also by another copy of the module (a lazily loaded chunk's)", () => {
  setTranslator((message, args) => `de:${format(message, args)}`);
  assert.equal(l10n.t('Hello {0}', 'Ada'), 'de:Hello Ada');
  // Another bundle's copy installs into the same registered symbol; this copy must see it.
  shared[TRANSLATOR] = (message: string) => `fr:${message}`;
  assert.equal(l10n.t('Hello'), 'fr:Hello');
});
