// The runtime builds ChatSnapshot from TranscriptState: the shapes must stay assignable (checked by
// tsc -p tsconfig.node.json; the runtime assertion only keeps the test honest at run time).
import {it} from 'node:test';
import assert from 'node:assert/strict';
import {createTranscript} from '../../src/protocol/transcript.js';
import type {ChatSnapshot} from '../../src/model/snapshot.js';
import type {TranscriptState} from '../../src/protocol/transcript-types.js';

type FromTranscript = Pick<ChatSnapshot, 'sessionId' | 'messages' | 'agent' | 'liveAgent' | 'handoff' | 'typing' | 'endReason' | 'language'>;

function snapshotPart(state: TranscriptState): FromTranscript {
  return {
    sessionId: state.sessionId,
    messages: state.messages,
    agent: state.agent,
    liveAgent: state.liveAgent,
    handoff: state.handoff,
    typing: state.typing,
    endReason: state.endReason,
    language: state.language,
  };
}

it('TranscriptState maps onto ChatSnapshot without conversion', () => {
  const part = snapshotPart(createTranscript());
  assert.deepEqual(part.handoff, {phase: 'none'});
});
