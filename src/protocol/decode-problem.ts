// Why decodeFrame refused a frame, dropped one event of a batch, or ignored an event.

export type DecodeProblemCode =
  // The whole frame is unusable (DecodeResult.ok === false):
  | 'binary' // ArrayBuffer / typed array / Blob: the protocol uses text frames only (§3.2)
  | 'not-text' // any other non-string value
  | 'too-large' // more UTF-8 bytes than options.maxBytes
  | 'bad-json' // JSON.parse failed
  // One event (the frame's only one, or one element of a batch):
  | 'not-an-event' // not an object, or no string `type`
  | 'bad-event' // a known type with a missing / wrong-typed required field (`id`, `message_id`, …)
  // Not errors (DecodeResult.ignored):
  | 'unknown-type' // a type we do not know (§4.2: log and drop)
  | 'ignored-type'; // a schema type the server does not send yet (§6.5)

export interface DecodeProblem {
  readonly code: DecodeProblemCode;
  /** Short English explanation; clipped, never the whole frame. */
  readonly detail: string;
  /** The event's `type` when it had one (clipped). */
  readonly eventType?: string;
  /** Position inside EVENT_TYPE_EVENT_BATCH.payload.events. */
  readonly index?: number;
}
