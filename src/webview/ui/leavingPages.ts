// Switching away from a long conversation: removing its ≈ 40k nodes at once is one task of about 100 ms (the browser
// tears down their layout). Its page is hidden at once instead (one style change; content-visibility: hidden keeps
// its layout untouched and out of view, find in page and the accessibility tree) and taken down in idle slices.
import { IdleSlices } from './lazyMessages';

export class LeavingPages {
  private readonly pages: HTMLElement[] = [];
  private readonly slices = new IdleSlices((timeLeft) => {
    while (this.pages.length > 0 && timeLeft() > 0) {
      const page = this.pages[0]!;
      const last = page.lastElementChild;
      if (last) last.remove();
      else {
        page.remove();
        this.pages.shift();
      }
    }
    return this.pages.length > 0;
  });

  /** Hides `page` now and removes it, a few children per slice. */
  add(page: HTMLElement): void {
    page.classList.add('leaving');
    page.setAttribute('aria-hidden', 'true');
    this.pages.push(page);
    this.slices.start();
  }
}
