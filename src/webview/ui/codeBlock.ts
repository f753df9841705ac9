// Wraps each rendered <pre><code> in a code block with a header: language label, Apply (fenced blocks of an
// answer), Copy, Insert at cursor, Open in editor. The buttons carry data-action; the message list handles their
// clicks in one place.
import { h, iconButton } from '../dom';
import { l10n } from '../pageL10n';
import type { HighlightQueue } from '../render/highlight';

/** A fenced block (indented code has the class `code-indented`, see render/markdown.ts). */
const FENCED = 'pre:not(.code-indented) > code';

/**
 * @param applicable true for the answer (not the reasoning): its fenced blocks get an Apply button
 */
export function decorateCodeBlocks(nodes: Node[], isFinal: boolean, queue: HighlightQueue | undefined, applicable = false): void {
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    const pres = node.matches('pre') ? [node] : Array.from(node.querySelectorAll('pre'));
    for (const pre of pres) {
      const code = pre.querySelector('code');
      if (!code) continue;
      const language = /(?:^|\s)language-(\S+)/.exec(code.className)?.[1] ?? '';
      code.dataset.language = language;
      const wrapper = h(
        'div',
        { class: 'code-block', 'data-testid': 'code-block' },
        h(
          'div',
          { class: 'code-header' },
          h('span', { class: 'code-language' }, language || 'text'),
          h(
            'span',
            { class: 'code-actions' },
            applicable && !pre.classList.contains('code-indented')
              ? iconButton({ icon: 'diff', label: l10n.t('Apply: review the change as a diff'), text: l10n.t('Apply'), testId: 'apply-code', action: 'apply-code' })
              : null,
            iconButton({ icon: 'copy', label: l10n.t('Copy code'), testId: 'copy-code', action: 'copy-code' }),
            iconButton({ icon: 'insert', label: l10n.t('Insert at cursor'), testId: 'insert-code', action: 'insert-code' }),
            iconButton({ icon: 'go-to-file', label: l10n.t('Open in new editor'), testId: 'open-code', action: 'open-code' }),
          ),
        ),
      );
      pre.replaceWith(wrapper);
      wrapper.append(pre);
      if (!queue) continue;
      if (isFinal) queue.add(code);
      else queue.addGrowing(code);
    }
  }
}

/** Queues the code blocks of a block that just became final for a full highlight. */
export function highlightFinalBlock(nodes: Node[], queue: HighlightQueue | undefined): void {
  if (!queue) return;
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    for (const code of Array.from(node.querySelectorAll<HTMLElement>('pre > code'))) queue.add(code);
  }
}

/** The code and language of the code block around a clicked button. */
export function codeOf(target: Element): { code: string; language?: string } | undefined {
  const code = target.closest('.code-block')?.querySelector<HTMLElement>('pre > code');
  if (!code) return undefined;
  const language = code.dataset.language;
  return { code: code.textContent ?? '', ...(language ? { language } : {}) };
}

/** Which fenced block of its answer a clicked button belongs to (the host numbers them the same way). */
export function blockIndexOf(target: Element): number | undefined {
  const code = target.closest('.code-block')?.querySelector<HTMLElement>('pre > code');
  const answer = target.closest('[data-testid="message-content"]');
  if (!code || !answer) return undefined;
  const index = Array.from(answer.querySelectorAll(FENCED)).indexOf(code);
  return index === -1 ? undefined : index;
}
