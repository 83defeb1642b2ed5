// Message times and day separators (issue 18 item 3): `<time datetime>` clock times in the UI
// language under the last message of each author's run (`auto`), under every message (`always`) or
// nowhere (`never`), and a separator naming each new day; a conversation of today alone has none.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {$$, chatFixture, parts, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

const HOUR = 3_600_000;
/** Today at 10:42 local time, and the same time `days` days before. */
function at(days: number, hour = 10, minute = 42): Date {
  const date = new Date();
  date.setDate(date.getDate() - days);
  date.setHours(hour, minute, 0, 0);
  return date;
}
const iso = (date: Date): string => date.toISOString();
const clockTime = (date: Date, lang = 'en'): string => new Intl.DateTimeFormat(lang, {hour: 'numeric', minute: '2-digit'}).format(date);
const times = (el: HTMLElement): Array<[string | undefined, string]> =>
  parts(el as never, 'message').map((message) => {
    const time = message.querySelector('[part~="timestamp"]');
    return [message.dataset['messageId'], time ? text(time) : ''];
  });

describe('message timestamps', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('auto: the time under the last message of each run, as a <time datetime>; no separator for today alone', async () => {
    const first = agentMessage('Hello', {id: 'a1', timestamp: iso(at(0, 10, 40))});
    const second = agentMessage('How can I help?', {id: 'a2', timestamp: iso(at(0, 10, 41))});
    const mine = userMessage('My order', {id: 'u1', timestamp: iso(at(0, 10, 42))});
    const notice = systemMessage('A support agent joined the chat.', {id: 's1', timestamp: iso(at(0, 10, 43))});
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [first, second, mine, notice]});
    expect(times(chat.el)).to.deep.equal([
      ['a1', ''],
      ['a2', clockTime(at(0, 10, 41))],
      ['u1', clockTime(at(0, 10, 42))],
      ['s1', ''],
    ]);
    const time = $$(chat.el, '[part~="timestamp"]')[0];
    expect(time?.tagName).to.equal('TIME');
    expect(time?.getAttribute('datetime')).to.equal(iso(at(0, 10, 41)));
    expect(parts(chat.el, 'date-separator')).to.have.length(0);
    await expect(chat.el).to.be.accessible();
  });

  it('separators name each new day: the first day, "Yesterday", "Today"; a run does not cross midnight', async () => {
    const older = at(5);
    const messages = [
      agentMessage('five days ago', {id: 'd5', timestamp: iso(older)}),
      agentMessage('yesterday', {id: 'd1', timestamp: iso(at(1))}),
      agentMessage('today', {id: 'd0', timestamp: iso(at(0))}),
    ];
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages});
    const separators = parts(chat.el, 'date-separator');
    const olderName = new Intl.DateTimeFormat('en', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: older.getFullYear() === new Date().getFullYear() ? undefined : 'numeric',
    }).format(older);
    expect(separators.map((separator) => text(separator))).to.deep.equal([olderName, 'Yesterday', 'Today']);
    // Read as text: a role="separator" would hide the day's name from screen readers.
    expect(separators.every((separator) => !separator.hasAttribute('role'))).to.equal(true);
    const day = at(1);
    const isoDay = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect(separators[1]?.querySelector('time')?.getAttribute('datetime')).to.equal(isoDay);
    // Each day's message ends its own run: all three show their time and their byline.
    expect(times(chat.el).map(([, time]) => time !== '')).to.deep.equal([true, true, true]);
    expect(parts(chat.el, 'byline')).to.have.length(3);
    await expect(chat.el).to.be.accessible();
  });

  it('in the UI language', async () => {
    const messages = [agentMessage('gestern', {timestamp: iso(at(1, 15, 5))}), agentMessage('heute', {timestamp: iso(at(0, 15, 5))})];
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="de"></poly-chat>`, {status: 'live', messages});
    expect(parts(chat.el, 'date-separator').map((separator) => text(separator))).to.deep.equal(['Gestern', 'Heute']);
    expect(text(parts(chat.el, 'timestamp')[1])).to.equal(clockTime(at(0, 15, 5), 'de'));
  });

  it('always: every message, notices too; never: no time and no separator', async () => {
    const messages = [
      agentMessage('one', {timestamp: iso(at(1))}),
      agentMessage('two', {timestamp: iso(at(0))}),
      systemMessage('notice', {timestamp: new Date(at(0).getTime() + HOUR).toISOString()}),
    ];
    const chat = await chatFixture(html`<poly-chat endpoint="/e" timestamps="always"></poly-chat>`, {status: 'live', messages});
    expect(parts(chat.el, 'timestamp')).to.have.length(3);
    chat.el.timestamps = 'never';
    await chat.el.updateComplete;
    expect(chat.el.getAttribute('timestamps')).to.equal('never');
    expect(parts(chat.el, 'timestamp')).to.have.length(0);
    expect(parts(chat.el, 'date-separator')).to.have.length(0);
  });

  it('a message without a readable time shows none', async () => {
    const messages = [agentMessage('no time'), agentMessage('bad time', {timestamp: 'yesterday-ish'})];
    const chat = await chatFixture(html`<poly-chat endpoint="/e" timestamps="always"></poly-chat>`, {status: 'live', messages});
    expect(parts(chat.el, 'timestamp')).to.have.length(0);
    expect(parts(chat.el, 'date-separator')).to.have.length(0);
  });

  it('a new message re-renders only what changed: the earlier message of the run loses its time, the others keep their templates', async () => {
    const first = agentMessage('first', {id: 'k1', timestamp: iso(at(0, 9, 0))});
    const mine = userMessage('mine', {id: 'k2', timestamp: iso(at(0, 9, 1))});
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [first, mine]});
    // A host layout that leaves every message as it is, counting what is rendered (memoised
    // messages are not rendered again, so it is not called for them).
    const rendered: string[] = [];
    chat.el.renderMessage = (message, defaultTemplate) => {
      rendered.push(message.id);
      return defaultTemplate;
    };
    await chat.el.updateComplete;
    rendered.length = 0;
    await chat.set({messages: [first, mine, userMessage('again', {id: 'k3', timestamp: iso(at(0, 9, 2))})]});
    expect(times(chat.el)).to.deep.equal([
      ['k1', clockTime(at(0, 9, 0))],
      ['k2', ''],
      ['k3', clockTime(at(0, 9, 2))],
    ]);
    expect(rendered.sort()).to.deep.equal(['k2', 'k3'], 'k1 keeps its template; k2 loses its time; k3 is new');
  });
});
