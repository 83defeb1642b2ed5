// Validates a control command that arrived as JSON (POST /__sim/control). Throws a readable
// Error for anything malformed; the route turns it into a 400.
import {isPlainObject} from './client-frame.js';
import {GARBAGE_KINDS} from './garbage.js';
import type {GarbageKind, RefusalStatus, SimulatorCommand} from './types.js';

type Fields = Record<string, unknown>;

function num(fields: Fields, key: string, required: true): number;
function num(fields: Fields, key: string, required?: false): number | undefined;
function num(fields: Fields, key: string, required = false): number | undefined {
  const value = fields[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`"${key}" must be a number`);
  return value;
}

function str(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`"${key}" must be a string`);
  return value;
}

function bool(fields: Fields, key: string): boolean | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new Error(`"${key}" must be a boolean`);
  return value;
}

function oneOf<T>(value: unknown, allowed: readonly T[], key: string): T {
  if (!allowed.includes(value as T)) throw new Error(`"${key}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

function optionalOneOf<T>(fields: Fields, key: string, allowed: readonly T[]): T | undefined {
  return fields[key] === undefined ? undefined : oneOf(fields[key], allowed, key);
}

/** Drops undefined keys so optional fields stay absent. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseCommand(input: unknown): SimulatorCommand {
  if (!isPlainObject(input) || typeof input.command !== 'string') throw new Error('expected {"command": "<name>", …}');
  const f = input;
  const sessionId = str(f, 'sessionId');
  switch (f.command) {
    case 'drop':
      return compact({command: 'drop', sessionId, afterEvents: num(f, 'afterEvents')});
    case 'close':
      return compact({command: 'close', sessionId, code: num(f, 'code', true), reason: str(f, 'reason')});
    case 'refuseHandshakes': {
      const status = f.status === undefined ? undefined : oneOf<RefusalStatus>(f.status, [400, 401, 404, 429], 'status');
      return compact({command: 'refuseHandshakes', sessionId, count: num(f, 'count', true), status, retryAfter: num(f, 'retryAfter')});
    }
    case 'expireSession':
      return compact({command: 'expireSession', sessionId, code: num(f, 'code')});
    case 'faults':
      return compact({
        command: 'faults',
        sessionId,
        delayMs: num(f, 'delayMs'),
        duplicateRate: num(f, 'duplicateRate'),
        reorderRate: num(f, 'reorderRate'),
        overlapReplay: num(f, 'overlapReplay'),
        splitBatches: num(f, 'splitBatches'),
        interleaveLive: bool(f, 'interleaveLive'),
      });
    case 'variants':
      return compact({
        command: 'variants',
        sessionId,
        oneof: bool(f, 'oneof'),
        flatLiveAgent: bool(f, 'flatLiveAgent'),
        bareHeartbeat: bool(f, 'bareHeartbeat'),
        legacyQueuePosition: bool(f, 'legacyQueuePosition'),
        noEmptyBatch: bool(f, 'noEmptyBatch'),
        sessionStartOnResume: bool(f, 'sessionStartOnResume'),
        sequenceGaps: bool(f, 'sequenceGaps'),
        chunkIndexBase: optionalOneOf(f, 'chunkIndexBase', [0, 1] as const),
        chunkIndexGap: bool(f, 'chunkIndexGap'),
        repeatChunkNewId: bool(f, 'repeatChunkNewId'),
        heartbeatEcho: optionalOneOf(f, 'heartbeatEcho', ['normal', 'none', 'bare'] as const),
        echoWithoutMetadata: bool(f, 'echoWithoutMetadata'),
        closeWithoutEnd: bool(f, 'closeWithoutEnd'),
        endReasonStyle: optionalOneOf(f, 'endReasonStyle', ['enum', 'lowercase', 'none'] as const),
        anonymousEvents: bool(f, 'anonymousEvents'),
        missingTimestamp: bool(f, 'missingTimestamp'),
        nullSequenceInBatch: bool(f, 'nullSequenceInBatch'),
      });
    case 'garbage': {
      let kinds: GarbageKind[] | undefined;
      if (f.kinds !== undefined) {
        if (!Array.isArray(f.kinds)) throw new Error('"kinds" must be an array');
        kinds = f.kinds.map((kind) => oneOf(kind, GARBAGE_KINDS, 'kinds[]'));
      }
      return compact({command: 'garbage', sessionId, count: num(f, 'count'), kinds});
    }
    case 'say': {
      const text = str(f, 'text');
      if (text === undefined) throw new Error('"text" is required');
      const role = oneOf(f.role, ['agent', 'live-agent'] as const, 'role');
      return compact({command: 'say', sessionId, role, text, streaming: bool(f, 'streaming')});
    }
    case 'endSession':
      return compact({command: 'endSession', sessionId, reason: str(f, 'reason')});
    case 'restFailures': {
      const endpoint = oneOf(f.endpoint, ['access-token', 'sessions'] as const, 'endpoint');
      const status = f.status === undefined ? undefined : oneOf(f.status, [429, 500] as const, 'status');
      return compact({command: 'restFailures', endpoint, count: num(f, 'count', true), status, retryAfter: num(f, 'retryAfter')});
    }
    case 'idleTimeout':
      return {command: 'idleTimeout', ms: num(f, 'ms', true)};
    case 'capabilities':
      return compact({command: 'capabilities', maxReconnectAttempts: num(f, 'maxReconnectAttempts'), heartbeatIntervalSeconds: num(f, 'heartbeatIntervalSeconds')});
    case 'agentDelay':
      return compact({command: 'agentDelay', sessionId, ms: num(f, 'ms', true)});
    case 'raw': {
      const type = str(f, 'type');
      if (type === undefined) throw new Error('"type" is required');
      if (f.payload !== undefined && !isPlainObject(f.payload)) throw new Error('"payload" must be an object');
      return compact({command: 'raw', sessionId, type, payload: f.payload as Record<string, unknown> | undefined});
    }
    case 'frames': {
      if (!Array.isArray(f.frames) || !f.frames.every((frame) => typeof frame === 'string')) throw new Error('"frames" must be an array of strings');
      return compact({command: 'frames', sessionId, frames: f.frames as string[]});
    }
    case 'silence':
      return compact({command: 'silence', sessionId});
    case 'reset':
      return compact({command: 'reset', sessionId});
    case 'seed':
      return compact({command: 'seed', seed: num(f, 'seed', true), sessionId});
    case 'sessions':
      return {command: 'sessions'};
    default:
      throw new Error(`unknown command "${String(f.command)}"`);
  }
}
