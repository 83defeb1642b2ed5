import {expect, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {ChatSnapshot} from '../../src/model/snapshot.js';
import {$, chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import {engine, itExcept} from '../helpers/browser/engine.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

const announcements = (chat: ChatFixture): string[] =>
  Array.from($(chat.el, '[data-region="announcements"]')?.querySelectorAll('p') ?? []).map((node) => text(node));
const statusRegion = (chat: ChatFixture): string => text($(chat.el, '[data-region="status"]'));

/** The element that has focus, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const conversation = (): Partial<ChatSnapshot> => ({
  agent: {name: 'Ava'},
  messages: [
    agentMessage('Hello! How can I help? See https://example.com', {suggestions: ['Opening hours']}),
    userMessage('Hi', {delivery: 'failed'}),
    agentMessage('Here you go', {
      attachments: [{contentType: 'url', title: 'Hours', contentUrl: 'https://example.com/h', callToActionText: 'Open'}],
      callActions: [{title: 'Call us', contactNumber: '+44 20 7946 0000'}],
      suggestions: ['Thanks'],
    }),
  ],
});

describe('accessibility', () => {
  afterEach(async () => {
    setDefaultRuntimeFactory(null);
    if (engine === 'chromium') await emulateMedia({reducedMotion: 'no-preference', forcedColors: 'none', colorScheme: 'light'});
  });

  describe('axe', () => {
    const cases: [string, Partial<ChatSnapshot>][] = [
      ['connecting', {status: 'connecting'}],
      ['live', {status: 'live', ...conversation(), typing: {role: 'agent'}}],
      [
        'handoff',
        {
          status: 'handoff',
          ...conversation(),
          handoff: {phase: 'queued', queueName: 'Billing', positionInQueue: 2, estimatedWaitSeconds: 90},
        },
      ],
      ['handoff (connected)', {status: 'handoff', liveAgent: {name: 'Priya'}, handoff: {phase: 'connected'}, messages: [liveAgentMessage('Hi, Priya here', {author: 'Priya'})]}],
      ['handoff (client route)', {status: 'handoff', handoff: {phase: 'client-required', route: 'https://support.example.com'}}],
      ['reconnecting', {status: 'reconnecting', ...conversation(), retry: {attempt: 1, at: Date.now() + 4000}}],
      ['offline', {status: 'reconnecting', offline: true}],
      ['ended', {status: 'ended', endReason: 'REASON_USER_END', ...conversation()}],
      ['live with system notices', {status: 'live', messages: [systemMessage('info'), systemMessage('bad', {level: 'error'})]}],
    ];
    for (const [name, snapshot] of cases) {
      it(`is accessible while ${name}`, async () => {
        const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, snapshot);
        await expect(chat.el).to.be.accessible();
      });
    }

    it('is accessible while idle', async () => {
      const chat = await chatFixture(html`<poly-chat></poly-chat>`);
      expect(chat.el.status).to.equal('idle');
      await expect(chat.el).to.be.accessible();
    });

    it('is accessible in dark mode', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" theme="dark"></poly-chat>`, {status: 'live', ...conversation()});
      await expect(chat.el).to.be.accessible();
    });

    it('is accessible with the leave confirmation and an oversize draft', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', maxMessageSizeBytes: 2});
      part(chat.el, 'leave-button')?.click();
      const input = part(chat.el, 'input') as HTMLTextAreaElement;
      input.value = 'too long';
      input.dispatchEvent(new Event('input'));
      await chat.el.updateComplete;
      expect(part(chat.el, 'composer-error')).to.not.equal(null);
      await expect(chat.el).to.be.accessible();
    });

    it('is accessible in launcher mode, closed (with unread) and open', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', ...conversation()});
      await expect(chat.el).to.be.accessible();
      chat.el.open = false;
      await chat.el.updateComplete;
      await chat.set({messages: [...chat.el.messages, agentMessage('unread one')]});
      expect(part(chat.el, 'launcher-badge')).to.not.equal(null);
      await expect(chat.el).to.be.accessible();
    });

    it('is accessible in Arabic (RTL)', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="ar"></poly-chat>`, {status: 'live', ...conversation()});
      await expect(chat.el).to.be.accessible();
    });
  });

  describe('polite live region', () => {
    it('does not announce the history present at the first render', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', ...conversation()});
      expect(announcements(chat)).to.deep.equal([]);
    });

    it('does not announce a history replay that arrives in one batch', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      await chat.set({status: 'live', ...conversation()});
      expect(announcements(chat)).to.deep.equal([]);
    });

    it('announces each new message once, when complete, not per chunk; not the user\'s own', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', agent: {name: 'Ava'}});
      const mine = userMessage('hi');
      await chat.set({messages: [mine]});
      expect(announcements(chat)).to.deep.equal([]);
      const partial = agentMessage('Hel', {id: 'r1', complete: false});
      await chat.set({messages: [mine, partial]});
      await chat.set({messages: [mine, {...partial, text: 'Hello **there**'}]});
      expect(announcements(chat)).to.deep.equal([]);
      const done = {...partial, text: 'Hello **there**', complete: true};
      await chat.set({messages: [mine, done]});
      expect(announcements(chat)).to.deep.equal(['Ava: Hello there']);
      // A later snapshot with the same message does not repeat it.
      await chat.set({messages: [mine, done], typing: {role: 'agent'}});
      await chat.set({messages: [mine, done, systemMessage('Priya joined', {noticeKey: 'live-agent-joined', noticeParams: {name: 'Priya'}})]});
      expect(announcements(chat)).to.deep.equal(['Ava: Hello there', 'Notice: Priya joined the chat.']);
    });

    it('keeps only the last few announcements in the DOM', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      let messages = chat.el.messages;
      for (let i = 1; i <= 5; i++) {
        messages = [...messages, agentMessage(`m${i}`)];
        await chat.set({messages});
      }
      expect(announcements(chat)).to.deep.equal(['Assistant: m3', 'Assistant: m4', 'Assistant: m5']);
    });

    it('adds each announcement as a node of its own and leaves the older ones in place (never said twice)', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const region = $(chat.el, '[data-region="announcements"]') as Element;
      let messages = chat.el.messages;
      const nodes: Element[] = [];
      for (let i = 1; i <= 4; i++) {
        messages = [...messages, agentMessage(`same text`)];
        await chat.set({messages});
        nodes.push(region.lastElementChild as Element);
      }
      expect(new Set(nodes).size, 'a repeated text is a new node').to.equal(4);
      expect(Array.from(region.children)).to.deep.equal(nodes.slice(1), 'the kept ones are the same nodes, in order');
      expect(nodes.slice(1).every((node) => node.textContent === 'Assistant: same text')).to.equal(true);
    });

    it('is separate from the status region, which has role="status"', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      expect($(chat.el, '[data-region="announcements"]')?.getAttribute('aria-live')).to.equal('polite');
      expect($(chat.el, '[data-region="status"]')?.getAttribute('role')).to.equal('status');
    });
  });

  describe('status region', () => {
    it('announces connection, typing and queue changes, and "Online" only after (re)connecting', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {agent: {name: 'Ava'}});
      expect(statusRegion(chat)).to.equal('Connecting…');
      await chat.set({status: 'live'});
      expect(statusRegion(chat)).to.equal('Online');
      await chat.set({typing: {role: 'agent'}});
      expect(statusRegion(chat)).to.equal('Ava is typing…');
      await chat.set({typing: null});
      expect(statusRegion(chat)).to.equal('');
      await chat.set({status: 'handoff', handoff: {phase: 'queued', positionInQueue: 4}});
      expect(statusRegion(chat)).to.equal('You are in the queue for a person. You are 4th in the queue.');
      await chat.set({handoff: {phase: 'queued', positionInQueue: 3}});
      expect(statusRegion(chat)).to.equal('You are in the queue for a person. You are 3rd in the queue.');
      await chat.set({status: 'reconnecting', handoff: {phase: 'none'}});
      expect(statusRegion(chat)).to.equal('Connection lost. Reconnecting…');
      await chat.set({status: 'live'});
      expect(statusRegion(chat)).to.equal('Online');
      await chat.set({status: 'ended', endReason: 'REASON_NATURAL_END'});
      expect(statusRegion(chat)).to.contain('Conversation ended.');
    });
  });

  describe('focus', () => {
    it('never moves on its own when messages, typing or status change', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const input = part(chat.el, 'input');
      input?.focus();
      await chat.set({messages: [agentMessage('a', {suggestions: ['x']})], typing: {role: 'agent'}});
      await chat.set({status: 'reconnecting'});
      await chat.set({status: 'live', handoff: {phase: 'requested'}});
      expect(deepActiveElement()).to.equal(input);
    });

    it('every control is reachable by keyboard (no positive tabindex, buttons are buttons)', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', ...conversation()});
      const positive = Array.from(chat.el.shadowRoot?.querySelectorAll('[tabindex]') ?? []).filter(
        (node) => Number(node.getAttribute('tabindex')) > 0,
      );
      expect(positive).to.have.length(0);
      const clickable = Array.from(chat.el.shadowRoot?.querySelectorAll('[part~="suggestion"], [part~="retry-button"]') ?? []);
      expect(clickable.length).to.be.greaterThan(1);
      for (const node of clickable) expect(node.tagName).to.equal('BUTTON');
    });

    it('draws a visible focus outline on keyboard focus', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', ...conversation()});
      const suggestion = part(chat.el, 'suggestion');
      suggestion?.focus({focusVisible: true} as FocusOptions);
      const style = getComputedStyle(suggestion as Element);
      expect(style.outlineStyle).to.equal('solid');
    });
  });

  describe('auto-scroll', () => {
    const tall = (count: number): ReturnType<typeof agentMessage>[] =>
      Array.from({length: count}, (_, i) => agentMessage(`Message number ${i}\nwith a second line\nand a third`));

    it('follows new messages while the user is at the bottom', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" style="height: 400px"></poly-chat>`, {status: 'live'});
      await chat.set({messages: tall(30)});
      const transcript = part(chat.el, 'transcript') as HTMLElement;
      expect(transcript.scrollHeight).to.be.greaterThan(transcript.clientHeight);
      expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).to.be.lessThan(2);
      await chat.set({messages: [...chat.el.messages, agentMessage('newest')]});
      expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).to.be.lessThan(2);
    });

    it('does not jump while the user reads history', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" style="height: 400px"></poly-chat>`, {status: 'live'});
      await chat.set({messages: tall(30)});
      // The user scrolls a history that has been on screen (painted), not in the task that rendered it.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const transcript = part(chat.el, 'transcript') as HTMLElement;
      transcript.scrollTop = 100;
      transcript.dispatchEvent(new Event('scroll'));
      await chat.set({messages: [...chat.el.messages, agentMessage('newest')]});
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(transcript.scrollTop).to.equal(100);
    });
  });

  describe('user preferences', () => {
    // Media emulation: only the DevTools protocol has it (the runner's emulateMedia).
    // engine: firefox — WebDriver BiDi has no media-feature emulation yet (Firefox 153 answers
    // "unknown command emulation.setMediaFeaturesOverride"; https://github.com/w3c/webdriver-bidi/issues/750,
    // https://bugzilla.mozilla.org/show_bug.cgi?id=1549434); users get the same @media rules, which
    // "has the reduced-motion and dark-scheme rules in every engine" below checks are in place.
    // engine: webkit — WebDriver classic has no media emulation (https://github.com/w3c/webdriver/issues/1693);
    // users get the same @media rules, checked by that same test.
    const noMediaEmulation = {
      firefox: 'WebDriver BiDi cannot emulate media features (w3c/webdriver-bidi#750)',
      webkit: 'WebDriver classic cannot emulate media features (w3c/webdriver#1693)',
    };

    itExcept(noMediaEmulation, 'stops animations under prefers-reduced-motion', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', typing: {role: 'agent'}});
      const dot = part(chat.el, 'typing-indicator')?.querySelector('.dots span') as Element;
      expect(getComputedStyle(dot).animationName).to.not.equal('none');
      await emulateMedia({reducedMotion: 'reduce'});
      expect(getComputedStyle(dot).animationName).to.equal('none');
    });

    it('gives bubbles and buttons real borders under forced colors', async () => {
      // The runner cannot emulate forced-colors, so check the adopted stylesheet's media rule instead.
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const rules = (chat.el.shadowRoot?.adoptedStyleSheets ?? []).flatMap((sheet) => Array.from(sheet.cssRules));
      const forced = rules.filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === '(forced-colors: active)');
      const styled = forced.flatMap((rule) => Array.from(rule.cssRules)).filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule);
      // The frame's boxes are in the element's sheet, the content's in the panel's.
      const bordered = styled
        .filter((rule) => /canvastext|buttontext/.test(rule.style.getPropertyValue('border')))
        .flatMap((rule) => rule.selectorText.split(',').map((selector) => selector.trim()));
      expect(bordered).to.include.members(['.bubble', '.suggestion', '.panel', '.launcher', '.composer-field']);
      expect(styled.some((rule) => rule.selectorText.includes(':focus-visible') && rule.style.getPropertyValue('outline').includes('highlight'))).to.equal(true);
    });

    it('has the reduced-motion and dark-scheme rules in every engine (what the runner cannot emulate everywhere)', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" theme="dark"></poly-chat>`, {status: 'live', typing: {role: 'agent'}});
      const sheets = [...(chat.el.shadowRoot?.adoptedStyleSheets ?? []), ...Array.from(chat.el.shadowRoot?.styleSheets ?? [])];
      const media = sheets.flatMap((sheet) => Array.from(sheet.cssRules)).filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule);
      const inner = (condition: string): CSSStyleRule[] =>
        media
          .filter((rule) => rule.conditionText === condition)
          .flatMap((rule) => Array.from(rule.cssRules))
          .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule);
      const still = inner('(prefers-reduced-motion: reduce)').find((rule) => rule.selectorText.includes('.dots span'));
      expect(still?.style.getPropertyValue('animation-name')).to.equal('none');
      expect(inner('(prefers-color-scheme: dark)').map((rule) => rule.selectorText)).to.include(':host(:not([theme="light"]))');
      // theme="dark" gives the dark palette the media query gives: the panel is dark here.
      const panel = part(chat.el, 'panel') as Element;
      const [r, g, b] = (getComputedStyle(panel).backgroundColor.match(/\d+/g) ?? []).map(Number);
      expect((r ?? 255) + (g ?? 255) + (b ?? 255)).to.be.below(3 * 128);
    });

    // engine: firefox, webkit — no media emulation (see noMediaEmulation above); users get the same @media rules.
    itExcept(noMediaEmulation, 'follows prefers-color-scheme unless theme forces one', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const panel = part(chat.el, 'panel') as Element;
      const light = getComputedStyle(panel).backgroundColor;
      await emulateMedia({colorScheme: 'dark'});
      const dark = getComputedStyle(panel).backgroundColor;
      expect(dark).to.not.equal(light);
      chat.el.theme = 'light';
      await chat.el.updateComplete;
      expect(getComputedStyle(panel).backgroundColor).to.equal(light);
      await emulateMedia({colorScheme: 'light'});
      chat.el.theme = 'dark';
      await chat.el.updateComplete;
      expect(getComputedStyle(panel).backgroundColor).to.equal(dark);
    });
  });
});
