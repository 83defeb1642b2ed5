// Vite serves the demo (npm start) with the simulator and credentials endpoint mounted on the dev
// server, and builds the library (npm run build → scripts/build.mjs, which runs the two builds below).
import {defineConfig, type Plugin, type UserConfig} from 'vite';
import type {Server} from 'node:http';
import {fileURLToPath, pathToFileURL} from 'node:url';
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

// ---- build (`npm run build`) ----
// Two library builds of src/, chosen by `--mode`:
//   lib    → dist/index.js (side-effect free) + dist/poly-chat.js (the define module); lit and
//            @lit/context stay external (npm dependencies, deduplicated with the app's own copy).
//            Lazily imported modules become dist/chunks/*.js, which the app's bundler picks up.
//   bundle → dist/poly-chat.bundle.js: one self-defining ES module with lit inlined, minified,
//            for a plain <script type="module"> (CDN, CMS snippet). What src/ loads lazily with
//            import() (the session chunk, locales) goes to dist/poly-chat.bundle.<name>-<hash>.js
//            next to it, fetched relative to the bundle's own URL: host the bundle.* files
//            together. lit's tagged templates are minified too (scripts/minify-literals.mjs).
//            Hidden sourcemaps feed scripts/size-report.mjs and are not published.
// Both target ES2022 (custom elements, private fields and adopted stylesheets need a modern
// browser anyway) and read lit's `production` export condition.
const LIT_EXTERNAL = [/^lit(\/|$)/, /^@lit\//];

async function minifyLiterals(): Promise<Plugin> {
  // Plain .mjs shared with the bench, loaded by path (it has no type declarations).
  const module = (await import(pathToFileURL(here('./scripts/minify-literals.mjs')).href)) as {minifyLiteralsPlugin: () => Plugin};
  return module.minifyLiteralsPlugin();
}

async function buildConfig(mode: string): Promise<UserConfig> {
  const common: UserConfig = {
    root: here('.'),
    publicDir: false,
    logLevel: 'warn',
    resolve: {conditions: ['production']},
  };
  if (mode === 'bundle') {
    return {
      ...common,
      plugins: [await minifyLiterals()],
      build: {
        outDir: here('./dist'),
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: 'hidden',
        lib: {entry: here('./src/poly-chat.ts'), formats: ['es'], fileName: () => 'poly-chat.bundle.js'},
        rolldownOptions: {
          preserveEntrySignatures: 'allow-extension',
          // No /* @__PURE__ */ annotations left in the minified files: they only serve a bundler,
          // and this build is the last one (0.8 KB raw, 0.09 KB gzip of an open chat).
          output: {minify: true, comments: false, chunkFileNames: 'poly-chat.bundle.[name]-[hash].js'},
        },
      },
    };
  }
  return {
    ...common,
    build: {
      outDir: here('./dist'),
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      lib: {
        entry: {index: here('./src/index.ts'), 'poly-chat': here('./src/poly-chat.ts')},
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: LIT_EXTERNAL,
        output: {chunkFileNames: 'chunks/[name]-[hash].js'},
      },
    },
  };
}

export default defineConfig(async ({command, mode}): Promise<UserConfig> => {
  if (command === 'build') return buildConfig(mode);
  return {
    root: here('./demo'),
    publicDir: false,
    server: {port: 5173, host: 'localhost'},
    plugins: [polyChatServices()],
  };
});
