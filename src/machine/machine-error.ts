// An error the machine reports or carries. Same shape as the runtime's ChatError, declared here so
// the pure core does not import from the runtime layer.

import type {ChatErrorCode} from '../model/error-code.js';

export interface MachineError {
  /** Stable machine-readable code, e.g. 'connection-failed', 'insecure-url'. */
  readonly code: ChatErrorCode;
  /** Plain English; never contains a token or other secret. */
  readonly message: string;
}
