// "Call us" actions ([S] chat_call_actions): tel: links styled as buttons. Numbers holding anything
// but dial characters are dropped. Comes with rare-views-chunk.ts, so it gets lit's tags and its
// helpers from its loader (rare-views.ts).
import type {PolyChatStrings} from '../i18n/strings.js';
import type {CallAction} from '../protocol/wire.js';
import {phoneIcon} from './icons.js';
import type {RareViewKit} from './rare-views.js';

export type CallActionsRenderer = (actions: readonly CallAction[] | undefined, strings: PolyChatStrings) => unknown;

export const callActionsRenderer =
  ({html, nothing, telUrl}: RareViewKit): CallActionsRenderer =>
  (actions, strings) => {
    const links = (actions ?? []).flatMap((action) => {
      const href = telUrl(action.contactNumber);
      if (!href) return [];
      const label = action.title?.trim() || action.contactNumber;
      return [
        html`<a part="call-action" class="call-action" href=${href} rel="noopener noreferrer"
          >${phoneIcon()}<span>${label}</span></a
        >`,
      ];
    });
    if (links.length === 0) return nothing;
    return html`<div class="call-actions" role="group" aria-label=${strings.callActionsLabel}>${links}</div>`;
  };
