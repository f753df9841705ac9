// A server that echoes the key into its errors, through everything the user sees: a real ChatController run (the
// webview posts, the saved conversation file, the export Markdown, the log lines) and the native chat's error
// message. Nothing of 8 or more consecutive key characters may reach any of them, wherever the server's text is cut.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiError, createClient } from '../../../src/api';
import { ChatController, type ChatHost } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/history/conversationStore';
import { nodeStoreFs } from '../../../src/history/storeFs';
import { RedactingLogger, type LogSink } from '../../../src/common/logger';
import { languageModelErrorMessage } from '../../../src/lm/core/lmErrors';
import type { HostToWebview } from '../../../src/protocol';
import type { ChatTarget } from '../../../src/providers/core/providerService';
import { chatTarget } from '../../helpers/chatTarget';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server';
import { assertNoKeyFragment, keyFragmentIn } from '../../helpers/keyFragments';
import { KEY_SHAPES } from '../../helpers/keyShapes';
import { recordingLogger } from '../../helpers/logger';

const KEYS = KEY_SHAPES.filter((s) => ['OpenAI project key', 'Groq', 'xAI', 'Prime Intellect', 'GitHub fine-grained PAT (GitHub Models)', 'opaque base64 (URL-encoding changes it)', 'opaque with JSON-special characters'].includes(s.name));

const FORMS = [
  { body: 'json', status: 401 },
  { body: 'json', status: 400 },
  { body: 'text', status: 500 },
  { body: 'stream', status: 200 },
  { body: 'stream-event', status: 200 },
  { body: 'bad-chunk', status: 200 },
];
/** "The server reported an error mid-stream: " comes before a stream error's text, so its 600 cut is 41 earlier. */
const MID_STREAM_PREFIX = 'The server reported an error mid-stream: '.length;
const PLACEMENTS: Array<Record<string, number>> = [
  {},
  { straddle: 120, keep: 0.5 },
  { straddle: 300, keep: 0.5 },
  { straddle: 600, keep: 0.5 },
  { straddle: 600 - MID_STREAM_PREFIX, keep: 0.5 },
  { straddle: 600 - MID_STREAM_PREFIX, keep: 0.9 },
  { straddle: 1000, keep: 0.1 },
  { straddle: 1000, keep: 0.9 },
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function withFixture(fn: (server: FixtureServer) => Promise<void>): Promise<void> {
  const server = await startFixtureServer();
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

test('a ChatController run: no key fragment in the webview posts, the saved conversation, the export or the log', () =>
  withFixture(async (server) => {
    const leaks: string[] = [];
    const check = (text: string, key: string, where: string): void => {
      try {
        assertNoKeyFragment(text, key, 8, where);
      } catch (e) {
        leaks.push((e as Error).message);
      }
    };
    let errorsShown = 0;
    for (const { name, key } of KEYS) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-keyleak-'));
      try {
        const log = recordingLogger();
        const store = await ConversationStore.open(dir, nodeStoreFs, log);
        const posted: HostToWebview[] = [];
        const markdown: string[] = [];
        const host: ChatHost = {
          copyText: async () => undefined,
          insertCode: async () => undefined,
          openInEditor: async () => undefined,
          applyCode: async () => undefined,
          openExternal: async () => undefined,
          runCommand: async () => undefined,
          showMarkdown: async (_name, md) => void markdown.push(md),
          showReadOnly: async () => undefined,
        };
        const target: ChatTarget = chatTarget({
          client: createClient({ baseUrl: server.url, apiKey: key, retry: { maxRetries: 0 } }),
          secrets: [key],
        });
        const controller = new ChatController({
          store,
          targets: { resolve: async () => target, describe: async () => ({ providerName: 'Fixture', model: target.model, hasKey: true }) },
          host,
          post: (m) => void posted.push(m),
          log,
          deltaIntervalMs: 1,
        });
        for (const form of FORMS) {
          for (const placement of PLACEMENTS) {
            server.setScenario('echo-key', { ...form, ...placement });
            const from = posted.length;
            await controller.handle({ type: 'send', text: `question ${form.body} ${JSON.stringify(placement)}` });
            const where = `${name}, ${form.status} ${form.body} ${JSON.stringify(placement)}`;
            const updates = posted.slice(from);
            const failed = updates.some((m) => m.type === 'messageUpdated' && m.message.status === 'error');
            assert.ok(failed, `the reply did not fail (${where})`);
            errorsShown++;
            check(JSON.stringify(updates), key, `webview posts (${where})`);
          }
        }
        await controller.handle({ type: 'exportConversation' });
        assert.equal(markdown.length, 1, 'the conversation was exported');
        controller.dispose();
        await store.flush();
        for (const file of filesUnder(dir)) check(fs.readFileSync(file, 'utf8'), key, `saved file ${path.basename(file)} (${name})`);
        assert.ok(filesUnder(dir).length > 0, 'the conversation was saved');
        check(log.lines.join('\n'), key, `log (${name})`);
        for (const md of markdown) check(md, key, `export Markdown (${name})`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    assert.ok(errorsShown >= KEYS.length * FORMS.length * PLACEMENTS.length);
    assert.equal(leaks.length, 0, `${leaks.length} leaks, e.g.:\n${leaks.slice(0, 8).join('\n')}`);
  }));

test('the native chat error message carries no key fragment', () =>
  withFixture(async (server) => {
    const leaks: string[] = [];
    const sink: LogSink = { debug() {}, info() {}, warn() {}, error() {}, show() {} };
    for (const { name, key } of KEYS) {
      const logger = new RedactingLogger(sink, () => [key]);
      const client = createClient({ baseUrl: server.url, apiKey: key, retry: { maxRetries: 0 } });
      for (const form of FORMS) {
        for (const placement of PLACEMENTS) {
          server.setScenario('echo-key', { ...form, ...placement });
          let error: unknown;
          try {
            for await (const _ of client.streamChat({ model: 'fixture-model', messages: [{ role: 'user', content: 'hi' }] })) void _;
          } catch (err) {
            error = err;
          }
          assert.ok(error instanceof ApiError, 'the request failed');
          const message = languageModelErrorMessage(error, (t) => logger.redact(t));
          const where = `${name}, ${form.status} ${form.body} ${JSON.stringify(placement)}`;
          if (placement.straddle === undefined) assert.ok(message.includes('[redacted]') || keyFragmentIn(message, key), `the server echoed the key (${where})`);
          try {
            assertNoKeyFragment(message, key, 8, `native chat error (${where})`);
          } catch (e) {
            leaks.push((e as Error).message);
          }
        }
      }
    }
    assert.equal(leaks.length, 0, `${leaks.length} leaks, e.g.:\n${leaks.slice(0, 8).join('\n')}`);
  }));
