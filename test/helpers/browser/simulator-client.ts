// Browser-side helpers for end-to-end tests: drive the simulator mounted on the test server
// (same origin) and wait for conditions without fixed sleeps.
import type {CredentialsProvider} from '../../../src/model/session-api.js';

export const ENDPOINT = '/api/poly-chat/session';

/** Sends a control command to the simulator (see server/simulator/types.ts SimulatorCommand). */
export async function simControl(command: Record<string, unknown>): Promise<unknown> {
  const response = await fetch('/__sim/control', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(command),
  });
  if (!response.ok) throw new Error(`simulator control ${String(command['command'])} failed: ${response.status}`);
  return response.json();
}

export interface SimSessionRecord {
  history: Array<{id: string; sequence: number; type: string; payload: Record<string, unknown>}>;
  received: Array<{type: string; payload?: Record<string, unknown>; metadata?: {custom?: Record<string, string>}}>;
}

/** The simulator's stored history and every client frame it received for a session. */
export async function simSession(sessionId: string): Promise<SimSessionRecord> {
  const response = await fetch(`/__sim/sessions/${encodeURIComponent(sessionId)}`);
  if (!response.ok) throw new Error(`no simulator session ${sessionId}: ${response.status}`);
  return (await response.json()) as SimSessionRecord;
}

/**
 * A credentials provider, through the real credentials endpoint, whose conversation is its own:
 * its first call starts a new conversation (so tests do not resume each other's conversation
 * through the shared cookie); later calls pass `newSession` through, so a re-fetch after a refused
 * socket resumes the same conversation, as the element's own endpoint client would. One per runtime.
 */
export function freshConversation(): CredentialsProvider {
  let first = true;
  return async ({newSession, streaming}) => {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({new_session: first || newSession, streaming}),
    });
    if (!response.ok) throw new Error(`credentials endpoint answered ${response.status}`);
    // Only a conversation the endpoint actually started is ours to resume.
    first = false;
    return response.json();
  };
}

/** Polls `condition` every animation frame until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Like waitFor, for conditions that need a round trip (e.g. asking the simulator). */
export async function waitForAsync(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
