// `node scripts/screenshots.mjs [outDir] [engine…]`: screenshots of the inline and the launcher
// chat, light and dark (theme="dark": Firefox and WebKit cannot emulate prefers-color-scheme here),
// 1280 and 390 px wide, in Chromium, Firefox and WebKit, each after a short conversation with the
// simulator (a greeting, a message typed on the keyboard, the reply). For comparing the engines by
// eye; nothing is compared automatically. Needs `npm run build` first (serves dist/).
import {mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {tsImport} from 'tsx/esm/api';
import {openEngine} from './engine-pages.mjs';
import {ENGINES, root} from './ensure.mjs';

const outDir = process.argv[2] ?? '/tmp/shots';
const engines = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ENGINES;
mkdirSync(outDir, {recursive: true});

const page = (mode, theme) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/poly-chat.bundle.js"></script>
<style>body { font-family: system-ui, sans-serif; margin: 0; padding: 16px; background: ${theme === 'dark' ? '#111' : '#f4f4f5'}; color: ${theme === 'dark' ? '#eee' : '#222'}; }
.chat { block-size: 560px; max-inline-size: 420px; }</style></head>
<body><h1>poly-chat, ${mode}, ${theme}</h1><p>Some page text around the chat.</p>
${mode === 'inline' ? `<div class="chat"><poly-chat endpoint="/api/poly-chat/session" theme="${theme}"></poly-chat></div>` : `<poly-chat endpoint="/api/poly-chat/session" mode="launcher" open theme="${theme}"></poly-chat>`}
</body></html>`;

const site = mkdtempSync(path.join(tmpdir(), 'poly-chat-shots-'));
for (const mode of ['inline', 'launcher']) for (const theme of ['light', 'dark']) writeFileSync(path.join(site, `${mode}-${theme}.html`), page(mode, theme));
const dist = path.join(root, 'dist');
const mounts = {'/': site};
for (const name of readdirSync(dist)) if (name.startsWith('poly-chat.bundle') && name.endsWith('.js')) mounts[`/${name}`] = path.join(dist, name);
const {startSite} = await tsImport('../test/package/helpers/site-server.ts', import.meta.url);
const server = await startSite(mounts);

const chat = (selector) => `document.querySelector('poly-chat')?.shadowRoot?.querySelector(${JSON.stringify(selector)})`;
const texts = (part) => `Array.from(document.querySelector('poly-chat')?.shadowRoot?.querySelectorAll('[part~="${part}"]') ?? [], (n) => n.textContent).join('\\n')`;
async function until(p, expression, what) {
  const deadline = Date.now() + 20_000;
  while (!(await p.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

try {
  for (const name of engines) {
    const engine = await openEngine(name);
    console.log(`${name}: ${engine.version}`);
    try {
      for (const mode of ['inline', 'launcher']) {
        for (const theme of ['light', 'dark']) {
          for (const width of [1280, 390]) {
            const height = width === 390 ? 844 : 800;
            const p = await engine.newPage(`${server.url}/${mode}-${theme}.html`, {width, height});
            await until(p, `${texts('message-agent')}.includes("Hi! I'm Poly")`, 'the greeting');
            await p.focus(chat('[part~="input"]'));
            await p.type('What are your opening hours?');
            await p.press('Enter');
            await until(p, `${texts('message-agent')}.includes('You said')`, 'the reply');
            await p.type('And a second line');
            await new Promise((resolve) => setTimeout(resolve, 600));
            const file = path.join(outDir, `${name}-${mode}-${theme}-${width}.png`);
            await p.screenshot(file);
            const errors = await p.errors();
            console.log(`  ${file}${errors.length > 0 ? `  errors: ${errors.join('; ')}` : ''}`);
            await p.close();
          }
        }
      }
    } finally {
      await engine.close();
    }
  }
} finally {
  await server.close();
}
