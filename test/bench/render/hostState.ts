// The host's side of opening a conversation, in Node: building the `state` message with toConversationView,
// zod's check of it against the protocol (HostToWebview), and its JSON size (what postMessage serialises).
import type { Conversation } from '../../../src/history/conversation';
import { HostToWebview } from '../../../src/protocol';
import { toConversationView, toSummary } from '../../../src/chat/toView';

export type StateMessage = Extract<HostToWebview, { type: 'state' }>;

export function stateMessage(conversation: Conversation, all: Conversation[]): StateMessage {
  return {
    type: 'state',
    conversation: toConversationView(conversation),
    conversations: all.map(toSummary),
    target: { providerName: 'Bench', model: 'bench/model', hasKey: true },
    draft: '',
    busy: false,
    mode: 'ask',
  };
}

export interface HostCost {
  buildMs: number;
  checkMs: number;
  jsonBytes: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median over `runs` of building the state and of checking it (after one warm-up run each). */
export function hostCost(conversation: Conversation, all: Conversation[], runs = 9): HostCost {
  const build: number[] = [];
  const check: number[] = [];
  let message = stateMessage(conversation, all);
  if (!HostToWebview.safeParse(message).success) throw new Error('the bench state does not pass the protocol');
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    message = stateMessage(conversation, all);
    const t1 = performance.now();
    HostToWebview.safeParse(message);
    const t2 = performance.now();
    build.push(t1 - t0);
    check.push(t2 - t1);
  }
  return { buildMs: median(build), checkMs: median(check), jsonBytes: Buffer.byteLength(JSON.stringify(message)) };
}
