// Which SYSTEM_MESSAGE errors change the connection lifecycle (protocol §8.3, §5.1). Matched
// case-insensitively on fragments, as the SDKs do, so small wording changes still match.

export type SystemErrorKind =
  /** `Error: Session not found`: the session is gone → new session. */
  | 'session-lost'
  /** `Error: Conversation not found` / `…Conversation ID not found in session` → re-join. */
  | 'conversation-lost'
  /** `Sorry, I'm unable to start a conversation right now…` → re-join, bounded. */
  | 'join-failed';

export function classifySystemError(message: string): SystemErrorKind | null {
  const text = message.toLowerCase();
  if (text.includes('session not found')) return 'session-lost';
  if (text.includes('conversation not found') || text.includes('conversation id not found')) return 'conversation-lost';
  if (text.includes('unable to start a conversation')) return 'join-failed';
  return null;
}
