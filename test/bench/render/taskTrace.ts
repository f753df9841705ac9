// Records the page's main-thread tasks through the DevTools trace: their CPU time as well as their wall time
// (on a loaded machine a task's wall time includes waiting for a core).
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const TASK_EVENT = 'ThreadControllerImpl::RunTask';

/** Records top-level task events of the page's main thread; `stop()` returns the longest by CPU and wall time. */
export async function startTaskTrace(cdp: CDPSession): Promise<{ stop(): Promise<{ maxCpuMs: number; maxWallMs: number; overCpu50: number }> }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: TraceEvent[] }) => {
    for (const ev of e.value) if (ev.name === TASK_EVENT || ev.name === 'thread_name') events.push(ev);
  };
  cdp.on('Tracing.dataCollected' as never, onData as never);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', '__metadata'], enableSampling: false }, transferMode: 'ReportEvents' } as never);
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected' as never, onData as never);
      const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
      const tasks = events.filter((e) => e.name === TASK_EVENT && e.ph === 'X' && main.includes(`${e.pid}:${e.tid}`));
      const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
      return {
        maxCpuMs: Math.max(0, ...cpu),
        maxWallMs: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
        overCpu50: cpu.filter((c) => c > 50).length,
      };
    },
  };
}
