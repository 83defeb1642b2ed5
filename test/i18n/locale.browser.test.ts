import {expect, fixture, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {$, chatFixture, part, text} from '../helpers/browser/chat-fixture.js';

const root = (el: PolyChat): HTMLElement | null => $(el, '.root');

describe('languages', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('uses English by default', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    expect((part(chat.el, 'input') as HTMLTextAreaElement).placeholder).to.equal('Type your message…');
    expect(root(chat.el)?.getAttribute('dir')).to.equal('ltr');
  });

  for (const [lang, placeholder] of [
    ['fr', 'Écrivez votre message…'],
    ['de', 'Nachricht eingeben…'],
    ['es', 'Escribe tu mensaje…'],
    ['ar', 'اكتب رسالتك…'],
  ] as const) {
    it(`has built-in ${lang} strings`, async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" lang=${lang}></poly-chat>`, {status: 'live'});
      expect((part(chat.el, 'input') as HTMLTextAreaElement).placeholder).to.equal(placeholder);
      expect(root(chat.el)?.getAttribute('lang')).to.equal(lang);
    });
  }

  it('falls back along BCP 47: fr-CA → fr (keeping the region for formatting), xx → en', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="fr-CA"></poly-chat>`, {status: 'live'});
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('Envoyer');
    expect(root(chat.el)?.getAttribute('lang')).to.equal('fr-CA');
    chat.el.lang = 'tlh';
    await chat.el.updateComplete;
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('Send');
    expect(root(chat.el)?.getAttribute('lang')).to.equal('en');
  });

  it("uses the page's language when lang is not set", async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"><poly-chat endpoint="/e"></poly-chat></div>`);
    const el = wrapper.querySelector('poly-chat') as PolyChat;
    await el.updateComplete;
    expect(part(el, 'send-button')?.getAttribute('aria-label')).to.equal('Senden');
    expect(el.hasAttribute('lang')).to.equal(false);
  });

  it('Arabic is right-to-left', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="ar-EG"></poly-chat>`, {status: 'live'});
    expect(root(chat.el)?.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(chat.el, 'panel') as Element).direction).to.equal('rtl');
    expect(text(part(chat.el, 'header'))).to.contain('خدمة العملاء');
  });

  it('hosts override any string for every language through .strings, with interpolation', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="fr"></poly-chat>`, {
      status: 'live',
      typing: {role: 'agent', name: 'Ava'},
    });
    chat.el.strings = {send: 'Go!', headerTitle: 'Acme Help', typingNamed: '{name} écrit'};
    await chat.el.updateComplete;
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('Go!');
    expect(text(part(chat.el, 'header'))).to.contain('Acme Help');
    expect(text(part(chat.el, 'typing-indicator'))).to.equal('Ava écrit');
    // Strings that were not overridden stay French.
    expect((part(chat.el, 'input') as HTMLTextAreaElement).placeholder).to.equal('Écrivez votre message…');
  });

  it('follows EVENT_TYPE_LANGUAGE_CHANGED from the snapshot: strings, direction and the lang attribute', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="en"></poly-chat>`, {status: 'live'});
    const changes: string[] = [];
    await chat.set({language: 'ar-SA'});
    changes.push(chat.el.lang);
    expect(chat.el.getAttribute('lang')).to.equal('ar-SA');
    expect(root(chat.el)?.getAttribute('dir')).to.equal('rtl');
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('إرسال');
    // The same language again (a replay) changes nothing, and a host's later choice is respected.
    chat.el.lang = 'es';
    await chat.el.updateComplete;
    await chat.set({language: 'ar-SA', sessionId: 'again'});
    expect(chat.el.lang).to.equal('es');
    await chat.set({language: 'fr-FR'});
    changes.push(chat.el.lang);
    expect(changes).to.deep.equal(['ar-SA', 'fr-FR']);
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('Envoyer');
    expect(root(chat.el)?.getAttribute('dir')).to.equal('ltr');
  });

  it('formats the retry time in the UI language', async () => {
    const at = new Date(2030, 0, 1, 16, 5, 9).getTime();
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="de"></poly-chat>`, {status: 'reconnecting', retry: {attempt: 1, at}});
    const expected = new Intl.DateTimeFormat('de', {hour: '2-digit', minute: '2-digit', second: '2-digit'}).format(at);
    expect(text(part(chat.el, 'status-banner'))).to.contain(`Nächster Versuch um ${expected}.`);
  });
});
