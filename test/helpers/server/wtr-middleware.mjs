// Small middleware for the browser tests' server (web-test-runner.config.mjs):
// - GET /__test-env: knobs from the environment for the browser side (CHAOS_SEED, CHAOS_SEEDS).
// - /demo/csp*: served with the strict Content-Security-Policy a careful host would set, reporting
//   any violation to /__csp-reports (POST by the browser; GET lists them, DELETE clears them).

/** The policy demo/csp.html runs under (and repeats in a <meta> for `npm start`). */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const reports = [];

export async function testEnvMiddleware(ctx, next) {
  if (ctx.path !== '/__test-env') return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({CHAOS_SEED: process.env.CHAOS_SEED, CHAOS_SEEDS: process.env.CHAOS_SEEDS});
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export async function cspDemoMiddleware(ctx, next) {
  if (ctx.path === '/__csp-reports') {
    if (ctx.method === 'POST') {
      const text = await readBody(ctx.req);
      try {
        reports.push(JSON.parse(text));
      } catch {
        reports.push({unparsable: text});
      }
      ctx.status = 204;
    } else if (ctx.method === 'DELETE') {
      reports.length = 0;
      ctx.status = 204;
    } else {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(reports);
    }
    return;
  }
  await next();
  if (ctx.path.startsWith('/demo/csp')) ctx.set('Content-Security-Policy', `${DEMO_CSP}; report-uri /__csp-reports`);
}
