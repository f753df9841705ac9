// Conversations on disk: one JSON file per conversation plus a small state file (which one is active),
// all in the extension's globalStorage folder. Every write is atomic (temp file in the same folder,
// fsync, rename), so a crash leaves the previous version; leftover temp files are removed on load and a
// corrupt file is moved aside (`.corrupt-<ts>`) with a warning instead of breaking the chat.
import * as path from 'node:path';
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/logger';
import * as z from '../common/zodMini';
import type { ConversationSummary } from '../protocol';
import { Conversation, createConversation, isEmpty, toSummary } from './conversation';
import type { StoreFs } from './storeFs';

export const STORE_VERSION = 1;
const FILE_PREFIX = 'conv-';
const STATE_FILE = 'state.json';
const TEMP_SUFFIX = '.tmp';
/** While a reply streams, the conversation is written at most this often (and once more at the end). */
export const SAVE_THROTTLE_MS = 500;

const ConversationFile = z.lazy(() => z.object({ version: z.number().check(z.int()), conversation: Conversation }));
const StateFile = z.lazy(() => z.object({ version: z.number().check(z.int()), activeId: z.optional(z.string()) }));

/** Ids become file names: only accept what newId() produces (plus a safe superset). */
function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,100}$/.test(id);
}

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private activeId = '';
  private readonly dirty = new Set<string>();
  private stateDirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** One write queue per file, so writes of the same file never interleave. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Bumped on every write request; an older write that finishes late must not rename over a newer one. */
  private readonly generation = new Map<string, number>();
  private tempCounter = 0;
  private disposed = false;

  private constructor(
    private readonly dir: string,
    private readonly fs: StoreFs,
    private readonly log: Logger,
    private readonly throttleMs: number,
  ) {}

  /** Loads every conversation in `dir` (created if missing). Never throws for bad files. */
  static async open(dir: string, fs: StoreFs, log: Logger, opts: { throttleMs?: number } = {}): Promise<ConversationStore> {
    const store = new ConversationStore(dir, fs, log, opts.throttleMs ?? SAVE_THROTTLE_MS);
    await store.load();
    return store;
  }

  // ---------- reading ----------

  /** Newest first. Empty conversations other than the active one are left out (nothing to go back to). */
  list(): ConversationSummary[] {
    return [...this.conversations.values()]
      .filter((c) => !isEmpty(c) || c.id === this.activeId || c.draft.length > 0)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(toSummary);
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** The active conversation; creates an empty one when there is none. */
  active(): Conversation {
    const found = this.conversations.get(this.activeId);
    if (found) return found;
    const fresh = createConversation();
    this.conversations.set(fresh.id, fresh);
    this.activeId = fresh.id;
    this.stateDirty = true;
    return fresh;
  }

  // ---------- changing ----------

  add(conversation: Conversation): void {
    this.conversations.set(conversation.id, conversation);
    this.markDirty(conversation.id);
  }

  setActive(id: string): boolean {
    if (!this.conversations.has(id)) return false;
    if (this.activeId !== id) {
      this.activeId = id;
      this.stateDirty = true;
      this.schedule();
    }
    return true;
  }

  /** Marks the conversation changed; it is written within the throttle interval. */
  markDirty(id: string): void {
    this.dirty.add(id);
    this.schedule();
  }

  /** Writes the conversation now (and waits for it). */
  async saveNow(id: string): Promise<void> {
    this.dirty.delete(id);
    await this.writeConversation(id);
  }

  async remove(id: string): Promise<void> {
    this.conversations.delete(id);
    this.dirty.delete(id);
    if (this.activeId === id) {
      const next = [...this.conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0];
      this.activeId = next?.id ?? '';
      this.stateDirty = true;
    }
    if (isSafeId(id)) {
      const file = this.fileOf(id);
      this.bumpGeneration(file); // a queued write of it must not resurrect it
      await this.enqueue(file, async () => {
        await this.fs.unlink(file).catch(() => undefined);
      });
    }
    await this.flush();
  }

  /** Writes everything that changed and waits for all writes in flight. */
  async flush(): Promise<void> {
    this.clearTimer();
    const ids = [...this.dirty];
    this.dirty.clear();
    const writes: Promise<void>[] = ids.map((id) => this.writeConversation(id));
    if (this.stateDirty) {
      this.stateDirty = false;
      writes.push(this.writeFile(path.join(this.dir, STATE_FILE), this.stateJson()));
    }
    await Promise.all(writes);
    await Promise.all([...this.queues.values()]);
  }

  /** Last chance on shutdown: writes what changed synchronously (dispose cannot await). */
  flushSync(): void {
    this.clearTimer();
    for (const id of this.dirty) {
      const conversation = this.conversations.get(id);
      if (!conversation || !isSafeId(id)) continue;
      this.writeSync(this.fileOf(id), this.conversationJson(conversation));
    }
    this.dirty.clear();
    if (this.stateDirty) {
      this.stateDirty = false;
      this.writeSync(path.join(this.dir, STATE_FILE), this.stateJson());
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.flushSync();
    } catch (err) {
      this.log.error(`Could not save the chat history on exit: ${errorMessage(err)}`);
    }
  }

  // ---------- internals ----------

  private async load(): Promise<void> {
    let names: string[];
    try {
      await this.fs.mkdir(this.dir);
      names = await this.fs.readdir(this.dir);
    } catch (err) {
      // The chat still works for this session; saving will report its own errors.
      this.log.error(`Could not open the chat history folder: ${errorMessage(err)}`);
      return;
    }
    for (const name of names) {
      const file = path.join(this.dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        // Left by a crash between write and rename: the real file still has the previous version.
        await this.fs.unlink(file).catch(() => undefined);
        continue;
      }
      if (name.startsWith(FILE_PREFIX) && name.endsWith('.json')) await this.loadConversation(file, name);
    }
    await this.loadState();
  }

  private async loadConversation(file: string, name: string): Promise<void> {
    let text: string;
    try {
      text = await this.fs.readFile(file);
    } catch (err) {
      this.log.warn(`Could not read ${name}: ${errorMessage(err)}`);
      return;
    }
    const parsed = safeJson(text);
    const version = typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    if (typeof version === 'number' && version > STORE_VERSION) {
      // Written by a newer version of the extension: leave it alone rather than "repair" it.
      this.log.warn(`Skipped ${name}: it was saved by a newer version of Inference Chat (format ${version}).`);
      return;
    }
    const result = ConversationFile.safeParse(parsed);
    if (!result.success || result.data.conversation.id !== name.slice(FILE_PREFIX.length, -'.json'.length)) {
      await this.moveAside(file, name);
      return;
    }
    const conversation = result.data.conversation;
    for (const message of conversation.messages) {
      if (message.status === 'streaming') {
        // VS Code closed mid-reply: keep the text, say what happened, offer to retry.
        message.status = 'error';
        message.error = { kind: 'interrupted', message: 'The reply was interrupted when VS Code closed.', actions: ['retry'] };
      }
    }
    this.conversations.set(conversation.id, conversation);
  }

  private async loadState(): Promise<void> {
    const file = path.join(this.dir, STATE_FILE);
    let text: string;
    try {
      text = await this.fs.readFile(file);
    } catch {
      return; // first run
    }
    const result = StateFile.safeParse(safeJson(text));
    if (!result.success) {
      await this.moveAside(file, STATE_FILE);
      return;
    }
    if (result.data.activeId && this.conversations.has(result.data.activeId)) this.activeId = result.data.activeId;
  }

  private async moveAside(file: string, name: string): Promise<void> {
    const aside = `${file}.corrupt-${Date.now()}`;
    this.log.warn(`${name} is damaged and was moved aside to ${path.basename(aside)}; the rest of the chat history is fine.`);
    await this.fs.rename(file, aside).catch((err: unknown) => {
      this.log.warn(`Could not move ${name} aside: ${errorMessage(err)}`);
    });
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${FILE_PREFIX}${id}.json`);
  }

  private conversationJson(conversation: Conversation): string {
    return JSON.stringify({ version: STORE_VERSION, conversation });
  }

  private stateJson(): string {
    return JSON.stringify({ version: STORE_VERSION, activeId: this.activeId || undefined });
  }

  private async writeConversation(id: string): Promise<void> {
    const conversation = this.conversations.get(id);
    if (!conversation || !isSafeId(id)) return;
    // Serialized now: a later change marks it dirty again and is written by the next save.
    await this.writeFile(this.fileOf(id), this.conversationJson(conversation));
  }

  private bumpGeneration(file: string): number {
    const next = (this.generation.get(file) ?? 0) + 1;
    this.generation.set(file, next);
    return next;
  }

  private writeFile(file: string, data: string): Promise<void> {
    const gen = this.bumpGeneration(file);
    return this.enqueue(file, async () => {
      if (this.generation.get(file) !== gen) return; // a newer write of this file is queued: skip this one
      const temp = `${file}.${process.pid}-${++this.tempCounter}${TEMP_SUFFIX}`;
      try {
        await this.fs.writeFileDurable(temp, data);
        if (this.generation.get(file) !== gen) {
          await this.fs.unlink(temp).catch(() => undefined);
          return;
        }
        await this.fs.rename(temp, file);
      } catch (err) {
        await this.fs.unlink(temp).catch(() => undefined);
        this.log.error(`Could not save ${path.basename(file)}: ${errorMessage(err)}`);
      }
    });
  }

  private writeSync(file: string, data: string): void {
    this.bumpGeneration(file); // writes still in flight must not rename over this one
    const temp = `${file}.${process.pid}-${++this.tempCounter}${TEMP_SUFFIX}`;
    this.fs.writeFileDurableSync(temp, data);
    this.fs.renameSync(temp, file);
  }

  private enqueue(file: string, job: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.then(job, job);
    this.queues.set(file, next);
    void next.then(() => {
      if (this.queues.get(file) === next) this.queues.delete(file);
    });
    return next;
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.throttleMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
