// Feature-detected fallbacks, each checked where it falls back. field-sizing falls back in WebKit
// (the composer test below runs there for real); custom states, content-visibility (the slices of
// an expanded very long message) and visualViewport exist in all three engines this suite runs, so
// their absence is simulated here.
// Constructable stylesheets: no-adopted-stylesheets.browser.test.ts (lit decides at import time).
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {CustomStates} from '../../src/element/custom-states.js';
import {supportsFieldSizing} from '../../src/element/field-sizing.js';
import {chatFixture, part} from '../helpers/browser/chat-fixture.js';
import {engine} from '../helpers/browser/engine.js';
import {agentMessage} from '../helpers/browser/messages.js';

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

describe('feature-detected fallbacks', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  describe('field-sizing', () => {
    it('is detected as the engine has it (WebKit 2.50 has not: the fallback runs there)', () => {
      expect(supportsFieldSizing).to.equal(CSS.supports('field-sizing', 'content'));
      if (engine === 'webkit') expect(supportsFieldSizing).to.equal(false);
    });

    it('the message box grows with its lines up to its max height, then scrolls, and shrinks when cleared', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const input = part(chat.el, 'input') as HTMLTextAreaElement;
      const oneLine = input.getBoundingClientRect().height;
      const type = async (value: string): Promise<void> => {
        input.value = value;
        input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
        await chat.el.updateComplete;
        await frame();
      };
      await type('one\ntwo\nthree');
      const threeLines = input.getBoundingClientRect().height;
      expect(threeLines).to.be.greaterThan(oneLine + 20, 'three lines show');
      expect(input.scrollHeight - input.clientHeight).to.be.at.most(1, 'no line hidden');
      await type(Array.from({length: 30}, (_, i) => `line ${i}`).join('\n'));
      const max = Number.parseFloat(getComputedStyle(input).maxBlockSize || getComputedStyle(input).maxHeight);
      expect(input.getBoundingClientRect().height).to.be.at.most(max + 1, 'capped at max-block-size');
      expect(input.scrollHeight).to.be.greaterThan(input.clientHeight, 'the rest scrolls');
      await type('');
      expect(input.getBoundingClientRect().height).to.be.closeTo(oneLine, 1);
    });
  });

  describe('custom states', () => {
    it('without CustomStateSet the element works and simply has no states', async () => {
      const descriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'attachInternals');
      // As in an engine without ElementInternals: the element is made while it is missing.
      Object.defineProperty(HTMLElement.prototype, 'attachInternals', {value: undefined, configurable: true, writable: true});
      let chat;
      try {
        chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [agentMessage('still here')]});
      } finally {
        if (descriptor) Object.defineProperty(HTMLElement.prototype, 'attachInternals', descriptor);
      }
      expect(chat.el.status).to.equal('live');
      expect(chat.el.matches(':state(live)')).to.equal(false);
      expect(part(chat.el, 'message-agent')?.textContent).to.contain('still here');
    });

    it('a CustomStateSet that only takes the old `--name` form gets that form', () => {
      const names = new Set<string>();
      const legacy = {
        states: {
          add: (name: string) => {
            if (!name.startsWith('--')) throw new DOMException('bad name', 'SyntaxError');
            names.add(name);
          },
          delete: (name: string) => names.delete(name),
          has: (name: string) => names.has(name),
        },
      } as unknown as ElementInternals;
      const states = new CustomStates(legacy);
      states.toggle('live', true);
      expect([...names]).to.deep.equal(['--live']);
      expect(states.has('live')).to.equal(true);
      states.toggle('live', false);
      expect(names.size).to.equal(0);
      expect(new CustomStates(null).supported).to.equal(false);
    });
  });

  describe('content-visibility', () => {
    it('without it an expanded very long message is laid out whole and the transcript still follows the newest', async () => {
      const long = agentMessage(`${'word '.repeat(12_000)}the end`);
      const chat = await chatFixture(html`<poly-chat endpoint="/e" style="block-size: 400px"></poly-chat>`, {status: 'live', messages: [long]});
      // As in an engine without the property: an author sheet turns it off for the slices.
      const off = new CSSStyleSheet();
      off.replaceSync('.slice { content-visibility: visible !important; }');
      const root = chat.el.shadowRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, off];
      const toggle = part(chat.el, 'show-more-button') as HTMLButtonElement;
      toggle.click();
      await chat.el.updateComplete;
      const slices = Array.from(root.querySelectorAll('.slice'));
      expect(slices.length).to.be.greaterThan(1);
      expect(getComputedStyle(slices[0] as Element).getPropertyValue('content-visibility') || 'visible').to.equal('visible');
      // The reader reads on to the end of the expanded message (expanding it does not move them).
      const transcript = part(chat.el, 'transcript') as HTMLElement;
      transcript.scrollTop = transcript.scrollHeight;
      transcript.dispatchEvent(new Event('scroll'));
      await frame();
      await chat.set({messages: [long, agentMessage('the newest')]});
      await frame();
      await frame();
      expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).to.be.at.most(1);
      const newest = Array.from(root.querySelectorAll('[part~="message-agent"]')).at(-1) as Element;
      expect(newest.textContent).to.contain('the newest');
      const box = newest.getBoundingClientRect();
      const view = transcript.getBoundingClientRect();
      expect(box.bottom).to.be.at.most(view.bottom + 1);
      expect(box.top).to.be.at.least(view.top - 1);
    });
  });

  describe('visualViewport', () => {
    it('without it the open launcher panel sets no viewport properties and still fits the window', async () => {
      Object.defineProperty(window, 'visualViewport', {value: null, configurable: true});
      try {
        const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`, {status: 'live'});
        chat.el.open = true;
        await chat.el.updateComplete;
        expect(chat.el.style.getPropertyValue('--_poly-chat-viewport-height')).to.equal('');
        const panel = (part(chat.el, 'panel') as Element).getBoundingClientRect();
        expect(panel.height).to.be.greaterThan(100);
        expect(panel.bottom).to.be.at.most(innerHeight + 1);
        expect(panel.top).to.be.at.least(-1);
      } finally {
        delete (window as {visualViewport?: unknown}).visualViewport;
      }
    });
  });
});
