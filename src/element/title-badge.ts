// The unread count in front of the page's title, "(2) Order status", for `notify="title"`. Only the
// prefix this badge wrote is ever removed: a page that changes its own title meanwhile keeps its new
// title, and gets the prefix put back in front of it while the count lasts.

/** The prefix for `count` unread messages ("" for none). */
export function titlePrefix(count: number): string {
  return count > 0 ? `(${count}) ` : '';
}

/** `title` without `prefix` in front, if it is there (else `title` as it is). */
export function stripPrefix(title: string, prefix: string): string {
  return prefix !== '' && title.startsWith(prefix) ? title.slice(prefix.length) : title;
}

export class TitleBadge {
  readonly #document: Document;
  /** The count now in front of the title (0: none). */
  #count = 0;
  #observer: MutationObserver | null = null;

  constructor(document: Document) {
    this.#document = document;
  }

  /** Shows `count` in front of the page's title; 0 takes the prefix away. */
  show(count: number): void {
    const document = this.#document;
    const shown = titlePrefix(this.#count);
    const prefix = titlePrefix(count);
    if (prefix === shown && (prefix === '' || document.title.startsWith(prefix))) return;
    document.title = prefix + stripPrefix(document.title, shown);
    this.#count = count;
    this.#watch(prefix !== '');
  }

  /** While a prefix is shown, a title the page sets gets it back in front (the callback runs show()). */
  #watch(on: boolean): void {
    if (!on) {
      this.#observer?.disconnect();
      this.#observer = null;
      return;
    }
    const head = this.#document.head;
    if (this.#observer || !head || typeof MutationObserver !== 'function') return;
    this.#observer = new MutationObserver(() => this.show(this.#count));
    this.#observer.observe(head, {childList: true, subtree: true, characterData: true});
  }
}
