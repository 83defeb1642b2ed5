// Issue 18 item 9: `teaser`, a short text bubble beside the closed launcher after `teaser-delay`.
// Dismissible (close button, Escape), opens the chat when clicked, shown once per visit, never with
// the panel open or once the visitor opened the chat, said politely, rendered as text. Short delays
// (0-20 ms) and waiting for the element, never a race on the clock.
import {aTimeout, expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {TEASER_SHOWN_KEY} from '../../src/element/teaser.js';
import {chatFixture, forgetLauncherState, part, text} from '../helpers/browser/chat-fixture.js';
import {installFakeRuntime} from '../helpers/browser/fake-runtime.js';

const TEXT = 'Questions about your order? Ask us.';

async function teaserChat(attributes = '', teaser = TEXT): Promise<PolyChat> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  container.innerHTML = `<poly-chat endpoint="/e" mode="launcher" teaser-delay="0" ${attributes}></poly-chat>`;
  const el = container.firstElementChild as PolyChat;
  el.teaser = teaser;
  await el.updateComplete;
  return el;
}

/** Waits for the teaser to be rendered (its delay is up and its code loaded). */
async function teaserShown(el: PolyChat): Promise<HTMLElement> {
  await waitUntil(() => part(el, 'teaser') !== null, 'the teaser was not shown');
  return part(el, 'teaser') as HTMLElement;
}

/** Gives a teaser every chance to come: its delay passes and any code it loads arrives. */
async function afterTheDelay(el: PolyChat): Promise<void> {
  await aTimeout(20);
  await el.updateComplete;
}

describe('<poly-chat teaser>', () => {
  beforeEach(() => {
    sessionStorage.removeItem(TEASER_SHOWN_KEY);
    forgetLauncherState();
    installFakeRuntime({status: 'live', sessionId: 's1'});
  });
  afterEach(() => {
    sessionStorage.removeItem(TEASER_SHOWN_KEY);
    forgetLauncherState();
    setDefaultRuntimeFactory(null);
  });

  it('shows its text as text beside the closed launcher once the delay is up, said politely, with an accessible close button', async () => {
    const el = await teaserChat('', '<b>Hi</b> & welcome');
    const teaser = await teaserShown(el);
    expect(text(teaser.querySelector('.teaser-text'))).to.equal('<b>Hi</b> & welcome');
    expect(teaser.querySelector('b')).to.equal(null);
    const close = part(el, 'teaser-close-button');
    expect(close?.getAttribute('aria-label')).to.equal('Dismiss');
    expect(text(el.shadowRoot?.querySelector('[data-region="announcements"]'))).to.contain('<b>Hi</b> & welcome');
    expect(sessionStorage.getItem(TEASER_SHOWN_KEY)).to.equal('1');
    // Its styles came on top of the element's: both the launcher and the bubble are placed.
    expect(getComputedStyle(teaser).position).to.equal('fixed');
    expect(getComputedStyle(part(el, 'launcher') as HTMLElement).position).to.equal('fixed');
    // Once it has slid in (mid-fade its text is paler than it ends up).
    await Promise.all(teaser.getAnimations().map((animation) => animation.finished));
    await expect(el).to.be.accessible();
  });

  it('goes with its close button, focus going to the launcher, and is not shown again in this visit', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    const close = part(el, 'teaser-close-button') as HTMLButtonElement;
    close.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(part(el, 'teaser')).to.equal(null);
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'launcher'));
    expect(el.open).to.equal(false);

    el.remove();
    const next = await teaserChat(); // the next page of the visit
    await afterTheDelay(next);
    expect(part(next, 'teaser')).to.equal(null);
  });

  it('goes with Escape', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    (el.shadowRoot?.querySelector('.teaser-text') as HTMLButtonElement).focus();
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(part(el, 'teaser')).to.equal(null);
  });

  it('goes with Escape pressed anywhere on the page, and focus stays where it was', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    const field = document.createElement('input');
    document.body.append(field);
    try {
      field.focus();
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      expect(part(el, 'teaser')).to.equal(null);
      expect(document.activeElement).to.equal(field);
    } finally {
      field.remove();
    }
  });

  it('stays when the page used the Escape itself (closing its own dialog)', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    const dialog = document.createElement('input');
    dialog.addEventListener('keydown', (event) => event.key === 'Escape' && event.preventDefault());
    document.body.append(dialog);
    try {
      dialog.focus();
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      expect(part(el, 'teaser')).to.not.equal(null);
    } finally {
      dialog.remove();
    }
  });

  it('opens the chat when clicked, as the launcher does, and is gone after', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    const opened: boolean[] = [];
    el.addEventListener('poly-chat-open-change', (event) => opened.push(event.open));
    (el.shadowRoot?.querySelector('.teaser-text') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(opened).to.deep.equal([true]);
    expect(part(el, 'teaser')).to.equal(null);
    el.open = false;
    await el.updateComplete;
    expect(part(el, 'teaser'), 'not back once the panel closes').to.equal(null);
  });

  it('goes when the panel is opened another way', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    part(el, 'launcher')?.click();
    await el.updateComplete;
    expect(part(el, 'teaser')).to.equal(null);
  });

  it('is not shown with the panel open, nor once the visitor opened the chat in this visit', async () => {
    const open = await teaserChat('open');
    await afterTheDelay(open);
    expect(part(open, 'teaser')).to.equal(null);

    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', sessionId: 's1'});
    chat.el.open = false;
    await chat.el.updateComplete;
    chat.el.remove();
    const next = await teaserChat(); // the same visit, a later page: the record has the conversation
    await afterTheDelay(next);
    expect(part(next, 'teaser')).to.equal(null);
    expect(sessionStorage.getItem(TEASER_SHOWN_KEY)).to.equal(null);
  });

  it('is not shown in inline mode', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.innerHTML = `<poly-chat endpoint="/e" teaser-delay="0" teaser="${TEXT}"></poly-chat>`;
    const el = container.firstElementChild as PolyChat;
    await afterTheDelay(el);
    expect(part(el, 'teaser')).to.equal(null);
  });

  it('leaves no timer behind when the element is removed before its delay', async () => {
    const el = await teaserChat('teaser-delay="10"');
    el.remove();
    await aTimeout(30);
    expect(sessionStorage.getItem(TEASER_SHOWN_KEY), 'the teaser never came').to.equal(null);
  });

  it('names its close button in the UI language', async () => {
    const el = await teaserChat('lang="de"');
    await teaserShown(el);
    expect(part(el, 'teaser-close-button')?.getAttribute('aria-label')).to.equal('Schließen');
  });

  it('slides in only for readers who have not asked for reduced motion', async () => {
    const el = await teaserChat();
    await teaserShown(el);
    const rules = [...(el.shadowRoot?.adoptedStyleSheets ?? [])].flatMap((sheet) => [...sheet.cssRules]);
    const animated = rules.filter((rule) => rule instanceof CSSMediaRule && rule.cssText.includes('poly-chat-teaser-in'));
    expect(animated.map((rule) => (rule as CSSMediaRule).conditionText)).to.deep.equal(['(prefers-reduced-motion: no-preference)']);
    expect(rules.some((rule) => rule instanceof CSSStyleRule && rule.selectorText === '.teaser' && rule.style.animationName !== '')).to.equal(false);
  });
});
