// The constructable-stylesheet fallback: where `adoptedStyleSheets` is missing, lit puts the
// element's styles (and the lazily loaded panel's) in <style> elements in the shadow root instead.
// All three engines this suite runs have it, so it is removed here before lit loads (lit decides
// once, at import): this file imports everything dynamically, after the removal.
delete (Document.prototype as {adoptedStyleSheets?: unknown}).adoptedStyleSheets;
delete (ShadowRoot.prototype as {adoptedStyleSheets?: unknown}).adoptedStyleSheets;
const {expect, html} = await import('@open-wc/testing');
const {chatFixture, part} = await import('../helpers/browser/chat-fixture.js');
const {setDefaultRuntimeFactory} = await import('../../src/controller/runtime-factory.js');

export {};

describe('without constructable stylesheets', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('styles the element, the panel and the launcher through <style> elements', async () => {
    expect('adoptedStyleSheets' in Document.prototype).to.equal(false);
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`, {status: 'live'});
    chat.el.open = true;
    await chat.el.updateComplete;
    const root = chat.el.shadowRoot as ShadowRoot;
    expect(root.querySelectorAll('style').length).to.be.greaterThan(0);
    const launcher = part(chat.el, 'launcher') as Element;
    expect(getComputedStyle(launcher).position).to.equal('fixed');
    const header = part(chat.el, 'header') as Element;
    expect(getComputedStyle(header).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    const panel = (part(chat.el, 'panel') as Element).getBoundingClientRect();
    expect(panel.width).to.be.greaterThan(200);
    expect(panel.height).to.be.greaterThan(200);
  });
});
