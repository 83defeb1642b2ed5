// The transcript id of a user message sent from this page, before and after its echo: one prefix,
// one place (the transcript, delivery and the view all find a message by it).

export function localMessageId(clientEventId: string): string {
  return `c:${clientEventId}`;
}
