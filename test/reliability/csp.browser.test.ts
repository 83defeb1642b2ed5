// The demo page demo/csp.html, served (test/helpers/server/wtr-middleware.mjs) with the strict
// Content-Security-Policy a careful host sets, Trusted Types enforced, runs a whole conversation in
// an iframe: streaming, Markdown, attachments, suggestions, call actions, RTL, a reconnect, garbage,
// the XSS corpus, a handoff and the end. Zero violations, counted in the page and by the browser's
// own reports; a deliberate violation at the end proves both counters work.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {freshCookieConversation} from '../helpers/browser/held-conversation.js';
import {simControl, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';
import {XSS_PAYLOADS} from '../helpers/browser/xss-corpus.js';

async function serverReports(): Promise<unknown[]> {
  return (await (await fetch('/__csp-reports')).json()) as unknown[];
}

describe('a host page with a strict Content-Security-Policy', () => {
  let iframe: HTMLIFrameElement;

  afterEach(async () => {
    iframe.remove();
    await simControl({command: 'reset'});
  });

  it('runs a whole conversation with zero CSP violations', async function () {
    this.timeout(60_000);
    const header = (await fetch('/demo/csp.html')).headers.get('content-security-policy') ?? '';
    expect(header).to.contain("script-src 'self'").and.to.contain("style-src 'self'").and.to.contain("require-trusted-types-for 'script'");
    await fetch('/__csp-reports', {method: 'DELETE'});
    // The page resumes the conversation its endpoint cookie holds: make that a fresh one (streamed, like the page's).
    const sessionId = await freshCookieConversation(true);

    iframe = document.createElement('iframe');
    iframe.width = '480';
    iframe.height = '720';
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, {once: true}));
    iframe.src = '/demo/csp.html';
    document.body.append(iframe);
    await loaded;
    // (cspViolations: demo/csp.ts; __xssFired: the corpus's canary.)
    const win = iframe.contentWindow as Window & typeof globalThis;
    const doc = iframe.contentDocument as Document;
    await waitFor(() => win.customElements?.get('poly-chat') !== undefined && Array.isArray(win.cspViolations), 'the page module ran');
    const chat = doc.querySelector('poly-chat') as PolyChat;
    const shadow = chat.shadowRoot as ShadowRoot;

    const agentReplies = (): number => chat.messages.filter((message) => message.role !== 'user' && message.role !== 'system').length;
    const settled = (): boolean => chat.messages.at(-1)?.role !== 'user' && chat.messages.at(-1)?.complete === true;
    const say = async (text: string): Promise<void> => {
      const before = agentReplies();
      chat.send(text);
      await waitFor(() => agentReplies() > before && settled(), `a reply to "${text}"`, 15_000);
      await chat.updateComplete;
    };

    await waitFor(() => chat.status === 'live' && agentReplies() > 0 && settled(), 'live and greeted', 15_000);
    expect(chat.sessionId).to.equal(sessionId);
    await simControl({command: 'agentDelay', sessionId, ms: 1});

    await say('markdown please');
    await say('a link please');
    await say('an image please');
    await say('suggest something');
    const suggestion = shadow.querySelector<HTMLButtonElement>('[part~="suggestion"]');
    expect(suggestion).to.not.equal(null);
    const beforeSuggestion = agentReplies();
    suggestion?.click();
    await waitFor(() => agentReplies() > beforeSuggestion && settled(), 'the suggestion answered');
    await say('call me');
    await say('xss');
    await say('arabic');
    expect(shadow.querySelector('.root')?.getAttribute('dir')).to.equal('rtl');
    await say('english');

    await simControl({command: 'garbage', sessionId, count: 6});
    await simControl({command: 'drop', sessionId});
    await waitFor(() => chat.status === 'reconnecting', 'the drop');
    await waitFor(() => chat.status === 'live', 'reconnected', 15_000);

    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      await simControl({
        command: 'raw',
        sessionId,
        type: 'EVENT_TYPE_POLY_AGENT_MESSAGE',
        payload: {
          message_id: `csp-${index}`,
          text: payload,
          agent_name: payload,
          avatar_url: payload,
          attachments: [{title: payload, content_url: payload, preview_image_url: payload, content_type: 'ATTACHMENT_CONTENT_TYPE_URL', call_to_action_text: payload}],
          response_suggestions: [{message_text: payload}],
        },
      });
      await simControl({command: 'raw', sessionId, type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {level: 'SYSTEM_MESSAGE_LEVEL_INFO', message: payload}});
    }
    await waitFor(() => chat.messages.some((message) => message.id.endsWith(`:csp-${XSS_PAYLOADS.length - 1}`)), 'the corpus shown');
    await chat.updateComplete;

    await say('I need a human agent');
    await waitFor(() => chat.status === 'handoff' && chat.messages.some((message) => message.role === 'live-agent'), 'Priya');
    await say('hello Priya');
    chat.send('bye');
    await waitFor(() => chat.status === 'ended', 'the end');
    await chat.updateComplete;

    expect(win.__xssFired ?? 0).to.equal(0);
    expect(win.cspViolations).to.deep.equal([], 'violations seen by the page');

    // A deliberate violation: once its report is in, any earlier one would be too.
    const style = doc.createElement('style');
    style.textContent = 'body { outline: 1px solid red; }';
    doc.head.append(style);
    await waitFor(() => (win.cspViolations?.length ?? 0) > 0, 'the deliberate violation seen');
    // (Once per enforced policy: the header's and the page's <meta> copy.)
    expect(win.cspViolations?.every((violation) => violation.startsWith('style-src'))).to.equal(true);
    await waitForAsync(async () => (await serverReports()).length > 0, 'its report');
    const reports = (await serverReports()) as Array<{'csp-report'?: {'violated-directive'?: string; 'effective-directive'?: string}}>;
    expect(reports).to.have.length(1, JSON.stringify(reports));
    expect(reports[0]?.['csp-report']?.['effective-directive']).to.match(/^style-src/);
  });
});
