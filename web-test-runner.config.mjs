// Browser tests: one engine per run (POLY_CHAT_ENGINE: chromium, the default, firefox or webkit;
// scripts/browser-engines.mjs), TypeScript through esbuild, and the PolyAI simulator plus the
// reference credentials endpoint mounted on the test server itself (same origin, like production).
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter, summaryReporter} from '@web/test-runner';
import {fileURLToPath} from 'node:url';
import {tsImport} from 'tsx/esm/api';
import {countReporter} from './scripts/wtr-count-reporter.mjs';
import {engineLauncher} from './scripts/browser-engines.mjs';
import {cspDemoMiddleware, testEnvMiddleware} from './test/helpers/server/wtr-middleware.mjs';

// esbuild reads this file as-is (it does not follow `extends`): point it at the one with the decorator options.
const tsconfig = fileURLToPath(new URL('./tsconfig.base.json', import.meta.url));

let services;

/** Mounts the simulator and credentials endpoint (server/dev/services.ts) on the test server. */
function polyChatServicesPlugin() {
  return {
    name: 'poly-chat-services',
    async serverStart({server}) {
      const {mountPolyChatServices} = await tsImport('./server/dev/services.ts', import.meta.url);
      services = await mountPolyChatServices(server, {idleTimeoutMs: 60_000});
    },
    async serverStop() {
      await services?.close();
    },
  };
}

/** Runs before the static file server, so the API routes are never answered with a 404. */
async function polyChatServicesMiddleware(ctx, next) {
  if (services?.handles(ctx.req)) {
    ctx.status = 200; // the raw handler answers; without this the runner's logger reports a 404
    ctx.respond = false;
    await services.handleRequest(ctx.req, ctx.res);
    return;
  }
  await next();
}

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: {exportConditions: ['production']},
  concurrency: 1,
  testsFinishTimeout: 15 * 60_000,
  // forbidOnly: a stray `.only` fails the run instead of silently skipping every other test.
  testFramework: {config: {timeout: 20_000, forbidOnly: true}},
  browsers: [engineLauncher(process.env.POLY_CHAT_ENGINE ?? 'chromium')],
  middleware: [polyChatServicesMiddleware, testEnvMiddleware, cspDemoMiddleware],
  plugins: [esbuildPlugin({ts: true, tsconfig}), polyChatServicesPlugin()],
  reporters: [defaultReporter(), summaryReporter({flatten: false}), countReporter()],
};
