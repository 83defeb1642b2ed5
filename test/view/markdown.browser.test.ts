import {expect, html} from '@open-wc/testing';
import {render} from 'lit';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {renderMarkdown} from '../../src/view/markdown.js';
import {$$, chatFixture, part, parts, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, userMessage} from '../helpers/browser/messages.js';

const labels = {opensInNewTab: '(opens in a new tab)', copyCode: 'Copy code', codeCopied: 'Copied', codeCopyFailed: 'Could not copy', codeBlockLabel: 'Code', tableLabel: 'Table'};

function md(source: string): HTMLElement {
  const host = document.createElement('div');
  render(renderMarkdown(source, labels), host);
  return host;
}

/** Tag names of every element in `root`, in document order. */
function tags(root: ParentNode): string[] {
  return Array.from(root.querySelectorAll('*')).map((node) => node.tagName.toLowerCase());
}

describe('markdown rendering', () => {
  it('renders paragraphs, line breaks, bold, italic and inline code', () => {
    const host = md('Hello **bold** and *it* and _it2_ `x < y`\nnext line\n\nSecond paragraph');
    const paragraphs = host.querySelectorAll('p');
    expect(paragraphs).to.have.length(2);
    expect(host.querySelector('strong')?.textContent).to.equal('bold');
    expect(Array.from(host.querySelectorAll('em')).map((node) => node.textContent)).to.deep.equal(['it', 'it2']);
    expect(host.querySelector('code')?.textContent).to.equal('x < y');
    expect(paragraphs[0]?.querySelectorAll('br')).to.have.length(1);
  });

  it('renders bullet and numbered lists (keeping the start number)', () => {
    const host = md('- apples\n- pears\n\n3. three\n4. four');
    expect(Array.from(host.querySelectorAll('ul > li')).map((node) => node.textContent)).to.deep.equal(['apples', 'pears']);
    const ordered = host.querySelector('ol');
    expect(ordered?.getAttribute('start')).to.equal('3');
    expect(ordered?.querySelectorAll('li')).to.have.length(2);
  });

  it('renders [links](url) and bare URLs as links opening a new tab with rel="noopener noreferrer"', () => {
    const host = md('Read [the docs](https://docs.example.com/a?b=1) or https://example.com/help.');
    const links = Array.from(host.querySelectorAll('a'));
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['https://docs.example.com/a?b=1', 'https://example.com/help']);
    for (const link of links) {
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    }
    expect(links[0]?.textContent).to.contain('the docs');
    // The sentence's full stop is not part of the autolink.
    expect(links[1]?.textContent).to.match(/^https:\/\/example\.com\/help\s/);
    expect(host.textContent?.trim().endsWith('.')).to.equal(true);
  });

  it('links mailto: and tel: without a new tab', () => {
    const host = md('[mail](mailto:help@example.com) [call](tel:+441234567)');
    const links = Array.from(host.querySelectorAll('a'));
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['mailto:help@example.com', 'tel:+441234567']);
    expect(links.map((link) => link.hasAttribute('target'))).to.deep.equal([false, false]);
  });

  for (const href of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example.com',
    '/relative',
  ]) {
    it(`never makes ${JSON.stringify(href)} clickable`, () => {
      const host = md(`[click me](${href}) <${href}>`);
      expect(host.querySelector('a')).to.equal(null);
      expect(host.textContent).to.contain('click me');
    });
  }

  it('treats HTML in the text as text: no element is injected', () => {
    const host = md('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>bold?</b> <a href="javascript:x">a</a>');
    expect(tags(host)).to.deep.equal(['p']);
    expect(host.textContent).to.contain('<img src=x onerror=');
    expect((window as unknown as {__pwned?: number}).__pwned).to.equal(undefined);
  });

  it('does not let markdown build attributes: quotes in URLs stay inside the href', () => {
    const host = md('[x](https://example.com/"onmouseover="alert(1))');
    const link = host.querySelector('a');
    expect(link?.getAttribute('onmouseover')).to.equal(null);
    expect(Array.from(link?.attributes ?? []).map((attribute) => attribute.name).sort()).to.deep.equal([
      'href',
      'part',
      'referrerpolicy',
      'rel',
      'target',
    ]);
    expect(link?.getAttribute('href')).to.equal('https://example.com/%22onmouseover=%22alert(1)');
  });
});

describe('XSS through the element', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  const hostile = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=2</script>';

  it('agent, live-agent and user text, author names and suggestions inject nothing', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', agent: {name: hostile}});
    await chat.set({
      messages: [
        agentMessage(hostile, {suggestions: [hostile]}),
        userMessage(hostile),
        liveAgentMessage(hostile, {author: hostile}),
        agentMessage(`last ${hostile}`, {suggestions: [hostile]}),
      ],
      typing: {role: 'live-agent', name: hostile},
    });
    expect($$(chat.el, 'script')).to.have.length(0);
    expect($$(chat.el, 'img[src="x"]')).to.have.length(0);
    expect(text(part(chat.el, 'suggestion'))).to.equal(hostile);
    expect(text(part(chat.el, 'message-live-agent')?.querySelector('[part~="byline"]'))).to.contain('<img');
    expect((window as unknown as {__pwned?: number}).__pwned).to.equal(undefined);
  });

  it('attachments with javascript:, data: or vbscript: URLs give no link and no image', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({
      messages: [
        agentMessage('cards', {
          attachments: [
            {contentType: 'url', title: hostile, contentUrl: 'javascript:alert(1)', previewImageUrl: 'data:image/png;base64,AAAA'},
            {contentType: 'image', contentUrl: 'vbscript:msgbox(1)', title: 'x'},
            {contentType: 'url', contentUrl: ' \u0000javascript:alert(1)'},
          ],
          callActions: [{title: 'Call', contactNumber: 'javascript:alert(1)'}],
        }),
      ],
    });
    const message = part(chat.el, 'message-agent');
    expect(message?.querySelectorAll('a')).to.have.length(0);
    expect(message?.querySelectorAll('img')).to.have.length(0);
    // The first card keeps its (text-only) title; the others have nothing safe to show.
    expect(parts(chat.el, 'attachment')).to.have.length(1);
    expect(text(part(chat.el, 'attachment'))).to.equal(hostile);
    expect(part(chat.el, 'call-action')).to.equal(null);
  });
});
