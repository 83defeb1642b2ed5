// "Call us" actions ([S] chat_call_actions): tel: links styled as buttons. Numbers holding anything
// but dial characters are dropped.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {CallAction} from '../protocol/wire.js';
import {phoneIcon} from './icons.js';
import {telUrl} from './safe-url.js';

export function renderCallActions(
  actions: readonly CallAction[] | undefined,
  strings: PolyChatStrings,
): TemplateResult | typeof nothing {
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
}
