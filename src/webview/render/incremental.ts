// Applies BlockSplitter updates to the DOM: final blocks are inserted once and never touched again; a block
// that is still growing is replaced only when its HTML actually changed. Callers batch updates per frame.
import { BlockSplitter, type BlockHtml } from './blocks';
import type { RenderEnv } from './markdown';
import type { Sanitizer } from './sanitize';

export interface IncrementalOptions {
  sanitizer: Sanitizer;
  /** markdown-it env per render (e.g. the highlighter for a growing code block). */
  env?: () => RenderEnv;
  /** Called with the top-level nodes of each block right after they were inserted (decorate code blocks…). */
  onBlockInserted?: (nodes: Node[], block: BlockHtml, isFinal: boolean) => void;
  /** Called when a block that was inserted while still growing becomes final without changing. */
  onBlockFinal?: (nodes: Node[]) => void;
}

interface Entry extends BlockHtml {
  nodes: Node[];
  isFinal: boolean;
}

export class IncrementalMarkdown {
  private readonly splitter: BlockSplitter;
  /** The rendered blocks that may still change, in document order, after the final ones. */
  private tail: Entry[] = [];
  private lastText: string | undefined;
  private lastFinal = false;

  constructor(
    readonly container: HTMLElement,
    private readonly options: IncrementalOptions,
  ) {
    this.splitter = new BlockSplitter(options.env);
  }

  /** Renders `text` (the whole text so far). `final` once the text is complete. */
  update(text: string, final = false): void {
    if (text === this.lastText && final === this.lastFinal) return;
    this.lastText = text;
    this.lastFinal = final;
    const update = this.splitter.update(text, final);
    if (update.reset) {
      this.container.replaceChildren();
      this.tail = [];
    }
    let blocks = [...update.stable, ...update.tail];
    let stableCount = update.stable.length;
    if (this.tail.length === 0 && stableCount > 1) {
      // Nothing rendered may change, and several blocks are final at once (a message shown complete, when a
      // conversation opens): one sanitiser pass for all of them, appended after what is there.
      this.appendFinal(update.stable);
      blocks = update.tail;
      stableCount = 0;
    }
    const next: Entry[] = [];
    blocks.forEach((block, i) => {
      const old = this.tail[i];
      const isFinal = final || i < stableCount;
      if (old && old.html === block.html && old.openFence === block.openFence) {
        if (isFinal && !old.isFinal) {
          old.isFinal = true;
          this.options.onBlockFinal?.(old.nodes);
        }
        next.push(old);
        return;
      }
      const fragment = this.options.sanitizer.toFragment(block.html);
      const anchor = this.firstNodeFrom(i);
      const before = anchor ? anchor.previousSibling : this.container.lastChild;
      this.container.insertBefore(fragment, anchor);
      // The hook may wrap nodes (code blocks), so collect the block's nodes after it ran.
      this.options.onBlockInserted?.(this.between(before, anchor), block, isFinal);
      const nodes = this.between(before, anchor);
      if (old) for (const n of old.nodes) n.parentNode?.removeChild(n);
      next.push({ ...block, nodes, isFinal });
    });
    for (const stale of this.tail.slice(blocks.length)) for (const n of stale.nodes) n.parentNode?.removeChild(n);
    this.tail = next.slice(stableCount);
  }

  private appendFinal(blocks: BlockHtml[]): void {
    const html = blocks.map((b) => b.html).join('');
    const before = this.container.lastChild;
    this.container.append(this.options.sanitizer.toFragment(html));
    this.options.onBlockInserted?.(this.between(before, null), { html, openFence: false }, true);
  }

  /** Nodes of the still-changing blocks (e.g. to find the code block that is growing). */
  tailNodes(): Node[] {
    return this.tail.flatMap((e) => e.nodes);
  }

  private between(before: Node | null, end: Node | null): Node[] {
    const nodes: Node[] = [];
    for (let n = before ? before.nextSibling : this.container.firstChild; n && n !== end; n = n.nextSibling) nodes.push(n);
    return nodes;
  }

  private firstNodeFrom(index: number): Node | null {
    for (let i = index; i < this.tail.length; i++) {
      const node = this.tail[i]!.nodes[0];
      if (node && node.parentNode === this.container) return node;
    }
    return null;
  }
}
