// Stops a process and everything it started, also the processes that went into a group of their own (code-server
// is started detached): the tree is read from /proc (Linux, where the harness runs), children first.
import { readFileSync } from 'node:fs';

/** The pids below `pid`, deepest last. */
function descendants(pid) {
  const out = [];
  const visit = (p) => {
    let tasks = [];
    try { tasks = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { /* gone */ }
    for (const child of tasks) { out.push(child); visit(child); }
  };
  visit(pid);
  return out;
}

const signal = (pids, sig) => { for (const p of pids) { try { process.kill(p, sig); } catch { /* already gone */ } } };

/** Running (a zombie has ended: only its parent has not read its exit status yet). */
function alive(pid) {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

/** SIGTERM to `pid` and its whole tree; SIGKILL to whatever is still running after `graceMs`. */
export async function killTree(pid, graceMs = 5_000) {
  const tree = [pid, ...descendants(pid)];
  signal([...tree].reverse(), 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50)); // poll interval
  signal([...tree, ...descendants(pid)].filter(alive).reverse(), 'SIGKILL');
}
