// Every code a `poly-chat-error` (and the snapshot's `error`) can carry: one union, so a host can
// switch over them and a new code is a type change here, not a string somewhere.

export type ChatErrorCode =
  // The credentials endpoint or callback (contract §4).
  | 'credentials-network' // unreachable, body cut off, or the callback threw
  | 'credentials-http' // non-2xx answer
  | 'credentials-invalid' // 2xx with a body that is not valid credentials
  | 'credentials-insecure' // endpoint URL refused; nothing was sent
  | 'credentials-timeout' // the request took too long
  // PolyAI's session REST call.
  | 'session-network'
  | 'session-http'
  | 'session-invalid' // 2xx without a usable session_id
  | 'session-insecure' // base URL not https (nor loopback http); the token was not sent
  | 'session-timeout'
  | 'session-unavailable' // new conversations kept being refused
  // The connection and the conversation.
  | 'insecure-url' // a non-loopback http:/ws: base URL: nothing connects
  | 'invalid-url'
  | 'connection-failed'
  | 'connection-lost'
  | 'protocol-error' // a malformed frame was ignored
  | 'agent-unavailable'
  | 'send-failed' // a message's echo never came; Retry is offered
  | 'message-too-large'
  // The element.
  | 'not-configured' // send() without endpoint or credentials
  | 'runtime-unavailable'
  | 'render-message-failed' // the host's renderMessage threw: the default layout was shown
  | 'export-failed' // the download button's export could not be loaded (offline)
  | 'invalid-metadata'; // a metadata set before the element was defined is not an object of strings: ignored
