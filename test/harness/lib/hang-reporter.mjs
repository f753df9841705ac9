// A node:test reporter that names what hung. node's --test-timeout bounds each test FILE (every file runs in its
// own process, and the deadline is the file's), and when it passes node reports only the file: this reporter
// follows which test of each file is running (test:dequeue → test:complete) and prints those still running when
// a file fails on its deadline. It also keeps the running tests in $NODE_TESTS_RUNNING_FILE (JSON), so a harness
// that has to kill the whole run can say what was running. Prints nothing else.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

export default async function* hangReporter(source) {
  const runningFile = process.env.NODE_TESTS_RUNNING_FILE;
  /** Per test file: the names of the running tests, by nesting (a suite, then the test inside it). */
  const running = new Map();
  const isFileItself = (data) => data.file !== undefined && resolve(String(data.name)) === resolve(data.file);
  const save = () => {
    if (!runningFile) return;
    const list = [...running].flatMap(([file, stack]) => [`${relative(process.cwd(), file)}: ${stack.filter(Boolean).join(' › ') || '(loading or ending the file)'}`]);
    try { writeFileSync(runningFile, JSON.stringify(list)); } catch { /* a report, not a test */ }
  };
  for await (const event of source) {
    const { type, data } = event;
    if (!data?.file) continue;
    if (type === 'test:dequeue') {
      const stack = running.get(data.file) ?? [];
      if (!isFileItself(data)) stack.splice(data.nesting, Infinity, data.name);
      running.set(data.file, stack);
      save();
    } else if (type === 'test:complete') {
      if (isFileItself(data)) {
        const error = data.details?.error;
        if (error?.failureType === 'testTimeoutFailure' || /timed out/.test(String(error?.message ?? ''))) {
          const stack = (running.get(data.file) ?? []).filter(Boolean);
          yield `\n!!! HUNG: ${relative(process.cwd(), data.file)} did not finish within its deadline (${error?.message ?? 'timed out'}); `
            + `still running: ${stack.length ? stack.join(' › ') : 'no test (the file hung while loading, or kept running after its last test)'}\n\n`;
        }
        running.delete(data.file);
      } else {
        running.get(data.file)?.splice(data.nesting, Infinity);
      }
      save();
    }
  }
}
