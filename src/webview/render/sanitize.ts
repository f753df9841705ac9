// DOMPurify with a tight allow-list for rendered markdown. markdown-it already runs with html:false;
// this is the second wall in case a renderer rule or a future option lets markup through.
import createDOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li', 'ol', 'p',
  'pre', 'rt', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'start'];
/** Links may be web, mail or in-page; anything with another scheme loses its href. */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const SAFE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i;

export interface Sanitizer {
  /** Sanitised HTML as a string. */
  toHtml(html: string): string;
  /** Sanitised HTML as nodes owned by the sanitiser's document (no second parse). */
  toFragment(html: string): DocumentFragment;
}

/** Builds a sanitiser bound to a window (the webview's, or a jsdom window in tests). */
export function createSanitizer(win: Window = window): Sanitizer {
  const purify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node;
    if (el.tagName === 'IMG' && !SAFE_IMAGE.test(el.getAttribute('src') ?? '')) el.removeAttribute('src');
    if (el.tagName === 'A' && el.hasAttribute('href')) el.setAttribute('rel', 'noopener noreferrer');
  });
  const config: Config & { RETURN_DOM?: false; RETURN_DOM_FRAGMENT?: false; RETURN_TRUSTED_TYPE: false } = {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'rel'],
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  };
  return {
    toHtml: (html) => purify.sanitize(html, config),
    toFragment: (html) => purify.sanitize(html, { ...config, RETURN_DOM_FRAGMENT: true }),
  };
}
