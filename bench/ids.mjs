// Event and message ids of the bench's histories, in two shapes (issue 13):
//   random     UUID v4s from a PRNG seeded with the session id (the same bytes every run);
//   colliding  `evt_00000001_<one session uuid>`: a counter in the middle, so every id has the same
//              length and the same first and last characters — what a hash of an id's ends alone
//              cannot tell apart, and what some servers send.
export const ID_SHAPES = ['random', 'colliding'];

/** mulberry32 seeded with a string's FNV-1a hash: a deterministic source of 32-bit words. */
function words(seed) {
  let a = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function uuidFrom(next) {
  const hex = [next(), next(), next(), next()].map((word) => word.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Id makers for one session: `event(n)` and `message(n)` give the n-th id of each kind. */
export function idMaker(shape, sessionId) {
  const next = words(sessionId);
  if (shape === 'colliding') {
    const session = uuidFrom(next);
    const counter = (n) => String(n).padStart(8, '0');
    return {event: (n) => `evt_${counter(n)}_${session}`, message: (n) => `msg_${counter(n)}_${session}`};
  }
  return {event: () => uuidFrom(next), message: () => uuidFrom(next)};
}
