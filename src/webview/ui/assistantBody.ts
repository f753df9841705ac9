// The body of an assistant message: a collapsible reasoning block and the markdown answer, both rendered
// incrementally while they stream.
import type { MessageView } from '../../protocol';
import { h, icon } from '../dom';
import { HighlightQueue } from '../render/highlight';
import { IncrementalMarkdown } from '../render/incremental';
import type { Sanitizer } from '../render/sanitize';
import { splitThink } from '../render/think';
import { decorateCodeBlocks, highlightFinalBlock } from './codeBlock';
import { l10n } from '../pageL10n';

export class AssistantBody {
  readonly element: HTMLElement;
  private readonly answer: IncrementalMarkdown;
  private readonly queue: HighlightQueue | undefined;
  private reasoning: { details: HTMLDetailsElement; label: HTMLElement; spinner: HTMLElement; markdown: IncrementalMarkdown } | undefined;
  /** Once the user opened or closed the reasoning block we stop opening/collapsing it for them. */
  private userToggled = false;
  private reasoningStartedAt: number | undefined;
  private reasoningSeconds: number | undefined;

  constructor(
    private readonly sanitizer: Sanitizer,
    highlight: boolean,
  ) {
    this.queue = highlight ? new HighlightQueue(sanitizer) : undefined;
    const content = h('div', { class: 'markdown', 'data-testid': 'message-content' });
    this.element = h('div', { class: 'assistant-body' }, content);
    this.answer = this.markdownIn(content, true);
  }

  update(message: MessageView): void {
    const streaming = message.status === 'streaming';
    const split = splitThink(message.content, streaming);
    const reasoning = [message.reasoning?.trim(), split.reasoning].filter(Boolean).join('\n\n');
    if (reasoning) this.updateReasoning(reasoning, streaming && !split.answer, !streaming);
    this.answer.update(split.answer, !streaming);
  }

  /** The answer without any reasoning (what "Copy message" copies). */
  static answerText(message: MessageView): string {
    return splitThink(message.content).answer;
  }

  private updateReasoning(text: string, thinking: boolean, final: boolean): void {
    const block = (this.reasoning ??= this.createReasoning());
    if (thinking) this.reasoningStartedAt ??= performance.now();
    else if (this.reasoningStartedAt !== undefined && this.reasoningSeconds === undefined) {
      this.reasoningSeconds = Math.max(1, Math.round((performance.now() - this.reasoningStartedAt) / 1000));
    }
    block.label.textContent = thinking
      ? l10n.t('Thinking…')
      : this.reasoningSeconds !== undefined
        ? l10n.t('Thought for {0} s', this.reasoningSeconds)
        : l10n.t('Reasoning');
    block.spinner.hidden = !thinking;
    // Open while only reasoning streams; collapse once the answer starts, unless the user chose otherwise.
    if (!this.userToggled && block.details.open !== thinking) block.details.open = thinking;
    block.markdown.update(text, final);
  }

  private createReasoning() {
    const label = h('span', { class: 'reasoning-label' });
    const spinner = icon('loading');
    spinner.classList.add('codicon-modifier-spin');
    const summary = h('summary', { class: 'reasoning-summary' }, icon('lightbulb'), label, spinner);
    const content = h('div', { class: 'markdown reasoning-content' });
    const details = h('details', { class: 'reasoning', 'data-testid': 'reasoning' }, summary, content);
    summary.addEventListener('click', () => (this.userToggled = true));
    this.element.prepend(details);
    return { details, label, spinner, markdown: this.markdownIn(content) };
  }

  private markdownIn(container: HTMLElement, answer = false): IncrementalMarkdown {
    const queue = this.queue;
    return new IncrementalMarkdown(container, {
      sanitizer: this.sanitizer,
      env: () => (queue ? { highlight: queue.renderGrowing } : {}),
      onBlockInserted: (nodes, _block, isFinal) => decorateCodeBlocks(nodes, isFinal, queue, answer),
      onBlockFinal: (nodes) => highlightFinalBlock(nodes, queue),
    });
  }
}
