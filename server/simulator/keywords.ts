// Keywords of the scripted agent: case-insensitive substrings of the user's message; the first
// entry that matches wins, so the specific ones come before the general ones.

export const KEYWORD_LIST = [
  {keyword: 'help', description: 'Lists these keywords as a Markdown list.'},
  {keyword: 'error conversation id', description: 'System error "Error: Conversation ID not found in session"; the next join greets again.'},
  {keyword: 'error conversation', description: 'System error "Error: Conversation not found"; the next join greets again.'},
  {keyword: 'error load', description: 'System error: the agent service is under high load.'},
  {keyword: 'error start', description: 'System error: unable to start a conversation; the next join greets again.'},
  {keyword: 'error reply', description: 'System error: the agent had trouble responding.'},
  {keyword: 'error stream', description: 'The reply breaks mid-way (some chunks, never is_complete), then the streaming error.'},
  {keyword: 'error session', description: 'System error "Error: Session not found".'},
  {keyword: 'error retrieve', description: 'System error "Error: Unable to retrieve session".'},
  {keyword: 'error connector', description: 'System error "Error: Connector not found".'},
  {keyword: 'error forward', description: 'System error "Failed to forward message to live agent" (also works during a live chat).'},
  {keyword: 'error handoff', description: 'System error "Sorry, we could not connect you to an agent. Please try again."'},
  {keyword: 'error initiate', description: 'System error "Sorry, handoff could not be initiated."'},
  {keyword: 'handoff fail', description: 'Handoff accepted, then HANDOFF_FAILED and its system error; Poly stays.'},
  {keyword: 'handoff timeout', description: 'Handoff accepted and queued, then HANDOFF_TIMEOUT; Poly stays.'},
  {keyword: 'transfer', description: 'Client-managed handoff: CLIENT_HANDOFF_REQUIRED with an https route, then Poly leaves.'},
  {keyword: 'agent', description: 'Server-managed handoff to the live agent Priya (queue updates); say "bye" to finish.'},
  {keyword: 'human', description: 'Same as "agent".'},
  {keyword: 'markdown', description: 'A reply with bold, italic, inline code, a list, a link, a bare URL and line breaks.'},
  {keyword: 'xss', description: 'A reply full of HTML and javascript: links that must be shown as text, never run.'},
  {keyword: 'link', description: 'A link card attachment with a call-to-action button.'},
  {keyword: 'image', description: 'An image attachment.'},
  {keyword: 'suggest', description: 'A reply with three response suggestions.'},
  {keyword: 'call', description: 'A reply with "call us" actions (chat_call_actions).'},
  {keyword: 'long', description: 'A long multi-paragraph reply (many chunks when streaming).'},
  {keyword: 'huge', description: 'A reply that is one 512 KB word without spaces: far above max_message_size_bytes, which limits only what the client sends.'},
  {keyword: 'français', description: 'LANGUAGE_CHANGED fr-FR and a reply in French.'},
  {keyword: 'french', description: 'Same as "français".'},
  {keyword: 'deutsch', description: 'LANGUAGE_CHANGED de-DE and a reply in German.'},
  {keyword: 'español', description: 'LANGUAGE_CHANGED es-ES and a reply in Spanish.'},
  {keyword: 'arabic', description: 'LANGUAGE_CHANGED ar and a reply in Arabic (right to left).'},
  {keyword: 'english', description: 'LANGUAGE_CHANGED en-US and a reply in English.'},
  {keyword: 'goodbye', description: 'A farewell with end_conversation, then SESSION_END REASON_NATURAL_END.'},
] as const;

export type Keyword = (typeof KEYWORD_LIST)[number]['keyword'];

export const KEYWORDS: ReadonlyArray<{keyword: string; description: string}> = KEYWORD_LIST;

export function matchKeyword(text: string): Keyword | null {
  const lower = text.toLowerCase();
  return KEYWORD_LIST.find((entry) => lower.includes(entry.keyword))?.keyword ?? null;
}
