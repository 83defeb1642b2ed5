// Vite serves the demo (npm start) with the simulator and credentials endpoint mounted on the dev
// server, and builds the library (npm run build).
import {defineConfig, type Plugin} from 'vite';
import type {Server} from 'node:http';
import {fileURLToPath} from 'node:url';
import {mountPolyChatServices} from './server/dev/services.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Mounts the PolyAI simulator and the reference credentials endpoint on vite's own server. */
function polyChatServices(): Plugin {
  return {
    name: 'poly-chat-services',
    async configureServer(server) {
      if (!server.httpServer) return;
      // `vite` serves plain HTTP/1.1 here (no https option), so the server is a node:http Server.
      const services = await mountPolyChatServices(server.httpServer as Server, {});
      server.middlewares.use((req, res, next) => {
        if (services.handles(req)) void services.handleRequest(req, res);
        else next();
      });
      server.httpServer.on('close', () => void services.close());
      server.httpServer.once('listening', () => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : 5173;
        setTimeout(() => {
          console.log(`\n  poly-chat demo: http://localhost:${port}/  (${services.describe()})\n`);
        }, 50);
      });
    },
  };
}

export default defineConfig({
  root: here('./demo'),
  publicDir: false,
  server: {port: 5173, host: 'localhost'},
  plugins: [polyChatServices()],
});
