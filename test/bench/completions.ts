// The completion benchmark (issue 18), one run, three parts; every result is a percentile or a ratio against a peer
// measured in the same run, printed beside its target, never asserted:
//   1. the extension's own overhead per suggestion, debounce excluded (completionOverhead.ts);
//   2. a scripted typing session against three strategies: ours, per-keystroke, a fixed 350 ms debounce without
//      cache (completionSession.ts);
//   3. connections opened after a request is ended early, plain HTTP and TLS (completionConnections.ts).
// Parts 1 and 2 drive the real InlineProvider, which imports `vscode`: the stub (test/helpers/completionVscode.ts) is installed
// first and the harness imported after it. BENCH_SKIP_COMPLETIONS=1 leaves this benchmark out.
import * as path from 'node:path';
import { runConnectionBench } from './completionConnections';
import { OVERHEAD_TARGET_MS, runOverheadBench } from './completionOverhead';
import { ServerHandle } from './completionServerHandle';
import { OURS_DEBOUNCE_MS, runTypingSessionBench } from './completionSession';
import { median, ms } from './completionStats';
import { installVscodeStub } from '../helpers/completionVscode';
import { loadBenchText } from './typingScript';

const ROOT = path.resolve(__dirname, '../../..');

export async function runCompletionsBench(): Promise<void> {
  const started = performance.now();
  console.log(`completion bench (Node ${process.version}, its fetch = undici ${process.versions.undici ?? '?'}; loopback only; vscode is a stub)`);
  installVscodeStub();
  const harness = await import('./completionHarness');
  const text = loadBenchText(ROOT);
  await harness.seedSnippets(text.others);

  const server = await ServerHandle.start();
  let overhead: { p50: number };
  let session: Awaited<ReturnType<typeof runTypingSessionBench>>;
  const took: number[] = [];
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    took.push((performance.now() - t0) / 1000);
    return result;
  };
  try {
    overhead = await timed(() => runOverheadBench(harness, server, text));
    session = await timed(() => runTypingSessionBench(harness, server, text));
  } finally {
    server.stop();
  }
  const connections = await timed(() => runConnectionBench());

  const [ours, perKey, fixed] = session;
  const ratio = perKey!.requests / Math.max(1, ours!.requests);
  const oursFirst = median(ours!.pauseFirst);
  const fixedFirst = median(fixed!.pauseFirst);
  const reuseLost = (['http', 'tls'] as const).flatMap((p) =>
    Object.entries(connections[p]).flatMap(([name, r]) => (r.opened > 0 ? [`${p === 'http' ? 'HTTP' : 'TLS'} ${name}: ${r.opened}`] : [])),
  );
  console.log('completion bench summary:');
  console.log(`  own overhead (a)+(b): p50 ${ms(overhead.p50)} (target ≤ ${OVERHEAD_TARGET_MS} ms: ${overhead.p50 <= OVERHEAD_TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(`  requests, per-keystroke ÷ ours (debounce ${OURS_DEBOUNCE_MS} ms + cache): ${ratio.toFixed(1)}× (target ≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'})`);
  console.log(
    `  first suggestion after a pause, median: ours ${ms(oursFirst)} vs ${fixed!.name} ${ms(fixedFirst)} ` +
      `(target not later: ${oursFirst <= fixedFirst ? 'met' : 'NOT met'}; ${ms(Math.abs(fixedFirst - oursFirst))} ${oursFirst <= fixedFirst ? 'earlier' : 'later'})`,
  );
  console.log(
    `  new connections after a request ended early: ${reuseLost.length ? reuseLost.join('; ') : 'none'} ` +
      `(5 early ends per case; ${reuseLost.length ? 'undici closes the connection of a request it gives up, see the table' : 'the connection is kept'})`,
  );
  console.log(`completion bench took ${((performance.now() - started) / 1000).toFixed(1)} s (parts: ${took.map((s) => `${s.toFixed(1)} s`).join(', ')})`);
}
