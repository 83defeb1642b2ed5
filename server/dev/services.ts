// The backend a developer gets for free in the demo and the browser tests: the PolyAI simulator
// and the reference credentials endpoint, mounted on one existing HTTP server (same origin, like a
// host's real backend). With POLYAI_* variables set, the endpoint talks to real PolyAI instead.
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {Duplex} from 'node:stream';
import {createSimulator, type Simulator, type SimulatorOptions} from '../simulator/index.js';
import {createCredentialsHandler, credentialsOptionsFromEnv} from '../credentials/index.js';

/** Where the demo and tests find the credentials endpoint (the `endpoint` attribute). */
export const CREDENTIALS_PATH = '/api/poly-chat/session';
const SIMULATOR_CONNECTOR = {token: 'sim-connector-token', host: 'localhost'};

export interface PolyChatServices {
  handles(req: IncomingMessage): boolean;
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** null when POLYAI_* variables point the endpoint at a real PolyAI host. */
  readonly simulator: Simulator | null;
  describe(): string;
  close(): Promise<void>;
}

export async function mountPolyChatServices(
  server: Server,
  options: SimulatorOptions & {env?: NodeJS.ProcessEnv},
): Promise<PolyChatServices> {
  const realPolyAi = credentialsOptionsFromEnv(options.env ?? process.env);
  const simulator = realPolyAi ? null : createSimulator({connectors: [SIMULATOR_CONNECTOR], ...options});
  if (simulator) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      simulator.handleUpgrade(req, socket, head);
    });
  }

  // The simulator's address is only known once the server listens, so build the handler lazily.
  let credentialsHandler: ReturnType<typeof createCredentialsHandler> | undefined;
  const handlerFor = (): ReturnType<typeof createCredentialsHandler> => {
    if (credentialsHandler) return credentialsHandler;
    if (realPolyAi) {
      credentialsHandler = createCredentialsHandler(realPolyAi);
    } else {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      credentialsHandler = createCredentialsHandler({
        baseUrl: `http://127.0.0.1:${port}`,
        publicBaseUrl: `http://localhost:${port}`,
        connectorToken: SIMULATOR_CONNECTOR.token,
        host: SIMULATOR_CONNECTOR.host,
        // Every demo tab and browser test comes from localhost and restarts at will; the simulator has no quota to protect.
        limits: {mintsPerMinute: 0, newSessionCooldownMs: 0},
      });
    }
    return credentialsHandler;
  };

  const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';
  const isSimulatorPath = (path: string): boolean => path.startsWith('/api/v1/') || path.startsWith('/__sim/');

  return {
    simulator,
    handles: (req) => pathOf(req) === CREDENTIALS_PATH || (simulator !== null && isSimulatorPath(pathOf(req))),
    async handleRequest(req, res) {
      if (pathOf(req) === CREDENTIALS_PATH) await handlerFor()(req, res);
      else if (!simulator?.handleRequest(req, res)) {
        res.writeHead(404, {'Content-Type': 'application/json'}).end(JSON.stringify({message: 'not found'}));
      }
    },
    describe: () =>
      realPolyAi ? `credentials endpoint → ${realPolyAi.baseUrl}` : 'PolyAI simulator + credentials endpoint included',
    close: async () => {
      await simulator?.close();
      // Closes the Redis connection when POLY_CHAT_REDIS_URL is set.
      await credentialsHandler?.close();
    },
  };
}
