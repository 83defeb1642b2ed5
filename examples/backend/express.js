// The credentials endpoint in an Express app, with `poly-chat/server`.
// POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN and POLYAI_HOST come from the environment; the connector
// token stays on this server. Run: `node express.js` (PORT defaults to 3000).
import express from 'express';
import {createCredentialsHandler, credentialsOptionsFromEnv} from 'poly-chat/server';

const options = credentialsOptionsFromEnv();
if (!options) throw new Error('Set POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN and POLYAI_HOST');

const app = express();
app.use(express.json()); // optional: the handler reads the body itself when nothing parsed it
// Behind a reverse proxy, also pass {...options, trustProxy: true} (or POLY_CHAT_TRUST_PROXY=true) so the
// rate limits see the visitor's address, not the proxy's (see "Deploying the endpoint" in the README).
app.post('/api/poly-chat/session', createCredentialsHandler(options));
// … the rest of your app, e.g. the page that embeds <poly-chat endpoint="/api/poly-chat/session">:
// app.use(express.static('public'));

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  const {port} = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`credentials endpoint: http://localhost:${port}/api/poly-chat/session`);
});
