// The credentials endpoint on a plain node:http server, with `poly-chat/server`.
// POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN and POLYAI_HOST come from the environment; the connector
// token stays on this server. Run: `node node-http.js` (PORT defaults to 3000).
import {createServer} from 'node:http';
import {createCredentialsHandler, credentialsOptionsFromEnv} from 'poly-chat/server';

const options = credentialsOptionsFromEnv();
if (!options) throw new Error('Set POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN and POLYAI_HOST');
const polyChatSession = createCredentialsHandler(options);

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/api/poly-chat/session') {
    void polyChatSession(req, res); // answers POST only (405 otherwise); never rejects
    return;
  }
  // … the rest of your site: pages, static files, your own API.
  res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
});

server.listen(Number(process.env.PORT ?? 3000), () => {
  const {port} = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`credentials endpoint: http://localhost:${port}/api/poly-chat/session`);
});
