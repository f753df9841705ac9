// Debug aid for the render bench (LONG_CHAT_DEBUG=1 / DEBUG_TASKS=1): runs `body` under a DevTools trace and prints,
// for each main-thread task longer than `overMs` (wall; TRACE_BY_CPU=1: CPU time), what it spent its time in.
import type { CDPSession } from 'playwright-core';

interface Event {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export async function printLongTasks<T>(cdp: CDPSession, body: () => Promise<T>, overMs = 30): Promise<T> {
  const events: Event[] = [];
  const onData = (e: { value: Event[] }) => events.push(...e.value);
  cdp.on('Tracing.dataCollected' as never, onData as never);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', '__metadata', 'devtools.timeline', 'blink', 'v8.execute'] }, transferMode: 'ReportEvents' } as never);
  const result = await body();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected' as never, onData as never);
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const byCpu = !!process.env.TRACE_BY_CPU;
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && ((byCpu ? e.tdur : e.dur) ?? 0) / 1000 > overMs);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = new Map<string, number>();
    for (const e of onMain) {
      if (e === task || e.ts < task.ts || e.ts >= end) continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + ((byCpu ? e.tdur : e.dur) ?? 0) / 1000);
    }
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ');
    console.log(`  task ${((task.dur ?? 0) / 1000).toFixed(0)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU: ${top}`);
  }
  return result;
}
