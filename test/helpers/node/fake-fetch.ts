// A scripted `fetch`: records every request and answers from a queue, so REST clients are tested
// without a network. An empty queue rejects loudly rather than hanging.
export interface RecordedRequest {
  url: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string | undefined;
  credentials: RequestCredentials | undefined;
  cache: RequestCache | undefined;
  signal: AbortSignal | undefined;
}

/** A Response, an Error (fetch rejects with it: a network failure), or a function of the request. */
export type FakeFetchAnswer =
  | Response
  | Error
  | ((request: RecordedRequest) => Response | Error | Promise<Response>);

export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  private readonly answers: FakeFetchAnswer[] = [];

  /** Queues answers for the next requests, in order. */
  reply(...answers: FakeFetchAnswer[]): this {
    this.answers.push(...answers);
    return this;
  }

  /** Fits the transport's `FetchLike` and the global `fetch` type. Honours `init.signal` (rejects with AbortError). */
  readonly fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request: RecordedRequest = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init.method ?? 'GET',
      headers: headersToRecord(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
      cache: init.cache,
      signal: init.signal ?? undefined,
    };
    this.requests.push(request);
    const answer = this.answers.shift();
    const result = Promise.resolve().then(() => {
      if (answer === undefined) throw new Error(`FakeFetch: no answer queued for ${request.method} ${request.url}`);
      const value = typeof answer === 'function' ? answer(request) : answer;
      if (value instanceof Error) throw value;
      return value;
    });
    return withAbort(result, request.signal);
  };

  /** The last request; throws when there is none, so a test reads it without `!`. */
  get last(): RecordedRequest {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error('FakeFetch: no request was made');
    return request;
  }
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: {'content-type': 'application/json', ...headersToRecord(init.headers)},
  });
}

export function textResponse(text: string, init: ResponseInit = {}): Response {
  return new Response(text, init);
}

/** A 200 whose body stream fails part-way, like a connection dropped mid-response. */
export function brokenBodyResponse(init: ResponseInit = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.error(new TypeError('terminated'));
    },
  });
  return new Response(body, init);
}

function withAbort(result: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (signal === undefined) return result;
  const aborted = (): DOMException => new DOMException('The operation was aborted.', 'AbortError');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<Response>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(aborted()), {once: true});
    result.then(resolve, reject);
  });
}

function headersToRecord(init: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
