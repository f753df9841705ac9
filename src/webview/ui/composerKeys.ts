// What a key press in the composer means. Pure so it can be unit-tested without a browser.

export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** True while an IME composition is active (Enter then confirms the composition, it must not send). */
  isComposing: boolean;
  /** 229 is what some browsers report for keys that belong to an IME composition. */
  keyCode?: number;
}

export type ComposerIntent = 'send' | 'stop' | 'newline' | 'none';

export function composerIntent(event: KeyInfo, busy: boolean): ComposerIntent {
  if (event.isComposing || event.keyCode === 229) return 'none';
  if (event.key === 'Escape') return busy ? 'stop' : 'none';
  if (event.key !== 'Enter') return 'none';
  if (event.shiftKey || event.altKey) return 'newline';
  // Enter while a reply streams keeps the text (the user may still be writing); Send is shown as Stop.
  return busy ? 'none' : 'send';
}
