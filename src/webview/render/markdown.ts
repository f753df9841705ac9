// The markdown parser for model output: CommonMark + GFM tables/strikethrough + linkify, raw HTML off.
// Its output is still sanitised (sanitize.ts) before it touches the DOM: defense in depth.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** Per-render options passed through markdown-it's `env`. */
export interface RenderEnv {
  /** Returns highlighted HTML for a fenced block, or undefined to show it plain. */
  highlight?: (code: string, language: string) => string | undefined;
  /** Filled by markdown-it with link reference definitions. */
  references?: Record<string, unknown>;
}

export const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.linkify.set({ fuzzyEmail: false });

const { unescapeAll } = md.utils;
/** Escapes &, <, > and " for HTML text and attribute values. */
export const { escapeHtml } = md.utils;

/** The language named on a fence's info string ("ts title=x" → "ts"). */
export function fenceLanguage(info: string): string {
  return (unescapeAll(info).trim().split(/\s+/)[0] ?? '').slice(0, 40);
}

md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => {
  const token = tokens[idx]!;
  const language = fenceLanguage(token.info);
  const body = env.highlight?.(token.content, language) ?? escapeHtml(token.content);
  const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
  return `<pre><code${cls}>${body}</code></pre>\n`;
};

// Indented code is marked so only fenced blocks get Apply (and are counted as the host counts them).
md.renderer.rules.code_block = (tokens, idx) => `<pre class="code-indented"><code>${escapeHtml(tokens[idx]!.content)}</code></pre>\n`;

// Remote images are blocked by the CSP anyway; show them as a link labelled with their alt text.
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  if (/^data:image\//i.test(src)) return defaultImage(tokens, idx, options, env, self);
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
  return `<a href="${escapeHtml(src)}" class="md-image-link" title="${escapeHtml(src)}">${escapeHtml(alt)}</a>`;
};

// markdown-it aligns table cells with style="text-align:…", which the webview's CSP blocks: use classes.
md.core.ruler.push('align_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    const match = style && /text-align:(left|right|center)/.exec(style);
    if (!style) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (match) token.attrJoin('class', `md-align-${match[1]}`);
  }
});

export function parse(source: string, env: RenderEnv): Token[] {
  return md.parse(source, env);
}

export function renderTokens(tokens: Token[], env: RenderEnv): string {
  return md.renderer.render(tokens, md.options, env);
}

/** Whole-text render (used by the naive baseline in the benchmark and as the test oracle). */
export function renderMarkdown(source: string, env: RenderEnv = {}): string {
  return md.render(source, env);
}
