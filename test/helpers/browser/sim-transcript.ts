// The simulator's stored history is the truth: what a correct client shows, derived from it the way
// a reader of protocol.md would (one line per message, in sequence order, streamed replies as the
// concatenation of their chunks in chunk_index order), to compare with what <poly-chat> shows.
import type {PolyChatMessage} from '../../../src/protocol/message.js';
import {simSession} from './simulator-client.js';
import type {SimSessionRecord} from './simulator-client.js';

export interface ContentLine {
  readonly role: 'user' | 'agent' | 'live-agent' | 'system';
  readonly text: string;
}

type StoredEvent = SimSessionRecord['history'][number];

interface Draft {
  line: {role: ContentLine['role']; text: string};
  chunks?: Map<number, string>;
}

/** The messages a stored history shows, in sequence order (client notices excluded). */
export function contentFromHistory(history: readonly StoredEvent[]): ContentLine[] {
  const drafts: Draft[] = [];
  const streams = new Map<string, Draft>();
  const sorted = [...history].sort((a, b) => a.sequence - b.sequence);
  for (const event of sorted) {
    const payload = event.payload as Record<string, unknown>;
    const text = typeof payload['text'] === 'string' ? payload['text'] : '';
    switch (event.type) {
      case 'EVENT_TYPE_USER_MESSAGE':
        drafts.push({line: {role: 'user', text}});
        break;
      case 'EVENT_TYPE_POLY_AGENT_MESSAGE':
      case 'EVENT_TYPE_LIVE_AGENT_MESSAGE':
        if (text !== '') drafts.push({line: {role: event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE' ? 'agent' : 'live-agent', text}});
        break;
      case 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK': {
        const id = String(payload['message_id']);
        let draft = streams.get(id);
        if (!draft) {
          draft = {line: {role: 'agent', text: ''}, chunks: new Map()};
          streams.set(id, draft);
          drafts.push(draft);
        }
        draft.chunks?.set(Number(payload['chunk_index']), text);
        break;
      }
      case 'EVENT_TYPE_SYSTEM_MESSAGE':
        drafts.push({line: {role: 'system', text: String(payload['message'] ?? '')}});
        break;
    }
  }
  return drafts
    .map((draft) => {
      if (!draft.chunks) return draft.line;
      const indexes = [...draft.chunks.keys()].sort((a, b) => a - b);
      return {role: draft.line.role, text: indexes.map((index) => draft.chunks?.get(index) ?? '').join('')};
    })
    .filter((line) => line.role === 'user' || line.text !== '');
}

/** What the element shows, in the same terms (client-written notices left out). */
export function contentOfMessages(messages: readonly PolyChatMessage[]): ContentLine[] {
  return messages
    .filter((message) => message.role !== 'system' || message.noticeKey === undefined)
    .map((message) => ({role: message.role, text: message.text}));
}

/** Stored histories and received client frames of several sessions, in the order given. */
export async function sessionRecords(sessionIds: readonly string[]): Promise<SimSessionRecord[]> {
  return Promise.all(sessionIds.map((id) => simSession(id)));
}

/** The concatenated truth of several sessions (a transcript that went through new conversations). */
export function expectedContent(records: readonly SimSessionRecord[]): ContentLine[] {
  return records.flatMap((record) => contentFromHistory(record.history));
}

export function sameContent(a: readonly ContentLine[], b: readonly ContentLine[]): boolean {
  return a.length === b.length && a.every((line, i) => line.role === b[i]?.role && line.text === b[i]?.text);
}

/** A readable line-by-line comparison for failure messages. */
export function contentDiff(shown: readonly ContentLine[], truth: readonly ContentLine[]): string {
  const rows: string[] = [];
  const clip = (line: ContentLine | undefined): string => (line ? `${line.role}: ${JSON.stringify(line.text.slice(0, 60))}` : '—');
  for (let i = 0; i < Math.max(shown.length, truth.length); i++) {
    const a = shown[i];
    const b = truth[i];
    const same = a?.role === b?.role && a?.text === b?.text;
    rows.push(`${same ? '  ' : '≠ '}${i}: shown ${clip(a)} | stored ${clip(b)}`);
    if (!same && a && b && a.role === b.role) {
      // Where the texts part: a few characters around the first difference (lengths too).
      let at = 0;
      while (at < a.text.length && a.text[at] === b.text[at]) at++;
      const around = (text: string): string => JSON.stringify(text.slice(Math.max(0, at - 20), at + 40));
      rows.push(`     from char ${at}: shown ${around(a.text)} (${a.text.length}) | stored ${around(b.text)} (${b.text.length})`);
    }
  }
  return rows.join('\n');
}

/** client_event_id → how many USER_MESSAGE frames carrying it the simulator received (all sessions). */
export function receivedUserMessages(records: readonly SimSessionRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const frame of record.received) {
      if (frame.type !== 'EVENT_TYPE_USER_MESSAGE') continue;
      const id = frame.metadata?.custom?.['client_event_id'] ?? `(no id) ${String(frame.payload?.['text'])}`;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}
