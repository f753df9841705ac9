// An AgentToolbox over an in-memory workspace, for the agent loop's tests without VS Code: the real edit-block
// matching, a checkpoint that keeps originals in memory, commands "run" by a function of the files. Each call that
// changes something asks through `approve` like the real toolbox; what it was asked and what ran is recorded.
import { createHash } from 'node:crypto';
import { applyEditBlocks, parseEditBlocks } from '../../src/agent/core/editBlocks';
import type { AgentToolbox, ApprovalRequest, CheckpointRecord, ToolCallInput, ToolOutcome, ToolRunContext, TurnCheckpoint } from '../../src/chat/agentTools';
import type { ToolDefinition } from '../../src/api/types';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const hash = (text: string): string => createHash('sha256').update(text).digest('hex');
const NAMES = ['read_file', 'list_dir', 'edit_file', 'run_command'];

export interface FakeToolbox extends AgentToolbox {
  files: Map<string, string>;
  asked: ApprovalRequest[];
  ran: string[];
  restrictedReason?: string;
}

/** `command(line, files)`: what a command prints and its exit code (default: "ok", 0). */
export function fakeToolbox(files: Record<string, string>, command: (line: string, files: Map<string, string>) => { output: string; code: number } = () => ({ output: 'ok', code: 0 })): FakeToolbox {
  const originals = new Map<string, Map<string, string | undefined>>();
  let nextId = 0;
  const box: FakeToolbox = {
    files: new Map(Object.entries(files)),
    asked: [],
    ran: [],
    definitions: (lmTools) => [...NAMES, ...lmTools].map((name): ToolDefinition => ({ type: 'function', function: { name, description: name, parameters: { type: 'object', properties: {} } } })),
    restricted: () => box.restrictedReason,
    beginCheckpoint(continuing?: CheckpointRecord): TurnCheckpoint {
      const id = continuing?.id ?? `cp${++nextId}`;
      const saved = originals.get(id) ?? new Map<string, string | undefined>();
      const after = new Map<string, string>();
      let commandsRan = false;
      originals.set(id, saved);
      return {
        before: async (path) => void (saved.has(path) || saved.set(path, box.files.get(path))),
        after: (path, text) => void after.set(path, hash(text)),
        commandRan: () => void (commandsRan = true),
        record: (): CheckpointRecord | undefined =>
          saved.size === 0 ? undefined : { id, files: [...saved].map(([path, text]) => ({ path, created: text === undefined, ...(after.has(path) ? { afterHash: after.get(path)! } : {}) })), ...(commandsRan ? { commandsRan } : {}) },
      };
    },
    async undo(checkpoint) {
      const saved = originals.get(checkpoint.id);
      if (!saved) return { ok: false, message: 'The checkpoint is gone.' };
      let restored = 0;
      let removed = 0;
      for (const [path, text] of saved) {
        if (text === undefined) {
          box.files.delete(path);
          removed++;
        } else {
          box.files.set(path, text);
          restored++;
        }
      }
      return { ok: true, restored, removed };
    },
    async run(call: ToolCallInput, ctx: ToolRunContext): Promise<ToolOutcome> {
      box.ran.push(call.name);
      const path = str(call.arguments.path);
      const ask = async (request: ApprovalRequest): Promise<boolean> => {
        box.asked.push(request);
        return (await ctx.approve(request)) !== 'deny';
      };
      switch (call.name) {
        case 'read_file': {
          const text = box.files.get(path);
          return text === undefined ? { status: 'error', result: `No file ${path}` } : { status: 'done', result: text, summary: path };
        }
        case 'list_dir':
          return { status: 'done', result: [...box.files.keys()].join('\n') };
        case 'edit_file': {
          const text = box.files.get(path) ?? '';
          const parsed = parseEditBlocks(str(call.arguments.edits));
          const edited = applyEditBlocks(text, parsed.blocks);
          if (!edited.ok) return { status: 'error', result: edited.errors.map((e) => e.message).join('\n') };
          if (!(await ask({ kind: 'edit', title: path }))) return { status: 'denied', result: 'The user denied this edit.' };
          await ctx.checkpoint.before(path);
          box.files.set(path, edited.text);
          ctx.checkpoint.after(path, edited.text);
          return { status: 'done', result: `Edited ${path}.`, summary: path };
        }
        case 'run_command': {
          const line = str(call.arguments.command);
          if (!(await ask({ kind: 'command', title: line, detail: '/workspace', allowEntry: line }))) return { status: 'denied', result: 'The user denied this command.' };
          ctx.checkpoint.commandRan();
          const { output, code } = command(line, box.files);
          ctx.progress(output);
          return { status: code === 0 ? 'done' : 'error', result: `exit code ${code}\n${output}`, summary: `exit ${code}`, output };
        }
        default:
          return { status: 'error', result: `Unknown tool ${call.name}. Available: ${NAMES.join(', ')}` };
      }
    },
  };
  return box;
}
