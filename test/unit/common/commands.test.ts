// The command ids in src/common/commands.ts are exactly the ones package.json contributes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHAT_VIEW_ID, COMMANDS } from '../../../src/common/commands';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
};

test('every contributed command has its id in COMMANDS, and nothing else is there', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
});

test('the chat view id matches the contributed view', () => {
  const views = Object.values(manifest.contributes.views).flat().map((v) => v.id);
  assert.ok(views.includes(CHAT_VIEW_ID), `${CHAT_VIEW_ID} in ${views.join(', ')}`);
});
