// The XSS corpus (test/helpers/browser/xss-corpus.ts) placed in every field server data reaches the
// UI through: agent and live-agent text, agent names and avatars, attachment titles, URLs and
// buttons, suggestions, call actions, system messages, handoff routes and queue texts, language
// codes, the end reason. The simulator stores and sends each as a real event (`raw`). Nothing may
// run (a canary every payload would flip), no dangerous URL may become a link or an image source,
// and the payload must stay readable as text (the readable text is written out in the corpus).
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, waitFor} from '../helpers/browser/simulator-client.js';
import {XSS_PAYLOADS, XSS_READABLE, squash, unsafeMarkup} from '../helpers/browser/xss-corpus.js';

const LEVELS = ['SYSTEM_MESSAGE_LEVEL_INFO', 'SYSTEM_MESSAGE_LEVEL_WARNING', 'SYSTEM_MESSAGE_LEVEL_ERROR'];
const noSpace = (text: string): string => text.replace(/\s+/g, '');

/**
 * A few animation frames: handlers a payload could smuggle in fire after rendering (image
 * `onerror` once the load fails, `ontoggle` after the details element opens, `onfocus` after
 * autofocus), so the canary is read only once they had their chance.
 */
async function afterFrames(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a sighted user reads in `node` (screen-reader-only hints left out). */
function shownText(node: Element | null | undefined): string {
  if (!node) return '';
  const copy = node.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
  return copy.textContent ?? '';
}

function attachmentsOf(payload: string): object[] {
  return [
    {title: payload, content_url: payload, preview_image_url: payload, content_type: 'ATTACHMENT_CONTENT_TYPE_URL', call_to_action_text: payload},
    {title: payload, content_url: payload, preview_image_url: payload, content_type: 'ATTACHMENT_CONTENT_TYPE_IMAGE'},
    {title: payload, content_url: `https://ok.example/${encodeURIComponent(payload)}`, content_type: 'ATTACHMENT_CONTENT_TYPE_URL'},
  ];
}

describe('XSS: hostile server data is shown, never run', () => {
  let world: RealChatWorld;
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent): void => {
    errors.push(event.error ?? event.message);
  };

  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it(`${XSS_PAYLOADS.length} payloads in every field: nothing executes, no unsafe link or image, the text stays readable`, async function () {
    this.timeout(60_000);
    expect(XSS_PAYLOADS.length).to.be.at.least(50);
    window.__xssFired = 0;
    world = installRealRuntime();
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${heldConversation().provider}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'agentDelay', sessionId, ms: 0});
    const raw = (type: string, payload: object): Promise<unknown> => simControl({command: 'raw', sessionId, type, payload});
    const root = el.shadowRoot as ShadowRoot;

    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      const label = `payload #${index} ${JSON.stringify(payload)}`;
      await raw('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: payload, agent_avatar_url: payload});
      await raw('EVENT_TYPE_LIVE_AGENT_JOINED', {agent: {id: `live-${index}`, name: payload, avatar_url: payload}});
      await raw('EVENT_TYPE_HANDOFF_QUEUE_STATUS', {queue_name: payload, display_message: payload});
      await raw('EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', {reason: payload, queue_name: payload, route: payload});
      await raw('EVENT_TYPE_LANGUAGE_CHANGED', {language_code: payload});
      await raw('EVENT_TYPE_LIVE_AGENT_MESSAGE', {
        message_id: `live-${index}`,
        agent_id: `live-${index}`,
        agent_name: payload,
        avatar_url: payload,
        text: payload,
        attachments: attachmentsOf(payload),
        response_suggestions: [{message_text: payload}],
      });
      await raw('EVENT_TYPE_SYSTEM_MESSAGE', {level: LEVELS[index % 3], message: payload});
      await raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {
        message_id: `agent-${index}`,
        text: payload,
        agent_name: payload,
        avatar_url: payload,
        attachments: attachmentsOf(payload),
        response_suggestions: [{message_text: payload}, {message_text: `${payload} (2)`}],
        chat_call_actions: [{title: payload, contact_number: payload}],
      });
      await waitFor(() => el.messages.some((message) => message.id.endsWith(`:agent-${index}`)), `${label} shown`);
      await el.updateComplete;

      const agent = root.querySelector(`[data-message-id$=":agent-${index}"]`);
      const live = root.querySelector(`[data-message-id$=":live-${index}"]`);
      const system = [...root.querySelectorAll('[part~="message-system"]')].map((node) => squash(node.textContent ?? ''));
      const readable = noSpace(XSS_READABLE[index] ?? '');
      expect(noSpace(shownText(agent?.querySelector('[part~="bubble"]'))), `${label}: agent text`).to.contain(readable);
      expect(noSpace(shownText(live?.querySelector('[part~="bubble"]'))), `${label}: live-agent text`).to.contain(readable);
      if (squash(payload) !== '') {
        expect(system.some((text) => text.includes(squash(payload))), `${label}: system message`).to.equal(true);
        const titles = [...(agent?.querySelectorAll('.card-title') ?? [])].map((node) => squash(node.textContent ?? ''));
        expect(titles, `${label}: attachment title`).to.include(squash(payload));
        const suggestions = [...root.querySelectorAll('[part~="suggestion"]')].map((node) => squash(node.textContent ?? ''));
        expect(suggestions, `${label}: suggestion`).to.deep.equal([squash(payload), squash(`${payload} (2)`)]);
        expect(squash(agent?.querySelector('[part~="byline"]')?.textContent ?? ''), `${label}: agent name`).to.contain(squash(payload));
      }
      expect(unsafeMarkup(root), label).to.deep.equal([]);
      await afterFrames();
      expect(window.__xssFired, label).to.equal(0);
    }

    // Clicking a suggestion sends its text as plain text; the end reason is the last field.
    el.send(XSS_PAYLOADS[1] ?? '');
    await raw('EVENT_TYPE_SESSION_END', {reason: XSS_PAYLOADS[0]});
    await waitFor(() => el.status === 'ended', 'the end');
    await el.updateComplete;
    expect(unsafeMarkup(root)).to.deep.equal([]);
    expect(unsafeMarkup(el.parentElement ?? el), 'the light DOM around the element').to.deep.equal([]);
    await afterFrames();
    expect(window.__xssFired).to.equal(0);
    expect(errors).to.deep.equal([]);
    // The host element's own attributes (lang follows LANGUAGE_CHANGED) hold them as plain values.
    for (const attribute of el.attributes) expect(attribute.name.startsWith('on'), attribute.name).to.equal(false);
  });
});
