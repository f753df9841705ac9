// The composer's window meter: "1.2K / 30K" and a thin bar, from the host's estimate of what would be sent
// now (system prompt, the history that fits, the draft). It turns amber when the oldest turns will be left
// out and red when the newest message alone is too long to send.
import type { BudgetView } from '../../protocol';
import { h } from '../dom';
import { l10n } from '../pageL10n';

/** "950", "12.3K", "128K", "1.05M". */
export function compactTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 100_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}K`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}K`;
  return `${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M`;
}

function source(windowSource: BudgetView['windowSource']): string {
  switch (windowSource) {
    case 'server': return l10n.t('the window size the server reports');
    case 'user': return l10n.t('the window size you set in inferenceChat.modelOverrides');
    case 'default': return l10n.t('an assumed window (the server does not say; set contextWindow in inferenceChat.modelOverrides)');
  }
}

export function describeBudget(b: BudgetView): { text: string; title: string; level: 'ok' | 'trim' | 'over' } {
  const n = (x: number): string => x.toLocaleString('en-US');
  const level = !b.fits ? 'over' : b.notSent > 0 ? 'trim' : 'ok';
  const text = `${compactTokens(b.used)} / ${compactTokens(b.limit)}`;
  const lines = [
    l10n.t(
      'About {0} tokens would be sent, of {1} available: a {2}-token window minus {3} kept for the reply ({4}).',
      n(b.used), n(b.limit), n(b.contextWindow), n(b.reserve), source(b.windowSource),
    ),
  ];
  if (level === 'trim') {
    lines.push(b.notSent === 1
      ? l10n.t('1 earlier message will not be sent, so the rest fits.')
      : l10n.t('{0} earlier messages will not be sent, so the rest fits.', b.notSent));
  }
  if (level === 'over') lines.push(l10n.t('The newest message alone is too long for this model: shorten it or pick a model with a larger window.'));
  lines.push(l10n.t('Token counts are estimates (on the high side), corrected by what the server reports.'));
  return { text, title: lines.join('\n'), level };
}

export class ContextMeter {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly fill: HTMLElement;

  constructor() {
    this.label = h('span', { class: 'context-meter-label' });
    this.fill = h('span', { class: 'context-meter-fill' });
    this.element = h('span', { class: 'context-meter', 'data-testid': 'context-meter', role: 'status', hidden: true }, h('span', { class: 'context-meter-bar' }, this.fill), this.label);
  }

  update(budget: BudgetView | undefined): void {
    this.element.hidden = !budget;
    if (!budget) return;
    const { text, title, level } = describeBudget(budget);
    this.label.textContent = text;
    this.element.title = title;
    this.element.setAttribute('aria-label', title);
    this.element.dataset.level = level;
    const ratio = budget.limit > 0 ? Math.min(1, budget.used / budget.limit) : 1;
    this.fill.style.width = `${Math.round(ratio * 100)}%`;
  }
}
