// The tool calls of an assistant message (agent mode), one card each, below its text and in order: the tool, its
// arguments in short, its status and summary, its output in a collapsible block, and while it waits the question
// with its buttons (a click reaches MessageList's delegated handler through data-action). A card is rebuilt only
// when its call changed, and its output block is kept, so an open block stays open while the output grows.
// Everything the model or a tool wrote is set as text, never parsed as HTML.
import type { ApprovalKindView, ToolApprovalView, ToolCallView, ToolStatus } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

export class ToolCards {
  readonly element = h('div', { class: 'tool-calls' });
  private readonly cards = new Map<string, ToolCard>();

  update(calls: readonly ToolCallView[]): void {
    const ids = new Set(calls.map((c) => c.id));
    for (const [id, card] of this.cards) {
      if (!ids.has(id)) {
        card.element.remove();
        this.cards.delete(id);
      }
    }
    let previous: Element | null = null;
    for (const call of calls) {
      let card = this.cards.get(call.id);
      if (!card) {
        card = new ToolCard();
        this.cards.set(call.id, card);
      }
      card.update(call);
      const expected: Element | null = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== card.element) this.element.insertBefore(card.element, expected);
      previous = card.element;
    }
    this.element.hidden = calls.length === 0;
  }
}

class ToolCard {
  readonly element = h('div', { class: 'tool-call', 'data-testid': 'tool-call', role: 'group' });
  private readonly head = h('div', { class: 'tool-call-head' });
  private readonly summary = h('div', { class: 'tool-call-summary', 'data-testid': 'tool-summary' });
  private readonly question = h('div', { class: 'tool-call-question', 'data-testid': 'tool-question' });
  private readonly outputText = h('pre', { class: 'tool-call-output-text' });
  private readonly output = h(
    'details',
    { class: 'tool-call-output', 'data-testid': 'tool-output' },
    h('summary', {}, l10n.t('Output')),
    this.outputText,
  );
  private key = '';

  constructor() {
    this.element.append(this.head, this.summary, this.question, this.output);
  }

  update(call: ToolCallView): void {
    const key = JSON.stringify(call);
    if (key === this.key) return;
    this.key = key;
    this.element.dataset.tool = call.name;
    this.element.dataset.status = call.status;
    this.element.dataset.callId = call.id;
    this.element.setAttribute('aria-label', l10n.t('Tool call {0}: {1}', call.name, statusLabel(call.status)));
    const statusIcon = icon(STATUS_ICONS[call.status]);
    if (call.status === 'running') statusIcon.classList.add('codicon-modifier-spin');
    this.head.replaceChildren(
      icon(TOOL_ICONS.get(call.name) ?? 'tools'),
      h('span', { class: 'tool-call-name' }, call.name),
      call.args ? h('code', { class: 'tool-call-args', title: call.args }, call.args) : '',
      h('span', { class: 'tool-call-status', 'data-testid': 'tool-status' }, statusIcon, h('span', {}, statusLabel(call.status))),
    );
    this.summary.textContent = call.summary ?? '';
    this.summary.hidden = !call.summary;
    const asking = call.status === 'awaiting-approval' && call.approval;
    this.question.replaceChildren(...(asking ? questionOf(call.id, call.approval!) : []));
    this.question.hidden = !asking;
    this.outputText.textContent = call.output ?? '';
    this.output.hidden = !call.output;
  }
}

function questionOf(callId: string, approval: ToolApprovalView): Node[] {
  const nodes: Node[] = [
    h('div', { class: 'tool-call-ask' }, QUESTIONS[approval.kind]()),
    h('code', { class: 'tool-call-title', 'data-testid': 'tool-approval-title' }, approval.title),
  ];
  if (approval.detail) nodes.push(h('div', { class: 'tool-call-detail' }, approval.detail));
  const buttons = [decisionButton(callId, 'once', 'tool-approve', 'primary', APPROVE_LABELS[approval.kind]())];
  if (approval.kind === 'command' && approval.allowEntry) {
    buttons.push(decisionButton(callId, 'always', 'tool-always', 'secondary', ...withCode(l10n.t('Always allow {0}', SLOT), approval.allowEntry)));
  }
  buttons.push(decisionButton(callId, 'deny', 'tool-deny', 'secondary', l10n.t('Deny')));
  nodes.push(h('div', { class: 'tool-call-buttons' }, ...buttons));
  return nodes;
}

function decisionButton(callId: string, decision: string, testId: string, style: string, ...label: Array<Node | string>): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: `button ${style}`, 'data-testid': testId, 'data-action': 'tool-decision', 'data-decision': decision, 'data-call-id': callId },
    ...label,
  );
}

/** Marks where a translated sentence takes a code span (a character no translation contains). */
const SLOT = '\u0000';

/** A translated sentence with `code` in a code span where its {0} was. */
function withCode(sentence: string, code: string): Array<Node | string> {
  const at = sentence.indexOf(SLOT);
  if (at === -1) return [sentence, ' ', h('code', {}, code)];
  return [sentence.slice(0, at), h('code', {}, code), sentence.slice(at + SLOT.length)].filter((part) => part !== '');
}

function statusLabel(status: ToolStatus): string {
  switch (status) {
    case 'awaiting-approval':
      return l10n.t('Waiting for your approval');
    case 'running':
      return l10n.t('Running…');
    case 'done':
      return l10n.t('Done');
    case 'denied':
      return l10n.t('Denied');
    case 'error':
      return l10n.t('Failed');
    case 'cancelled':
      return l10n.t('Cancelled');
    case 'interrupted':
      return l10n.t('Interrupted');
  }
}

const STATUS_ICONS: Record<ToolStatus, string> = {
  'awaiting-approval': 'shield',
  running: 'loading',
  done: 'check',
  denied: 'circle-slash',
  error: 'error',
  cancelled: 'debug-stop',
  interrupted: 'debug-disconnect',
};

/** The built-in tools' icons (a VS Code tool gets the generic one). */
const TOOL_ICONS: ReadonlyMap<string, string> = new Map([
  ['read_file', 'file'],
  ['list_dir', 'folder'],
  ['find_files', 'search'],
  ['search_text', 'search'],
  ['get_problems', 'warning'],
  ['edit_file', 'edit'],
  ['create_file', 'new-file'],
  ['run_command', 'terminal'],
]);

const QUESTIONS: Record<ApprovalKindView, () => string> = {
  command: () => l10n.t('Run this command?'),
  edit: () => l10n.t('Apply this edit?'),
  write: () => l10n.t('This file can make code run. Write it?'),
  tool: () => l10n.t('Run this tool?'),
};

const APPROVE_LABELS: Record<ApprovalKindView, () => string> = {
  command: () => l10n.t('Allow once'),
  edit: () => l10n.t('Apply'),
  write: () => l10n.t('Apply'),
  tool: () => l10n.t('Allow'),
};
