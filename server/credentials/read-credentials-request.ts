import type {IncomingMessage} from 'node:http';
import {CredentialsHttpError} from './credentials-http-error.js';

/** The element's request body (contract §4), with missing fields read as false. */
export interface CredentialsRequest {
  newSession: boolean;
  streaming: boolean;
}

export const MAX_BODY_BYTES = 4096;

const EXAMPLE = '{"new_session": false, "streaming": false}';

function tooLarge(): CredentialsHttpError {
  // Connection: close, so a client still sending a huge body cannot keep the socket busy.
  return new CredentialsHttpError(413, 'payload_too_large', `Request body exceeds ${MAX_BODY_BYTES} bytes`, {Connection: 'close'});
}

function badRequest(message: string): CredentialsHttpError {
  return new CredentialsHttpError(400, 'bad_request', message);
}

function readBoolean(body: Record<string, unknown>, field: string): boolean {
  const value = body[field];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw badRequest(`"${field}" must be a boolean, e.g. ${EXAMPLE}`);
  return value;
}

function validate(body: unknown): CredentialsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`Request body must be a JSON object, e.g. ${EXAMPLE}`);
  }
  const record = body as Record<string, unknown>;
  return {newSession: readBoolean(record, 'new_session'), streaming: readBoolean(record, 'streaming')};
}

function parse(bytes: Buffer): CredentialsRequest {
  if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest(`Request body is not valid JSON; expected e.g. ${EXAMPLE}`);
  }
  return validate(body);
}

function readStream(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        // Keep draining (discarding) so the 413 reaches the client instead of a connection reset.
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (): void => {
      cleanup();
      reject(badRequest('Request body could not be read'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/**
 * Checks the content type and reads and validates the body. Uses `req.body` when a framework
 * (Express `json()`) already parsed it; otherwise reads at most MAX_BODY_BYTES from the stream.
 */
export async function readCredentialsRequest(req: IncomingMessage & {body?: unknown}): Promise<CredentialsRequest> {
  // Requiring application/json is also a CSRF guard: it is not a CORS-safelisted content type, so a
  // cross-site page cannot send this request without a preflight, which this endpoint never grants.
  const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new CredentialsHttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  const preParsed = req.body;
  if (Buffer.isBuffer(preParsed)) return parse(preParsed);
  if (typeof preParsed === 'string') return parse(Buffer.from(preParsed, 'utf8'));
  if (typeof preParsed === 'object' && preParsed !== null) {
    if (Buffer.byteLength(JSON.stringify(preParsed)) > MAX_BODY_BYTES) throw tooLarge();
    return validate(preParsed);
  }
  if (req.readableEnded) throw badRequest('Request body was already consumed by another body parser');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    throw tooLarge();
  }
  return parse(await readStream(req));
}
