// The models a user chose lately, per provider, newest first, kept in VS Code's global state (shared by the
// windows of this machine). The picker shows them on top.

/** The part of vscode.Memento this needs. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'inferenceChat.recentModels';
const MAX_RECENT = 5;

export class RecentModels {
  constructor(private readonly state: StateStore) {}

  list(providerId: string): string[] {
    const all = this.state.get<Record<string, unknown>>(KEY);
    const ids = all && typeof all === 'object' ? all[providerId] : undefined;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_RECENT) : [];
  }

  async add(providerId: string, modelId: string): Promise<void> {
    const all = { ...(this.state.get<Record<string, unknown>>(KEY) ?? {}) };
    all[providerId] = [modelId, ...this.list(providerId).filter((id) => id !== modelId)].slice(0, MAX_RECENT);
    await this.state.update(KEY, all);
  }
}
