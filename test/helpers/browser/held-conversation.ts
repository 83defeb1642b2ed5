// A `.credentials` provider that behaves like a host backend holding one conversation per element:
// the first call (and any newSession: true) starts a new conversation through the real endpoint;
// newSession: false gets the held pair back. Unlike the endpoint's cookie, it is not shared by the
// other elements on the page.
import type {CredentialsProvider, PolyChatCredentials} from '../../../src/model/session-api.js';
import {ENDPOINT} from './simulator-client.js';

export interface HeldConversation {
  readonly provider: CredentialsProvider;
  /** Every session handed out, in order. */
  readonly sessions: string[];
  /** Calls made, in order. */
  readonly calls: Array<{newSession: boolean}>;
}

export function heldConversation(adjust?: (credentials: PolyChatCredentials) => PolyChatCredentials): HeldConversation {
  let held: PolyChatCredentials | null = null;
  const sessions: string[] = [];
  const calls: Array<{newSession: boolean}> = [];
  const provider: CredentialsProvider = async ({newSession, streaming}) => {
    calls.push({newSession});
    if (!newSession && held) return held;
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({new_session: true, streaming}),
    });
    if (!response.ok) throw new Error(`credentials endpoint answered ${response.status}`);
    const fresh = (await response.json()) as PolyChatCredentials;
    if (fresh.session_id) sessions.push(fresh.session_id);
    held = adjust ? adjust(fresh) : fresh;
    return held;
  };
  return {provider, sessions, calls};
}

/**
 * Makes the conversation the endpoint's cookie holds a fresh one, so an element with
 * `endpoint=…` (which resumes that conversation) does not pick up whatever an earlier test left.
 */
export async function freshCookieConversation(streaming: boolean): Promise<string> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({new_session: true, streaming}),
  });
  if (!response.ok) throw new Error(`credentials endpoint answered ${response.status}`);
  const {session_id: sessionId} = (await response.json()) as PolyChatCredentials;
  if (!sessionId) throw new Error('the endpoint gave no session');
  return sessionId;
}
