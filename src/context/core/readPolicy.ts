// The one policy for every read that may end up in a message: what a purpose may read, what needs the user's
// explicit yes (a VS Code modal dialog from the host, never a button in the webview), and what is refused — each
// with its true reason. The VS Code side (src/context/readGate.ts) gathers the facts; this file decides. Pure.

/**
 * Why a file is read. The user's own actions in VS Code's UI (`attach`: Add to Chat, the paperclip) may reach
 * outside the workspace and may confirm an excluded or secret-shaped file; what the webview names (`drop`) must be
 * in the workspace; implicit reads (`suggestion`, `instructions`, `completion`) never ask, they leave such a file
 * out; the `agent` (a path the model names) must stay in the workspace and asks for excluded or secret files.
 */
export const READ_PURPOSES = ['attach', 'drop', 'suggestion', 'instructions', 'completion', 'agent'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

export type NotRegularKind = 'folder' | 'device' | 'fifo' | 'socket' | 'pseudo' | 'other';

/** The true reason a read is refused or needs a confirmation. */
export type ReadReason =
  | { kind: 'outside-workspace' }
  | { kind: 'link-outside'; target: string }
  | { kind: 'not-a-file' }
  | { kind: 'missing' }
  | { kind: 'unreadable'; errno?: string }
  | { kind: 'not-regular'; what: NotRegularKind }
  | { kind: 'too-large'; bytes?: number; limitChars: number }
  | { kind: 'binary' }
  | { kind: 'ignored'; source: string; pattern: string }
  | { kind: 'never-sent'; source: string; pattern: string }
  | { kind: 'files-exclude' }
  | { kind: 'secret'; pattern: string }
  | { kind: 'declined'; cause: ConfirmReason };

/** The reasons a user may overrule with an explicit yes. */
export type ConfirmReason = Extract<ReadReason, { kind: 'link-outside' | 'ignored' | 'files-exclude' | 'secret' }>;

export type ReadDecision =
  | { verdict: 'allowed' }
  | { verdict: 'confirm'; reason: ConfirmReason; also: ConfirmReason[] }
  | { verdict: 'refused'; reason: ReadReason };

/** What the host found out about a file before reading it. */
export interface ReadFacts {
  /** The path as named lies in a workspace folder. */
  namedInside: boolean;
  /** Its real path (symbolic links resolved) lies in a workspace folder. */
  realInside: boolean;
  /** The real path, when it differs from the named one (shown when a link leads out of the workspace). */
  realPath?: string;
  /** The user named it in their own user-scope settings (inferenceChat.instructionsFiles): their choice. */
  userChosen?: boolean;
  /** Not a regular file (a folder, a device, a FIFO, a /proc file…). */
  notRegular?: NotRegularKind;
  /** Listed in an `.inferencechatignore`: the user never wants it sent. */
  neverSent?: { source: string; pattern: string };
  /** Listed in a `.gitignore` (or .git/info/exclude). */
  ignored?: { source: string; pattern: string };
  filesExclude?: boolean;
  /** The secret-file pattern its name matches. */
  secret?: string;
}

type Rule = 'allow' | 'confirm' | 'refuse';

interface PurposeRules {
  /** Named outside every workspace folder. */
  outside: Rule;
  /** Named inside, but a symbolic link leads out of the workspace. */
  linkOutside: Rule;
  /** .gitignore / files.exclude. */
  excluded: Rule;
  secret: Rule;
}

const RULES: Record<ReadPurpose, PurposeRules> = {
  attach: { outside: 'allow', linkOutside: 'confirm', excluded: 'confirm', secret: 'confirm' },
  drop: { outside: 'refuse', linkOutside: 'confirm', excluded: 'confirm', secret: 'confirm' },
  suggestion: { outside: 'refuse', linkOutside: 'refuse', excluded: 'refuse', secret: 'refuse' },
  // An instructions file is found by its conventional name (AGENTS.md), for exactly this use: a .gitignore that
  // keeps a local AGENTS.md out of git does not make it private from the model. .inferencechatignore does.
  instructions: { outside: 'refuse', linkOutside: 'refuse', excluded: 'allow', secret: 'refuse' },
  completion: { outside: 'refuse', linkOutside: 'refuse', excluded: 'refuse', secret: 'refuse' },
  agent: { outside: 'refuse', linkOutside: 'refuse', excluded: 'confirm', secret: 'confirm' },
};

/** Whether a purpose may read the file, may read it after the user's yes, or may not (and why). */
export function mayRead(purpose: ReadPurpose, facts: ReadFacts): ReadDecision {
  const rules = RULES[purpose];
  // What the user chose in their own settings stays allowed wherever it is (still a regular, bounded text file).
  const outsideRule: Rule = facts.userChosen ? 'allow' : rules.outside;
  const linkRule: Rule = facts.userChosen ? 'allow' : rules.linkOutside;
  if (facts.notRegular) return { verdict: 'refused', reason: { kind: 'not-regular', what: facts.notRegular } };
  if (!facts.namedInside && outsideRule === 'refuse') return { verdict: 'refused', reason: { kind: 'outside-workspace' } };
  if (facts.neverSent && !facts.userChosen) return { verdict: 'refused', reason: { kind: 'never-sent', ...facts.neverSent } };

  const asks: Array<[Rule, ConfirmReason]> = [];
  // A link out of the workspace first: its target is what the user must see (AGENTS.md → ~/.aws/credentials).
  if (facts.namedInside && !facts.realInside) asks.push([linkRule, { kind: 'link-outside', target: facts.realPath ?? '' }]);
  if (facts.secret !== undefined) asks.push([rules.secret, { kind: 'secret', pattern: facts.secret }]);
  if (facts.ignored) asks.push([rules.excluded, { kind: 'ignored', ...facts.ignored }]);
  if (facts.filesExclude) asks.push([rules.excluded, { kind: 'files-exclude' }]);

  const refused = asks.find(([rule]) => rule === 'refuse');
  if (refused) return { verdict: 'refused', reason: refused[1] };
  const confirms = asks.filter(([rule]) => rule === 'confirm').map(([, reason]) => reason);
  if (confirms.length > 0) return { verdict: 'confirm', reason: confirms[0]!, also: confirms.slice(1) };
  return { verdict: 'allowed' };
}
