// Side-effect-free public API: importing this module defines nothing and touches no global.
export {PolyChat} from './element/poly-chat.js';
export type {PolyChatMode, PolyChatSendOptions, PolyChatTheme, PolyChatTimestamps, TranscriptFormat} from './element/poly-chat.js';
export {polyChatSessionContext} from './element/session-context.js';
export type {PolyChatSession} from './element/session-context.js';

export {PolyChatStatusChangeEvent} from './events/status-change-event.js';
export {PolyChatMessageEvent} from './events/message-event.js';
export {PolyChatErrorEvent} from './events/error-event.js';
export {PolyChatEndEvent} from './events/end-event.js';
export {PolyChatFeedbackEvent} from './events/feedback-event.js';
export type {PolyChatFeedbackValue} from './model/feedback.js';
export {PolyChatOpenChangeEvent} from './events/open-change-event.js';

export {setDefaultRuntimeFactory} from './controller/runtime-factory.js';
export type {RuntimeFactory} from './controller/runtime-factory.js';
export {SessionController} from './controller/session-controller.js';
export type {SessionConfig, SessionControllerOptions} from './controller/session-controller.js';

export {resolveStrings} from './i18n/resolve-strings.js';
export type {ResolvedStrings} from './i18n/resolve-strings.js';
export type {PolyChatStrings, PolyChatStringKey, TextDirection} from './i18n/strings.js';

export type {PolyChatMessageRenderer} from './view/messages.js';
export type {PolyChatAttachment, PolyChatDelivery, PolyChatMessage, PolyChatRole} from './protocol/message.js';
export type {
  CredentialsProvider,
  PolyChatCredentials,
  SessionRuntimeApi,
  SessionRuntimeOptions,
} from './model/session-api.js';
export type {
  AgentInfo,
  ChatError,
  ChatSnapshot,
  HandoffInfo,
  HandoffPhase,
  PolyChatStatus,
  TypingInfo,
} from './model/snapshot.js';
export type {ChatErrorCode} from './model/error-code.js';
export type {RuntimeEventDetails, RuntimeEventMap} from './model/runtime-events.js';
