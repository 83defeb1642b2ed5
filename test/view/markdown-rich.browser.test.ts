// Tables, code blocks (with their copy button), quotes, strikethrough and nested lists in agent
// messages, rendered through the element: the table and code block renderers arrive in a chunk of
// their own the first time a message needs them.
import {expect, html, waitUntil} from '@open-wc/testing';
import {render} from 'lit';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {markdownExtras} from '../../src/element/session-chunk.js';
import {renderMarkdown} from '../../src/view/markdown.js';
import {$, $$, chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage} from '../helpers/browser/messages.js';

const TABLE = 'Plans:\n| Plan | Price | Notes |\n|:--|--:|:-:|\n| **Pro** | 10 | `a\\|b` and ~~old~~ |\n| Free | 0 | [docs](https://docs.example.com) |';
const CODE = 'Run this:\n```sh\nnpm install poly-chat <b>x</b>\n  && echo "done"\n```';

function bubble(el: HTMLElement): HTMLElement | null {
  return (el.shadowRoot as ShadowRoot).querySelector<HTMLElement>('[part~="message-agent"] [part~="bubble"]');
}

describe('tables and code blocks: a chunk of their own', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('is loaded only once a message has a table or code block; updateComplete waits for it', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage('**plain** text, a > b, a | b')]});
    expect(markdownExtras.get()).to.equal(null);
    await chat.set({messages: [agentMessage(TABLE)]});
    expect(markdownExtras.get()).to.not.equal(null);
    expect(part(chat.el, 'table')).to.not.equal(null);
  });

  it('shows a table or code block as plain text while its renderer is not there', () => {
    const host = document.createElement('div');
    const labels = {opensInNewTab: 'new tab', copyCode: 'Copy code', codeCopied: 'Copied', codeCopyFailed: 'Failed', codeBlockLabel: 'Code', tableLabel: 'Table'};
    let asked = 0;
    render(renderMarkdown(`${TABLE}\n\n${CODE}`, labels, {extras: null, needExtras: () => asked++}), host);
    expect(host.querySelector('table')).to.equal(null);
    expect(Array.from(host.querySelectorAll('.plain-block')).map((node) => node.textContent)).to.deep.equal([
      'Plan · Price · Notes\nPro · 10 · a|b and old\nFree · 0 · docs',
      'npm install poly-chat <b>x</b>\n  && echo "done"',
    ]);
    expect(asked).to.equal(2);
  });
});

describe('richer Markdown in messages', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('renders a GFM table with a header row, alignment and inline Markdown in cells', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage(TABLE)]});
    const table = part(chat.el, 'table') as HTMLTableElement;
    expect(Array.from(table.querySelectorAll('thead th')).map((cell) => [text(cell), cell.getAttribute('scope'), cell.className])).to.deep.equal([
      ['Plan', 'col', 'align-left'],
      ['Price', 'col', 'align-right'],
      ['Notes', 'col', 'align-center'],
    ]);
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((row) => Array.from(row.children).map((cell) => text(cell)));
    expect(rows).to.deep.equal([
      ['Pro', '10', 'a|b and old'],
      ['Free', '0', 'docs (opens in a new tab)'],
    ]);
    expect(table.querySelector('tbody strong')?.textContent).to.equal('Pro');
    expect(table.querySelector('tbody code')?.textContent).to.equal('a|b');
    expect(table.querySelector('tbody del')?.textContent).to.equal('old');
    expect(table.querySelector('a')?.getAttribute('href')).to.equal('https://docs.example.com/');
    expect(getComputedStyle(table.querySelectorAll('th')[1] as Element).textAlign).to.equal('right');
    await expect(chat.el).to.be.accessible();
  });

  it('scrolls a wide table sideways inside its bubble on a narrow chat', async () => {
    const wide = `| ${Array.from({length: 8}, (_, i) => `Column number ${i}`).join(' | ')} |\n|${'---|'.repeat(8)}\n| ${'value '.repeat(8).trim().split(' ').join(' | ')} |`;
    const chat = await chatFixture(html`<poly-chat endpoint="/e" style="display:block;inline-size:320px"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage(wide)]});
    const scroller = $(chat.el, '.table-scroll') as HTMLElement;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    expect(getComputedStyle(scroller).overflowX).to.equal('auto');
    expect(scroller.tabIndex).to.equal(0);
    // A focusable scroller is a named region: a screen reader says what took focus.
    expect(scroller.getAttribute('role')).to.equal('region');
    expect(scroller.getAttribute('aria-label')).to.equal('Table');
    await expect(chat.el).to.be.accessible();
    const bubbleBox = (bubble(chat.el) as HTMLElement).getBoundingClientRect();
    expect(bubbleBox.right).to.be.at.most(chat.el.getBoundingClientRect().right);
  });

  it('renders a fenced code block: its language, the code as text, a copy button', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage(CODE)]});
    const block = part(chat.el, 'code-block') as HTMLElement;
    expect(text(block.querySelector('.code-lang'))).to.equal('sh');
    expect(block.querySelector('pre code')?.textContent).to.equal('npm install poly-chat <b>x</b>\n  && echo "done"');
    expect(block.querySelector('b')).to.equal(null);
    const button = part(chat.el, 'copy-button') as HTMLButtonElement;
    expect(text(button)).to.equal('Copy code');
    expect(block.querySelector('[role="status"]')?.textContent).to.equal('');
    const pre = block.querySelector('pre') as HTMLElement;
    expect([pre.tabIndex, pre.getAttribute('role'), pre.getAttribute('aria-label')]).to.deep.equal([0, 'region', 'Code']);
    await expect(chat.el).to.be.accessible();
  });

  it('renders block quotes, strikethrough, inline code and nested lists', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage('> Quoted ~~gone~~ `<i>code</i>`\n\n1. one\n   - a\n     - deep\n2. two')]});
    const root = bubble(chat.el) as HTMLElement;
    expect(text(root.querySelector('blockquote'))).to.equal('Quoted gone <i>code</i>');
    expect(root.querySelector('blockquote del')?.textContent).to.equal('gone');
    expect(root.querySelector('blockquote code')?.textContent).to.equal('<i>code</i>');
    expect(root.querySelector('i')).to.equal(null);
    const ownText = (item: Element): string =>
      Array.from(item.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('');
    expect(Array.from(root.querySelectorAll('ol > li')).map(ownText)).to.deep.equal(['one', 'two']);
    expect(text(root.querySelector('ol > li > ul > li > ul > li'))).to.equal('deep');
  });
});

describe('the copy button', () => {
  afterEach(() => {
    setDefaultRuntimeFactory(null);
    delete (navigator as {clipboard?: unknown}).clipboard;
  });

  function useClipboard(clipboard: unknown): void {
    Object.defineProperty(navigator, 'clipboard', {value: clipboard, configurable: true});
  }

  async function codeChat(): Promise<{el: HTMLElement; button: HTMLButtonElement; status: HTMLElement}> {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage(CODE)]});
    return {
      el: chat.el,
      button: part(chat.el, 'copy-button') as HTMLButtonElement,
      status: $(chat.el, '[part~="code-block"] [role="status"]') as HTMLElement,
    };
  }

  it('copies the code exactly through the Clipboard API and says "Copied" politely, again on a second copy', async () => {
    const written: string[] = [];
    useClipboard({writeText: (value: string) => (written.push(value), Promise.resolve())});
    const {button, status} = await codeChat();
    button.click();
    await waitUntil(() => status.textContent !== '', 'no feedback');
    expect(written).to.deep.equal(['npm install poly-chat <b>x</b>\n  && echo "done"']);
    expect(status.textContent).to.equal('Copied');
    button.click();
    expect(status.textContent, 'emptied, so the next "Copied" is announced').to.equal('');
    await waitUntil(() => status.textContent !== '', 'no feedback');
    expect(written).to.have.length(2);
  });

  for (const [name, clipboard] of [
    ['refused', {writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError'))}],
    ['missing', undefined],
  ] as const) {
    it(`selects the code for the reader and says so when the clipboard is ${name}`, async () => {
      useClipboard(clipboard);
      const {el, button, status} = await codeChat();
      button.click();
      await waitUntil(() => status.textContent !== '', 'no feedback');
      expect(status.textContent).to.equal('Could not copy. The code is selected: copy it with your keyboard or menu.');
      const code = $(el as never, '[part~="code-block"] code') as HTMLElement;
      const selection = getSelection();
      expect(selection?.containsNode(code.firstChild as Node, true) || selection?.toString().includes('npm install')).to.equal(true);
    });
  }
});

describe('streaming tables and code blocks', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('never shows the raw pipes of a table header while it streams, and shows the table once its delimiter row is in', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" streaming></poly-chat>`, {status: 'live'});
    const reply = (sofar: string, complete = false) => agentMessage(sofar, {id: 'reply', complete});
    await chat.set({messages: [reply('Plans:\n| Plan | Pri')]});
    expect(text(bubble(chat.el))).to.equal('Plans:');
    await chat.set({messages: [reply('Plans:\n| Plan | Price |\n|---|--')]});
    expect(text(bubble(chat.el))).to.equal('Plans:');
    await chat.set({messages: [reply('Plans:\n| Plan | Price |\n|---|---|\n| Pro | 1')]});
    expect($$(chat.el, '[part~="table"] tbody td').map((cell) => text(cell))).to.deep.equal(['Pro', '1']);
    await chat.set({messages: [reply('Plans:\n| Plan | Price |\n|---|---|\n| Pro | 10 |', true)]});
    expect($$(chat.el, '[part~="table"] tbody td').map((cell) => text(cell))).to.deep.equal(['Pro', '10']);
  });

  it('shows a half-received code fence as a code block growing in place', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" streaming></poly-chat>`, {status: 'live'});
    const reply = (sofar: string, complete = false) => agentMessage(sofar, {id: 'reply', complete});
    await chat.set({messages: [reply('Run:\n``')]});
    expect(text(bubble(chat.el))).to.equal('Run:');
    await chat.set({messages: [reply('Run:\n```sh\nnpm i')]});
    const block = part(chat.el, 'code-block');
    expect(block?.querySelector('code')?.textContent).to.equal('npm i');
    await chat.set({messages: [reply('Run:\n```sh\nnpm i\nnpm t\n```\nDone', true)]});
    expect(part(chat.el, 'code-block'), 'the same block, grown').to.equal(block);
    expect(block?.querySelector('code')?.textContent).to.equal('npm i\nnpm t');
    expect(text(bubble(chat.el)).endsWith('Done')).to.equal(true);
  });
});
