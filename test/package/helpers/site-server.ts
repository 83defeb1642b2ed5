// A host site for the embedding tests: static files from one or more directories plus the PolyAI
// simulator and the reference credentials endpoint (server/dev/services.ts) on one node:http
// server, on a port of its own: the same-origin setup a real host has.
import {createReadStream, existsSync, statSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {mountPolyChatServices, type PolyChatServices} from '../../../server/dev/services.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Site {
  url: string;
  services: PolyChatServices;
  close(): Promise<void>;
}

/** `mounts` maps a URL path prefix ('/' or '/x/') or an exact path ('/x.js') to a directory or a file. */
export async function startSite(mounts: Record<string, string>): Promise<Site> {
  const server: Server = createServer();
  const services = await mountPolyChatServices(server, {idleTimeoutMs: 60_000});
  const entries = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);

  const resolveFile = (urlPath: string): string | null => {
    for (const [prefix, target] of entries) {
      if (urlPath === prefix && !prefix.endsWith('/')) return target;
      if (prefix.endsWith('/') && urlPath.startsWith(prefix)) {
        const relative = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
        const file = path.resolve(target, relative);
        if (!file.startsWith(path.resolve(target))) return null;
        if (existsSync(file) && statSync(file).isDirectory()) return path.join(file, 'index.html');
        return file;
      }
    }
    return null;
  };

  server.on('request', (req, res) => {
    if (services.handles(req)) {
      void services.handleRequest(req, res);
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = resolveFile(urlPath);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
      return;
    }
    res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store'});
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    // localhost, not 127.0.0.1: the credentials endpoint hands out http://localhost:<port> as base_url.
    url: `http://localhost:${port}`,
    services,
    close: async () => {
      await services.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
