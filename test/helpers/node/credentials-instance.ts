// One instance of the credentials endpoint in its own process, for the load test and bench
// (test/helpers/node/credentials-load.ts). Configured by environment; talks over IPC:
// sends {port} once listening, answers 'report' with its memory after a GC, and 'stop' by exiting.
import {createServer} from 'node:http';
import type {CredentialsHandlerOptions} from '../../../server/credentials/index.js';
import {MemoryConversationStore, createCredentialsHandler} from '../../../server/credentials/index.js';

export interface InstanceReport {
  heapUsedBytes: number;
  rssBytes: number;
  /** Conversations in the memory store (memory mode only). */
  entries?: number;
}

const env = process.env;
const mode = env.LOAD_MODE ?? 'memory';
const store = mode === 'memory' ? new MemoryConversationStore({maxEntries: Number(env.LOAD_MAX_ENTRIES ?? 10_000)}) : undefined;
const options: CredentialsHandlerOptions = {
  baseUrl: env.LOAD_UPSTREAM_URL ?? '',
  connectorToken: 'load-connector-token',
  host: 'load.example',
  // Each simulated visitor has its own address, as behind a real proxy.
  trustProxy: true,
  logger: {warn: () => {}, error: (message) => console.error(message)},
};
if (store) options.store = store;
if (mode === 'sealed') options.secret = env.LOAD_SECRET ?? '';
if (mode === 'redis') options.redisUrl = env.LOAD_REDIS_URL ?? '';
const handler = createCredentialsHandler(options);

const server = createServer((req, res) => void handler(req, res));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({port: typeof address === 'object' && address ? address.port : 0});
});

process.on('message', (message) => {
  if (message === 'report') {
    (globalThis as {gc?: () => void}).gc?.();
    const {heapUsed, rss} = process.memoryUsage();
    const report: InstanceReport = {heapUsedBytes: heapUsed, rssBytes: rss};
    if (store) report.entries = store.size;
    process.send?.(report);
  } else if (message === 'stop') {
    server.closeAllConnections();
    server.close();
    void handler.close().finally(() => process.exit(0));
  }
});
