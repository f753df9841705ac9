// Client benchmark: the same long loopback stream consumed by our client (zod validation on) and by the
// official openai SDK, alternating rounds. The server runs in a child process, so the CPU measured here is
// the client's alone. The speedup is by CPU time per chunk: the median of per-round ratios (SDK µs ÷ ours). CPU
// time is what the client itself spends, so it stays meaningful when other processes compete for the cores
// (wall-clock chunks/s is printed too, with its own median ratio).
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { createClient } from '../../src/api';

interface Round {
  chunksPerSec: number;
  cpuUsPerChunk: number;
}

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 60000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function measure(run: () => Promise<number>): Promise<Round> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const chunks = await run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (chunks <= 0) throw new Error('no chunks received');
  return { chunksPerSec: CHUNKS / seconds, cpuUsPerChunk: (cpu.user + cpu.system) / CHUNKS };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function runClientStreamBench(): Promise<number> {
  const child = fork(path.join(__dirname, 'streamServer.js'), [], { env: { ...process.env, BENCH_CHUNKS: String(CHUNKS) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port, bytes } = await new Promise<{ port: number; bytes: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; bytes: number }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited (${String(code)})`)));
  });
  const baseURL = `http://127.0.0.1:${port}/v1`;
  const request = { model: 'bench/model', messages: [{ role: 'user' as const, content: 'go' }] };

  const ours = createClient({ baseUrl: baseURL, apiKey: 'bench-key' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: OpenAI } = require('openai') as typeof import('openai');
  const sdk = new OpenAI({ baseURL, apiKey: 'bench-key', maxRetries: 0 });

  const runOurs = async (): Promise<number> => {
    let n = 0;
    let chars = 0;
    for await (const ev of ours.streamChat(request)) {
      n++;
      if (ev.type === 'text') chars += ev.text.length;
    }
    return chars > 0 ? n : 0;
  };
  const runSdk = async (): Promise<number> => {
    let n = 0;
    let chars = 0;
    const stream = await sdk.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) {
      n++;
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) chars += delta.content.length;
    }
    return chars > 0 ? n : 0;
  };

  console.log('speedup = median over rounds of (openai SDK CPU µs per chunk ÷ inference-chat CPU µs per chunk), validation on');
  console.log(`client stream bench: ${CHUNKS} chunks (${(bytes / 1e6).toFixed(1)} MB) per round, ${ROUNDS} rounds each, server in a child process`);
  await runOurs(); // warm-up both (JIT, connection pools)
  await runSdk();
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const oursRounds: Round[] = [];
  const sdkRounds: Round[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const a = await measure(runOurs);
    const b = await measure(runSdk);
    oursRounds.push(a);
    sdkRounds.push(b);
    ratios.push(a.chunksPerSec / b.chunksPerSec);
    cpuRatios.push(b.cpuUsPerChunk / a.cpuUsPerChunk);
    console.log(
      `round ${r}: inference-chat ${Math.round(a.chunksPerSec).toLocaleString('en-US')} chunks/s, ${a.cpuUsPerChunk.toFixed(2)} µs CPU/chunk | ` +
        `openai SDK ${Math.round(b.chunksPerSec).toLocaleString('en-US')} chunks/s, ${b.cpuUsPerChunk.toFixed(2)} µs CPU/chunk | ratios: throughput ${(a.chunksPerSec / b.chunksPerSec).toFixed(2)}, CPU ${(b.cpuUsPerChunk / a.cpuUsPerChunk).toFixed(2)}`,
    );
  }
  child.disconnect();
  const oursCpu = median(oursRounds.map((r) => r.cpuUsPerChunk));
  const sdkCpu = median(sdkRounds.map((r) => r.cpuUsPerChunk));
  console.log(`median CPU per chunk: inference-chat ${oursCpu.toFixed(2)} µs, openai SDK ${sdkCpu.toFixed(2)} µs`);
  console.log(`median throughput ratio (chunks/s, ours ÷ SDK): ${median(ratios).toFixed(2)}×`);
  const speedup = median(cpuRatios);
  console.log(`stream speedup vs openai SDK: ${speedup.toFixed(2)}×`);
  return speedup;
}
