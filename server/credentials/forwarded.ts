/** The first value of a forwarding header (`X-Forwarded-Proto: https, http` → `https`), trimmed. */
export function forwardedValue(header: string | string[] | undefined): string | undefined {
  const first = Array.isArray(header) ? header[0] : header;
  const value = first?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}
