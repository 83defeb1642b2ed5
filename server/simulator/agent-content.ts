// What the scripted agents say. Plain data, so the script stays about order and the tests can
// compare against these constants.
import {KEYWORD_LIST} from './keywords.js';

export const POLY_AGENT = {
  name: 'Poly',
  avatarUrl: 'https://picsum.photos/seed/poly-agent/96/96',
} as const;

export const LIVE_AGENT = {
  id: 'agent_17',
  name: 'Priya',
  avatarUrl: 'https://picsum.photos/seed/priya/96/96',
} as const;

export const QUEUE_NAME = 'General support';
export const CLIENT_HANDOFF_QUEUE = 'billing-specialists';
export const CLIENT_HANDOFF_ROUTE = 'https://support.example.com/chat?queue=billing-specialists';

export interface Suggestion {
  message_text: string;
}

export interface Attachment {
  title: string;
  preview_image_url?: string;
  content_url: string;
  content_type: 'ATTACHMENT_CONTENT_TYPE_URL' | 'ATTACHMENT_CONTENT_TYPE_IMAGE';
  call_to_action_text?: string;
}

export const suggestions = (...texts: string[]): Suggestion[] => texts.map((message_text) => ({message_text}));

export const GREETING = {
  text: "Hi! I'm Poly, the simulator's virtual agent. Type **help** to see what I can do.",
  suggestions: suggestions('help', 'Show me markdown', 'Talk to a human'),
};

export function helpText(): string {
  const lines = KEYWORD_LIST.map((entry) => `- \`${entry.keyword}\`: ${entry.description}`);
  return `Include one of these words in a message:\n\n${lines.join('\n')}\n\nAnything else gets a friendly echo.`;
}

export const MARKDOWN_TEXT = [
  'Here is **bold**, *italic* and `inline code`.',
  '',
  'A list:',
  '- first item',
  '- second item',
  '- third item',
  '',
  'A [documentation link](https://docs.poly.ai/api-reference/messaging/introduction) and a bare URL: https://example.com/bare',
  'This line follows a single line break.',
].join('\n');

export const XSS_TEXT = [
  '<img src=x onerror="alert(1)"> <script>alert(2)</script>',
  '[click me](javascript:alert(3)) [data](data:text/html,<b>x</b>)',
  '<a href="javascript:alert(4)">html link</a> & &amp; "quotes" \'apostrophes\'',
].join('\n');

export const LINK_REPLY = {
  text: 'Here is a page that might help:',
  attachments: [
    {
      title: 'Opening hours',
      preview_image_url: 'https://picsum.photos/seed/poly-hours/320/180',
      content_url: 'https://www.example.com/hours',
      content_type: 'ATTACHMENT_CONTENT_TYPE_URL',
      call_to_action_text: 'See hours',
    },
  ] satisfies Attachment[],
};

export const IMAGE_REPLY = {
  text: 'Here is a picture of our shop:',
  attachments: [
    {
      title: 'Our shop',
      preview_image_url: 'https://picsum.photos/seed/poly-shop/320/180',
      content_url: 'https://picsum.photos/seed/poly-shop/1280/720',
      content_type: 'ATTACHMENT_CONTENT_TYPE_IMAGE',
    },
  ] satisfies Attachment[],
};

export const SUGGEST_REPLY = {
  text: 'Pick one of these:',
  suggestions: suggestions('Show an image', 'Send a link', 'goodbye'),
};

export const CALL_REPLY = {
  text: 'You can also call us:',
  callActions: [
    {title: 'Call support', contact_number: '+44 20 7946 0000'},
    {title: 'Call sales', contact_number: '+1 555 0100'},
  ],
};

export const LONG_TEXT = [
  'Thanks for asking for the long version. This reply is deliberately long, so that a streaming session shows many chunks arriving one after another and the transcript has to grow smoothly while it scrolls.',
  'Our opening hours are Monday to Friday from nine in the morning until six in the evening, and Saturday from ten until four. On public holidays the shop is closed, but this chat stays available and a person answers the next working day.',
  'Orders placed before two in the afternoon ship the same day. Delivery usually takes two to three working days within the country and five to ten days abroad. Every parcel has a tracking link that arrives by email once it leaves the warehouse.',
  'Returns are free within thirty days. Keep the original packaging if you can, print the label from your account page, and drop the parcel at any post office. Refunds reach your card within five working days of the return arriving.',
  'If anything else comes up, just ask. You can also type help to see every trick this simulated agent knows.',
].join('\n\n');

/** Size of the `huge` reply: 512 KiB, four times the advertised max_message_size_bytes (Q7). */
export const HUGE_WORD_BYTES = 524_288;

/** One word of HUGE_WORD_BYTES ASCII letters and no spaces: a renderer must wrap it, the client must accept the frame. */
export function hugeWord(bytes = HUGE_WORD_BYTES): string {
  return 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(bytes / 26)).slice(0, bytes);
}

export const HUGE_TEXT = hugeWord();

export const LANGUAGES = {
  'français': {code: 'fr-FR', text: 'Bien sûr ! Je continue en français. Comment puis-je vous aider ?'},
  french: {code: 'fr-FR', text: 'Bien sûr ! Je continue en français. Comment puis-je vous aider ?'},
  deutsch: {code: 'de-DE', text: 'Gern! Ich antworte ab jetzt auf Deutsch. Wie kann ich helfen?'},
  'español': {code: 'es-ES', text: '¡Claro! Seguimos en español. ¿En qué puedo ayudarte?'},
  arabic: {code: 'ar', text: 'بالتأكيد! سأتابع باللغة العربية. كيف يمكنني مساعدتك؟'},
  english: {code: 'en-US', text: 'Sure, back to English. How can I help?'},
} as const;

export const GOODBYE_TEXT = 'Thanks for chatting with me. Goodbye!';
export const HANDOFF_TEXT = "Sure, I'm connecting you to a member of our team.";
export const TRANSFER_TEXT = "This needs a specialist, so I'll hand you over to our support team.";
export const HANDOFF_TRY_TEXT = 'Let me try to connect you to a person.';
export const STREAM_BROKEN_TEXT = 'Let me look that up for you, it will only take a moment while I check the details of';
export const LIVE_GREETING = "Hi, I'm Priya from the support team. How can I help?";

export function defaultReply(userText: string): string {
  return `You said: "${userText}". Type **help** to see what I can do.`;
}

export function liveReply(userText: string): string {
  return `Thanks, I've got your message: "${userText}". Anything else? (Say "bye" to finish.)`;
}
