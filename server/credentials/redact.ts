const REDACTED = '[redacted]';

/**
 * Last line of defence against leaking secrets: replaces every occurrence of each known secret
 * (raw and URL-encoded) in a message. Messages are built without secrets in the first place; this
 * catches what we do not control, such as an upstream error body that echoes a header.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: readonly string[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string): void {
    if (secret === '') return;
    this.#secrets.add(secret);
    this.#secrets.add(encodeURIComponent(secret));
  }

  redact(message: string): string {
    let result = message;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }
}
