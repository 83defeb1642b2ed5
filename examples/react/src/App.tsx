import {useState} from 'react';
import type {CredentialsProvider, PolyChatStrings} from 'poly-chat';

// React 19 sets these as properties, so a function and an object reach the element as they are.
// Keep them stable (module scope, or useCallback / useMemo): React sets a property again whenever
// the value's identity changes.

/** Your own credentials request (custom headers, your auth) instead of the `endpoint` attribute. */
const credentials: CredentialsProvider = async ({newSession, streaming}) => {
  const response = await fetch('/api/poly-chat/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({new_session: newSession, streaming}),
  });
  if (!response.ok) throw new Error(`credentials endpoint answered ${response.status}`);
  return response.json();
};

const strings: Partial<PolyChatStrings> = {inputPlaceholder: 'Ask the React demo anything'};

export function App() {
  const [status, setStatus] = useState('idle');
  const [lastMessage, setLastMessage] = useState('none yet');
  const [lastFeedback, setLastFeedback] = useState('none yet');

  return (
    <main>
      <h1>poly-chat in React 19</h1>
      <div className="chat">
        {/* The `onpoly-chat-*` handlers' events are typed by poly-chat/react (no annotation needed). */}
        <poly-chat
          mode="inline"
          feedback="messages"
          credentials={credentials}
          strings={strings}
          onpoly-chat-status-change={(event) => setStatus(event.status)}
          onpoly-chat-message={(event) => setLastMessage(`${event.message.role}: ${event.message.text}`)}
          onpoly-chat-feedback={(event) => setLastFeedback(`${event.value} on ${event.messageId ?? 'the conversation'}`)}
          onpoly-chat-error={(event) => console.warn(`poly-chat: ${event.code}`, event.message)}
        ></poly-chat>
      </div>
      <p>
        Status: <output id="status">{status}</output>
      </p>
      <p>
        Last message: <output id="last-event">{lastMessage}</output>
      </p>
      <p>
        Last rating: <output id="last-feedback">{lastFeedback}</output>
      </p>
      {/* The typings are real: tsc rejects a mode the element does not have. */}
      {/* @ts-expect-error 'sideways' is not 'inline' | 'launcher' */}
      {false && <poly-chat mode="sideways"></poly-chat>}
    </main>
  );
}
