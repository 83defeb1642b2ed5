// Small middleware for the browser tests' server (web-test-runner.config.mjs):
// - GET /__test-env: knobs from the environment for the browser side (CHAOS_SEED, CHAOS_SEEDS).
// - /__blocked-modules: POST a JSON list of paths the server then answers with 503 (a module that
//   cannot be loaded, as when offline), GET how often each was asked for, DELETE unblocks them.
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

/** Blocked path → how many requests it got. */
const blocked = new Map();

export async function blockedModulesMiddleware(ctx, next) {
  if (ctx.path === '/__blocked-modules') {
    if (ctx.method === 'POST') {
      for (const path of JSON.parse(await readBody(ctx.req))) blocked.set(path, 0);
      ctx.status = 204;
    } else if (ctx.method === 'DELETE') {
      blocked.clear();
      ctx.status = 204;
    } else {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(Object.fromEntries(blocked));
    }
    return;
  }
  if (!blocked.has(ctx.path)) return next();
  blocked.set(ctx.path, blocked.get(ctx.path) + 1);
  // Answered on the raw response: the runner would make a file's response cacheable for a year,
  // and the browser would then fail that module for the test files after this one too.
  ctx.status = 503; // for the runner's logger
  ctx.respond = false;
  ctx.res.writeHead(503, {'cache-control': 'no-store', 'content-type': 'text/plain'});
  ctx.res.end('blocked by the test');
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
