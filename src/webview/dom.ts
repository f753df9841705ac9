// Tiny DOM helpers: elements from code, never from HTML strings (model text only reaches the DOM sanitised).

type Props = Record<string, string | number | boolean | undefined> & { class?: string };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

export interface IconButtonOptions {
  icon: string;
  label: string;
  testId?: string;
  /** Visible text next to the icon. */
  text?: string;
  className?: string;
  onClick?: (event: MouseEvent) => void;
  /** For delegated handlers. */
  action?: string;
}

/** A button with a codicon; always labelled for screen readers and hover. */
export function iconButton(options: IconButtonOptions): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: `icon-button${options.text ? ' with-text' : ''}${options.className ? ` ${options.className}` : ''}`,
      title: options.label,
      'aria-label': options.label,
      'data-testid': options.testId,
      'data-action': options.action,
    },
    icon(options.icon),
    options.text ? h('span', { class: 'label' }, options.text) : null,
  );
  if (options.onClick) button.addEventListener('click', options.onClick);
  return button;
}

export function formatTime(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
