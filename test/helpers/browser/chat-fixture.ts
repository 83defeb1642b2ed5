// Mounting <poly-chat> against a FakeRuntime, plus shadow-DOM queries.
import {fixture} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import '../../../src/poly-chat.js';
import type {PolyChat} from '../../../src/element/poly-chat.js';
import type {ChatSnapshot} from '../../../src/model/snapshot.js';
import {installFakeRuntime} from './fake-runtime.js';
import type {FakeRuntime, FakeRuntimeRegistry} from './fake-runtime.js';

export interface ChatFixture {
  readonly el: PolyChat;
  readonly runtimes: FakeRuntimeRegistry;
  /** The newest runtime. */
  readonly runtime: FakeRuntime;
  /** Updates the runtime's snapshot and waits for the element to render it. */
  set(patch: Partial<ChatSnapshot>): Promise<void>;
}

let active: FakeRuntimeRegistry | null = null;

/**
 * Forgets what launchers remembered in this tab (open panel, unread count) and the transcripts
 * kept for the next page: each fixture starts
 * like a first page. A test of the memory itself re-creates its element with `fixture()`.
 */
export function forgetLauncherState(): void {
  for (const key of Object.keys(sessionStorage)) if (/^poly-chat:(launcher|transcript):/.test(key)) sessionStorage.removeItem(key);
}

/** Renders `template` (a <poly-chat>) with a fresh FakeRuntime factory and waits for the first render. */
export async function chatFixture(template: TemplateResult, initial: Partial<ChatSnapshot> = {}): Promise<ChatFixture> {
  active?.uninstall();
  forgetLauncherState();
  const runtimes = installFakeRuntime(initial);
  active = runtimes;
  const el = await fixture<PolyChat>(template);
  await el.updateComplete;
  return {
    el,
    runtimes,
    get runtime(): FakeRuntime {
      return runtimes.last;
    },
    async set(patch: Partial<ChatSnapshot>): Promise<void> {
      runtimes.last.update(patch);
      await el.updateComplete;
    },
  };
}

/** First element in the shadow root matching `selector`. */
export function $(el: PolyChat, selector: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

/** All elements in the shadow root matching `selector`. */
export function $$(el: PolyChat, selector: string): HTMLElement[] {
  return Array.from(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? []);
}

/** Element by part name (`[part~=name]`). */
export function part(el: PolyChat, name: string): HTMLElement | null {
  return $(el, `[part~="${name}"]`);
}

export function parts(el: PolyChat, name: string): HTMLElement[] {
  return $$(el, `[part~="${name}"]`);
}

/** Text with collapsed whitespace. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
