// The chat's type scale follows the reader's default font size (the browser setting), not the host
// page's root font size: many sites set `html { font-size: 62.5% }` so that 1rem is 10px, which must
// not shrink the chat's text to 9px.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, $} from '../helpers/browser/chat-fixture.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage} from '../helpers/browser/messages.js';

interface Sizes {
  readonly text: string;
  readonly avatar: string;
  readonly headerAvatar: string;
  readonly badge: string;
  readonly inlineMinHeight: string;
  readonly inputMaxHeight: string;
}

async function sizes(): Promise<Sizes> {
  const people = {agent: {name: 'Ava Agent'}};
  const inline = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', ...people, messages: [agentMessage('Hello there')]});
  const style = (chat: ChatFixture, selector: string): CSSStyleDeclaration => {
    const node = $(chat.el, selector);
    expect(node, selector).to.not.equal(null);
    return getComputedStyle(node as HTMLElement);
  };
  const measured = {
    text: style(inline, '[part~="bubble"]').fontSize,
    avatar: style(inline, '.avatar').fontSize,
    headerAvatar: style(inline, '.header-avatar').fontSize,
    inlineMinHeight: style(inline, '[part~="panel"]').minBlockSize,
    inputMaxHeight: style(inline, '[part~="input"]').maxBlockSize,
  };
  const launcher = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', ...people});
  launcher.el.open = false;
  await launcher.el.updateComplete;
  await launcher.set({messages: [agentMessage('News')]});
  return {...measured, badge: style(launcher, '.badge').fontSize};
}

describe('font sizes', () => {
  afterEach(() => {
    document.documentElement.style.fontSize = '';
    setDefaultRuntimeFactory(null);
  });

  it('follow the default font size, whatever the page sets on its root', async () => {
    const normal = await sizes();
    expect(normal).to.deep.equal({text: '15px', avatar: '11px', headerAvatar: '14px', badge: '12px', inlineMinHeight: '384px', inputMaxHeight: '144px'});
    document.documentElement.style.fontSize = '62.5%';
    expect(await sizes()).to.deep.equal(normal);
  });
});
