// A ChatController end to end without VS Code, for chat tests: a real client over real sockets to the loopback
// fixture server, a real store in a temp folder, a recording `post` (every post checked against the protocol)
// and a fake ChatHost that records what it was asked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '../../src/api';
import { ChatController, type ChatControllerDeps, type ChatHost } from '../../src/chat/chatController';
import type { ContextSource } from '../../src/prompt/contextSource';
import { ConversationStore } from '../../src/history/conversationStore';
import { nodeStoreFs } from '../../src/history/storeFs';
import type { HostToWebview, MessageView } from '../../src/protocol';
import { HostToWebview as HostToWebviewSchema } from '../../src/protocol';
import type { ChatTarget } from '../../src/providers/core/providerService';
import type { FixtureServer } from '../fixtures/server';
import { chatTarget } from './chatTarget';
import { PostLog } from './postLog';
import { recordingLogger } from './logger';

export interface Harness {
  controller: ChatController;
  store: ConversationStore;
  target: ChatTarget;
  posted: HostToWebview[];
  hostCalls: string[];
  logs: string[];
  targetError: { current: Error | undefined };
  /** The first posted message of this type that matches, from the post log's cursor on (see PostLog.next). */
  next<T extends HostToWebview['type']>(type: T, match?: (m: Extract<HostToWebview, { type: T }>) => boolean): Promise<Extract<HostToWebview, { type: T }>>;
  /** From here on: `next` skips what was posted before (see PostLog.mark). */
  mark(): void;
  dir: string;
}

export interface HarnessOptions {
  server: FixtureServer;
  key: string;
  /** Temp folders to remove after the suite. */
  tempDirs: string[];
  /** Fields of the target other than the client (default: the chat controller suite's). */
  target?: Partial<Omit<ChatTarget, 'client'>>;
  model?: Parameters<typeof chatTarget>[1];
  /** The editor side of attachments (a fake). */
  context?: ContextSource;
  /** The credential warning's answer (a stub of the host's modal), the stored keys it looks for, the workspace's prompts. */
  deps?: Pick<ChatControllerDeps, 'confirmCredentials' | 'knownSecrets' | 'workspacePrompts' | 'agent'>;
  /** Sees every post as it is made (after the protocol check): a test that answers what the host shows. */
  onPost?: (message: HostToWebview) => void;
}

/** Every harness made and not yet disposed: `disposeHarnesses` (in afterEach) ends them, also after a failure. */
const live: Array<{ harness: Harness; postLog: PostLog }> = [];

/** Disposes the controllers of every harness made so far (their streams, timers and stores) and their pending waits. */
export function disposeHarnesses(): void {
  for (const { harness, postLog } of live.splice(0)) {
    harness.controller.dispose();
    postLog.dispose();
  }
}

export async function chatHarness(options: HarnessOptions): Promise<Harness> {
  const postLog = new PostLog();
  const harness = await makeHarness(options, postLog);
  live.push({ harness, postLog });
  return harness;
}

async function makeHarness(options: HarnessOptions, postLog: PostLog): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-chat-'));
  options.tempDirs.push(dir);
  const log = recordingLogger();
  const logs = log.lines;
  const store = await ConversationStore.open(dir, nodeStoreFs, log);
  const hostCalls: string[] = [];
  const targetError: { current: Error | undefined } = { current: undefined };
  const client = createClient({ baseUrl: options.server.url, apiKey: options.key, retry: { maxRetries: 0 } });
  const target: ChatTarget = chatTarget(
    { model: 'fixture/model-a', client, sampling: { temperature: 0.3 }, systemPrompt: 'You are terse.', secrets: [options.key], ...options.target },
    options.model,
  );
  const host: ChatHost = {
    copyText: async (t) => void hostCalls.push(`copy:${t}`),
    insertCode: async () => 'There is no open editor to insert the code into.',
    openInEditor: async (code, language) => void hostCalls.push(`editor:${language}:${code}`),
    applyCode: async (request) => void hostCalls.push(`apply:${request.info}:${request.code}:${request.context?.fileName ?? ""}`),
    openExternal: async (href) => void hostCalls.push(`open:${href}`),
    runCommand: async (action) => void hostCalls.push(`command:${action}`),
    showMarkdown: async (name, md) => void hostCalls.push(`markdown:${name}:${md.length}`),
    showReadOnly: async (title, text) => void hostCalls.push(`readOnly:${title}:${text}`),
  };
  const controller = new ChatController({
    store,
    targets: {
      resolve: async () => {
        if (targetError.current) throw targetError.current;
        return target;
      },
      describe: async () => ({ providerName: 'Fixture', model: target.model, hasKey: true }),
    },
    host,
    post: (m) => {
      // Everything the host posts must be valid for the webview.
      assert.equal(HostToWebviewSchema.safeParse(m).success, true, `invalid post ${JSON.stringify(m).slice(0, 200)}`);
      postLog.record(m);
      options.onPost?.(m);
    },
    log,
    deltaIntervalMs: 5,
    ...(options.context ? { context: options.context } : {}),
    ...options.deps,
  });
  return {
    controller,
    store,
    posted: postLog.messages,
    hostCalls,
    logs,
    targetError,
    dir,
    target,
    next: (type, match) => postLog.next(type, match),
    mark: () => postLog.mark(),
  };
}

export function finalOf(posted: HostToWebview[], messageId: string): MessageView {
  const updates = posted.filter((m): m is Extract<HostToWebview, { type: 'messageUpdated' }> => m.type === 'messageUpdated' && m.message.id === messageId);
  const last = updates[updates.length - 1];
  assert.ok(last, 'no messageUpdated for the reply');
  return last.message;
}

export function assistantAdded(posted: HostToWebview[]): MessageView[] {
  return posted
    .filter((m): m is Extract<HostToWebview, { type: 'messageAdded' }> => m.type === 'messageAdded' && m.message.role === 'assistant')
    .map((m) => m.message);
}

export function deltaText(posted: HostToWebview[], messageId: string, field: 'text' | 'reasoning' = 'text'): string {
  return posted
    .filter((m): m is Extract<HostToWebview, { type: 'delta' }> => m.type === 'delta' && m.messageId === messageId)
    .map((m) => m[field] ?? '')
    .join('');
}

