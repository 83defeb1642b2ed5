// Keeps a launcher's panel state across the pages of one visit: the panel open or minimised, and
// the unread count, restored from sessionStorage when the next page's element meets the same
// conversation source (launcher-record.ts). A host that set `open` itself wins over the stored
// state. The record names its conversation: once the element learns that the conversation is
// another one (a restart, or the old one was over), nothing of the old one's is carried over.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {pageSessionStorage} from '../runtime/page-storage.js';
import {launcherRecordKey, readLauncherRecord, serializeLauncherRecord, writeLauncherRecord} from './launcher-record.js';
import type {LauncherRecord} from './launcher-record.js';

/** The unread count's owner (UnreadController). */
export interface UnreadCount {
  readonly count: number;
  restore(count: number): void;
  clear(): void;
}

export interface LauncherMemoryOptions {
  /** Launcher mode (an inline chat remembers nothing). */
  readonly launcher: () => boolean;
  /** The conversation source (endpoint or credentials callback); null while none is configured. */
  readonly source: () => string | null;
  readonly open: () => boolean;
  /** The host set `open` itself (attribute or property): its value wins. */
  readonly openSetByHost: () => boolean;
  readonly restoreOpen: (open: boolean) => void;
  readonly sessionId: () => string | null;
  readonly unread: UnreadCount;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export class LauncherMemoryController implements ReactiveController {
  readonly #options: LauncherMemoryOptions;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The record restored from and written to; null until a launcher has a source. */
  #key: string | null = null;
  #session: string | null = null;
  #written: string | null = null;

  constructor(host: ReactiveControllerHost, options: LauncherMemoryOptions) {
    this.#options = options;
    this.#storage = options.storage === undefined ? pageSessionStorage() : options.storage;
    host.addController(this);
  }

  /** A conversation was had in this visit (on this page or an earlier one): the visitor opened the chat. */
  get conversed(): boolean {
    return this.#session !== null;
  }

  /**
   * Takes the stored state, once per conversation source. Call before the update that decides
   * whether the session starts, so a panel that was open starts its conversation at once.
   */
  restore(): void {
    const options = this.#options;
    const source = options.launcher() ? options.source() : null;
    if (source === null || launcherRecordKey(source) === this.#key) return;
    this.#key = launcherRecordKey(source);
    const record = readLauncherRecord(this.#storage, this.#key);
    this.#session = record?.session ?? null;
    this.#written = record && serializeLauncherRecord(record);
    if (!record) return;
    if (!options.openSetByHost()) options.restoreOpen(record.open);
    if (!options.open()) options.unread.restore(record.unread);
  }

  hostUpdate(): void {
    const session = this.#options.sessionId();
    if (this.#key === null || session === null || session === this.#session) return;
    // Another conversation than the record's: its unread messages are not in this one.
    if (this.#session !== null) this.#options.unread.clear();
    this.#session = session;
  }

  hostUpdated(): void {
    const options = this.#options;
    if (this.#key === null || !options.launcher()) return;
    const record: LauncherRecord = {
      session: this.#session,
      open: options.open(),
      unread: options.unread.count,
    };
    const serialized = serializeLauncherRecord(record);
    if (serialized === this.#written) return;
    this.#written = serialized;
    writeLauncherRecord(this.#storage, this.#key, record);
  }
}
