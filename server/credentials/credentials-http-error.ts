/** A failure the handler answers with a JSON error body: `{error: code, message}`. */
export class CredentialsHttpError extends Error {
  override readonly name = 'CredentialsHttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly correlationId?: string,
  ) {
    super(message);
  }
}
