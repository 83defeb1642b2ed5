import {randomBytes} from 'node:crypto';

/** 32 random bytes in base64url: the only shape of id this handler ever issues. */
const CONVERSATION_KEY = /^[A-Za-z0-9_-]{43}$/;

/** A fresh opaque conversation id: 256 bits from the CSPRNG, meaningless outside the store. */
export function newConversationKey(): string {
  return randomBytes(32).toString('base64url');
}

export function isConversationKey(value: string): boolean {
  return CONVERSATION_KEY.test(value);
}
