// Agent mode benchmark: the host's own cost per agent step — streaming the step into the store, recording its tool
// calls, dispatching them (an in-memory toolbox: the tools' own work is not the host's), encoding the results into
// the next request and saving the conversation — over a 50-step turn against the loopback fixture server (its
// agent-loop scenario, a new list_dir call each step). The peer, in the same run: the same 50 request bodies sent by
// the bare client to the same server. The host's cost of a step is its wall time minus the bare request's. The last
// line is the ratio of the last ten steps' cost to the first ten's: flat (about 1) means a long turn stays cheap.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, type ChatRequest } from '../../src/api';
import { ChatController } from '../../src/chat/chatController';
import { ConversationStore } from '../../src/history/conversationStore';
import { nodeStoreFs } from '../../src/history/storeFs';
import { startFixtureServer } from '../fixtures/server';
import { chatTarget } from '../helpers/chatTarget';
import { fakeToolbox } from '../helpers/fakeToolbox';

const STEPS = Number(process.env.BENCH_AGENT_STEPS ?? 50);
const quiet = { debug() {}, info() {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const noHost = { copyText: async () => undefined, insertCode: async () => undefined, openInEditor: async () => undefined, applyCode: async () => undefined, openExternal: async () => undefined, runCommand: async () => undefined, showMarkdown: async () => undefined, showReadOnly: async () => undefined };

export async function runAgentStepsBench(): Promise<number> {
  const server = await startFixtureServer({ apiKey: 'bench-key' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infchat-bench-agent-'));
  try {
    server.setScenario('agent-loop', { vary: true });
    const client = createClient({ baseUrl: server.url, apiKey: 'bench-key', retry: { maxRetries: 0 } });
    const target = chatTarget({ model: 'bench/agent', client }, { override: { contextWindow: 1_000_000 } });
    const store = await ConversationStore.open(dir, nodeStoreFs, quiet, { watch: false });
    const stepStarts: number[] = [];
    let maxSteps = 10;
    const controller = new ChatController({
      store,
      targets: { resolve: async () => target, describe: async () => ({ providerName: 'bench', model: target.model, hasKey: true }) },
      host: noHost,
      post: (m) => {
        if (m.type === 'messageAdded' && m.message.role === 'assistant') stepStarts.push(performance.now());
      },
      log: quiet,
      agent: {
        toolbox: fakeToolbox({ 'a.txt': 'a' }),
        settings: () => ({ autoApplyEdits: false, readWithoutAsking: true, commandTimeoutSeconds: 60, maxSteps, maxTokensPerTurn: 0, maxCostPerTurn: 0 }),
        announceApproval: () => undefined,
        chooseTools: async () => undefined,
      },
    });
    await controller.handle({ type: 'setMode', mode: 'agent' });
    // A warm-up turn (JIT, connections), then the measured one in a new conversation.
    await controller.handle({ type: 'send', text: 'Warm up.' });
    await controller.handle({ type: 'newChat' });
    await controller.handle({ type: 'setMode', mode: 'agent' });
    maxSteps = STEPS;
    stepStarts.length = 0;
    server.requests.length = 0;
    await controller.handle({ type: 'send', text: 'List the folders, one by one.' });
    const ended = performance.now();
    controller.dispose();
    const stepMs = stepStarts.map((start, i) => (stepStarts[i + 1] ?? ended) - start);
    const bodies = server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as ChatRequest & { stream?: boolean });
    if (bodies.length !== STEPS || stepMs.length !== STEPS) throw new Error(`expected ${STEPS} steps, got ${stepMs.length} steps and ${bodies.length} requests`);

    // The peer: each step's request, as the host sent it, by the bare client (the same server answers the same way).
    const bareMs: number[] = [];
    for (const { stream: _stream, ...body } of bodies) {
      const t0 = performance.now();
      for await (const _event of client.streamChat(body)) {
        // consumed, not kept
      }
      bareMs.push(performance.now() - t0);
    }
    const hostMs = stepMs.map((ms, i) => Math.max(0, ms - bareMs[i]!));
    const first = median(hostMs.slice(0, 10));
    const last = median(hostMs.slice(-10));
    const requestKb = (JSON.stringify(bodies.at(-1)).length / 1024).toFixed(1);
    console.log(`\nagent mode: the host's own cost per step over a ${STEPS}-step turn (loopback server, in-memory tools)`);
    console.log(`  step wall time, median: ${median(stepMs).toFixed(2)} ms; the bare client's request alone: ${median(bareMs).toFixed(2)} ms`);
    console.log(`  host cost per step (stream into the store, calls recorded and run, results encoded, saved): median ${median(hostMs).toFixed(2)} ms, p90 ${[...hostMs].sort((a, b) => a - b)[Math.floor(hostMs.length * 0.9)]!.toFixed(2)} ms`);
    console.log(`  steps 1–10: ${first.toFixed(2)} ms; steps ${STEPS - 9}–${STEPS}: ${last.toFixed(2)} ms (the last request carries ${requestKb} kB)`);
    const ratio = first > 0 ? last / first : 1;
    console.log(`agent step host cost, last ten ÷ first ten: ${ratio.toFixed(2)}×`);
    return ratio;
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
