// Public entry of the PolyAI Messaging simulator (shared/protocol.md §11.2).
export {createSimulator, resolveOptions} from './simulator.js';
export type {Simulator} from './simulator.js';
export {startSimulator} from './start-simulator.js';
export type {RunningSimulator} from './start-simulator.js';
export {KEYWORDS} from './keywords.js';
export {GARBAGE_KINDS} from './garbage.js';
export {HANDSHAKE_ERRORS, REST_ERRORS, SESSION_END_REASONS, SYSTEM_ERRORS} from './event-types.js';
export {GREETING, LIVE_AGENT, POLY_AGENT} from './agent-content.js';
export type {
  FaultSettings,
  GarbageKind,
  RefusalStatus,
  SessionSummary,
  SimulatorCommand,
  SimulatorOptions,
  SimulatorTimers,
  VariantSettings,
  WireEvent,
} from './types.js';
export {SERVER_VARIANTS, SERVER_VARIANT_NAMES, serverVariantCommands, serverVariantForSeed} from './server-variants.js';
export type {ServerVariant, ServerVariantName, VariantCommand} from './server-variants.js';
