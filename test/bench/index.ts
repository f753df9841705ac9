// `npm run bench` entry: the render benchmark first when it has been built (it is someone else's, run as a
// child process), then the store flush, client stream, completion and agent-step benchmarks, then the bundle sizes and the
// activation benchmark, whose ratio line is the last line printed. BENCH_SKIP_RENDER=1 / BENCH_SKIP_STREAM=1 / BENCH_SKIP_STORE=1 /
// BENCH_SKIP_COMPLETIONS=1 / BENCH_SKIP_AGENT=1 leave those parts out.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runActivationBench } from './activation';
import { runAgentStepsBench } from './agentSteps';
import { runClientStreamBench } from './clientStream';
import { runCompletionsBench } from './completions';
import { runStoreFlushBench } from './storeFlush';

async function main(): Promise<void> {
  const render = path.join(__dirname, 'render.js');
  if (fs.existsSync(render) && process.env.BENCH_SKIP_RENDER !== '1') {
    const r = spawnSync(process.execPath, [render], { stdio: 'inherit' });
    if (r.status !== 0) console.error(`render benchmark exited with ${String(r.status)}`);
  }
  if (process.env.BENCH_SKIP_STORE !== '1') await runStoreFlushBench();
  if (process.env.BENCH_SKIP_STREAM !== '1') await runClientStreamBench();
  if (process.env.BENCH_SKIP_COMPLETIONS !== '1') await runCompletionsBench();
  if (process.env.BENCH_SKIP_AGENT !== '1') await runAgentStepsBench();
  runActivationBench();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
