// startSimulator(): a node:http server on 127.0.0.1 running only the simulator (tests, demo).
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createSimulator} from './simulator.js';
import type {Simulator} from './simulator.js';
import type {SimulatorOptions} from './types.js';

export interface RunningSimulator {
  /** http://127.0.0.1:<port> — REST at /api/v1, the socket at ws://127.0.0.1:<port>/ws. */
  url: string;
  simulator: Simulator;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions & {port?: number} = {}): Promise<RunningSimulator> {
  const {port = 0, ...simulatorOptions} = options;
  const simulator = createSimulator(simulatorOptions);
  const server = createServer((req, res) => {
    if (!simulator.handleRequest(req, res)) {
      res.writeHead(404, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({message: 'Not found', error: 'Not found'}));
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!simulator.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const {port: actual} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    simulator,
    close: async () => {
      await simulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
