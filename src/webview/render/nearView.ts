// Calls back once an element comes near the view of its scrolling list (a screen or so ahead), so work that
// only shows (syntax highlighting) is done for what the user sees, not for a whole long conversation at once.
// Without IntersectionObserver (unit tests in jsdom) the callback runs at once.

const AHEAD = '1500px 0px';
const SCROLLER = '.messages';

const observers = new Map<Element | null, IntersectionObserver>();
/** What waits for each observed element (several code blocks of one message wait for that message). */
const waiting = new WeakMap<Element, Array<() => void>>();

function observerFor(root: Element | null): IntersectionObserver {
  let observer = observers.get(root);
  if (!observer) {
    const created = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          created.unobserve(entry.target);
          const callbacks = waiting.get(entry.target) ?? [];
          waiting.delete(entry.target);
          for (const callback of callbacks) callback();
        }
      },
      { root, rootMargin: AHEAD },
    );
    observers.set(root, created);
    observer = created;
  }
  return observer;
}

/** Forgets what waits in this list (its content was replaced): the observer would keep the old elements alive. */
export function stopWatching(list: Element): void {
  observers.get(list)?.disconnect();
  observers.delete(list);
}

/** Runs `callback` once `element` is near the view; one observed element per message keeps the observer's work small. */
export function whenNearView(element: Element, callback: () => void): void {
  if (typeof IntersectionObserver === 'undefined') {
    callback();
    return;
  }
  const callbacks = waiting.get(element);
  if (callbacks) {
    callbacks.push(callback); // already observed, or about to be
    return;
  }
  waiting.set(element, [callback]);
  // A message's blocks are rendered before it is in the list: find the list once this task is done.
  queueMicrotask(() => {
    if (!waiting.has(element)) return;
    if (!element.isConnected) {
      waiting.delete(element); // replaced before it was shown
      return;
    }
    observerFor(element.closest(SCROLLER)).observe(element);
  });
}
