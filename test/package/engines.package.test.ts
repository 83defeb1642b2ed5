// The two no-build embeddings, the plain-HTML page and the CMS snippet, in Firefox and WebKit too
// (examples.package.test.ts runs every example in Chromium through playwright-core, which cannot
// drive Debian's Firefox or WebKitGTK). Each page connects, shows the greeting, sends a message
// typed on the keyboard, shows the reply, and the host's own code hears the poly-chat-* events;
// the CMS page's own elements look exactly as they do without the snippet.
import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {root, scratch, scriptModule, unpackedPackage} from './helpers/packed.js';
import {startSite, type Site} from './helpers/site-server.js';

interface EnginePage {
  evaluate<T>(expression: string): Promise<T>;
  focus(expression: string): Promise<void>;
  type(text: string): Promise<void>;
  press(key: string): Promise<void>;
  click(x: number, y: number): Promise<void>;
  errors(): Promise<string[]>;
  close(): Promise<void>;
}
interface Engine {
  name: string;
  version: string;
  newPage(url: string, viewport?: {width: number; height: number}): Promise<EnginePage>;
  close(): Promise<void>;
}

const EXAMPLES = path.join(root, 'examples');
const ENGINES = ['firefox', 'webkit'] as const;
const TIMEOUT = 20_000;
const GREETING = "Hi! I'm Poly";

const sites: Site[] = [];
async function site(mounts: Record<string, string>): Promise<Site> {
  const started = await startSite(mounts);
  sites.push(started);
  return started;
}
after(async () => {
  await Promise.all(sites.map((s) => s.close()));
});

/** dist/poly-chat.bundle.js and the chunks it loads on demand, as URL path → file. */
function bundleMounts(prefix = '/'): Record<string, string> {
  const dist = path.join(unpackedPackage(), 'dist');
  return Object.fromEntries(
    readdirSync(dist)
      .filter((name) => name.startsWith('poly-chat.bundle') && name.endsWith('.js'))
      .map((name) => [`${prefix}${name}`, path.join(dist, name)]),
  );
}

/** Polls `expression` in the page until it is truthy. */
async function until<T>(page: EnginePage, expression: string, what: string): Promise<T> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await page.evaluate<T>(`(${expression}) || null`);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const inChat = (selector: string): string => `document.querySelector('poly-chat')?.shadowRoot?.querySelector(${JSON.stringify(selector)})`;
const chatText = (part: string): string =>
  `Array.from(document.querySelector('poly-chat')?.shadowRoot?.querySelectorAll('[part~="${part}"]') ?? [], (node) => node.textContent).join('\\n')`;

/** Greeting, a typed message, the reply, and what the host page's code recorded. */
async function holdConversation(page: EnginePage, text: string, hostSaw: string): Promise<void> {
  await until(page, `${chatText('message-agent')}.includes(${JSON.stringify(GREETING)})`, 'the greeting');
  const header = await page.evaluate<string>(`getComputedStyle(${inChat('[part~="header"]')}).backgroundColor`);
  assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the chat panel is styled');
  await page.focus(inChat('[part~="input"]'));
  await page.type(text);
  await page.press('Enter');
  await until(page, `${chatText('message-user')}.includes(${JSON.stringify(text)})`, 'the sent message');
  const reply = `You said: "${text}"`;
  await until(page, `${chatText('message-agent')}.includes(${JSON.stringify(reply)})`, 'the reply');
  const seen = await until<string>(page, `((s) => s.includes(${JSON.stringify(reply)}) && s.includes('live') && s)(${hostSaw})`, 'the host code to hear the events');
  assert.ok(seen.includes(reply));
}

for (const engineName of ENGINES) {
  describe(`the no-build embeddings in ${engineName}`, {timeout: 4 * 60_000}, () => {
    let engine: Engine | undefined;
    const open = async (): Promise<Engine> => {
      if (!engine) {
        const {openEngine} = await scriptModule<{openEngine: (name: string) => Promise<Engine>}>('engine-pages.mjs');
        engine = await openEngine(engineName);
        console.log(`  ${engineName}: ${engine.version}`);
      }
      return engine;
    };
    after(async () => {
      await engine?.close();
    });

    it(`plain HTML: one script tag, the chat works in ${engineName}`, async () => {
      const {url} = await site({'/': path.join(EXAMPLES, 'plain-html'), ...bundleMounts()});
      const page = await (await open()).newPage(`${url}/`);
      await holdConversation(page, `ping from plain html in ${engineName}`, `document.querySelector('#status').textContent + ' | ' + document.querySelector('#last-event').textContent`);
      assert.deepEqual(await page.errors(), [], 'the page logged errors');
      await page.close();
    });

    it(`CMS snippet: the launcher chat works in ${engineName} and the page's own elements look as without it`, async () => {
      // The snippet's CDN URL, pointed at this site's copy of dist/ (no request interception here).
      const snippet = readFileSync(path.join(EXAMPLES, 'cms-snippet', 'snippet.html'), 'utf8');
      const scriptUrl = /<script type="module" src="([^"]+)"/.exec(snippet)?.[1];
      assert.ok(scriptUrl, 'the snippet loads one module script');
      const hostPage = readFileSync(path.join(EXAMPLES, 'cms-snippet', 'page.html'), 'utf8');
      const dir = path.join(scratch(), `cms-${engineName}`);
      mkdirSync(dir, {recursive: true});
      writeFileSync(path.join(dir, 'page.html'), hostPage.replace(scriptUrl, '/cdn/poly-chat.bundle.js'));
      writeFileSync(path.join(dir, 'without-chat.html'), hostPage.replace(`<script type="module" src="${scriptUrl}"></script>`, ''));
      const {url} = await site({'/': dir, ...bundleMounts('/cdn/')});

      const pageLook = `(() => {
        const properties = ['display', 'position', 'font-family', 'font-size', 'line-height', 'color', 'background-color', 'margin-top', 'padding-top', 'box-sizing', 'text-transform', 'z-index'];
        const look = {styleSheets: document.styleSheets.length, adoptedStyleSheets: document.adoptedStyleSheets.length, scrollWidth: document.documentElement.scrollWidth};
        for (const selector of ['html', 'body', 'h1', '#intro', '#newsletter', '.newsletter button', 'li', '.site-footer', '#footer-text']) {
          const element = document.querySelector(selector);
          const style = getComputedStyle(element);
          const rect = element.getBoundingClientRect();
          look[selector] = {...Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)])), rect: [rect.x, rect.y, rect.width, rect.height].map(Math.round)};
        }
        return JSON.stringify(look);
      })()`;
      const plain = await (await open()).newPage(`${url}/without-chat.html`);
      const before = await plain.evaluate<string>(pageLook);
      await plain.close();

      const page = await (await open()).newPage(`${url}/page.html`);
      await until(page, `customElements.get('poly-chat') !== undefined && Boolean(${inChat('[part~="launcher"]')})`, 'the launcher');
      const launcher = JSON.parse(
        await page.evaluate<string>(`(() => {
          const host = document.querySelector('poly-chat');
          const rect = host.shadowRoot.querySelector('[part~="launcher"]').getBoundingClientRect();
          const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
          return JSON.stringify({x: rect.x, y: rect.y, width: rect.width, height: rect.height, onTop: hit === host, vw: innerWidth, vh: innerHeight});
        })()`),
      ) as {x: number; y: number; width: number; height: number; onTop: boolean; vw: number; vh: number};
      assert.ok(launcher.width >= 40 && launcher.height >= 40, `the launcher is a usable size (${JSON.stringify(launcher)})`);
      assert.ok(launcher.x > launcher.vw - 160 && launcher.y > launcher.vh - 160, `the launcher sits in the bottom-end corner (${JSON.stringify(launcher)})`);
      assert.ok(launcher.onTop, 'nothing on the page covers the launcher');
      await page.click(launcher.x + launcher.width / 2, launcher.y + launcher.height / 2);
      await until(page, `${inChat('[part~="panel"]')}?.checkVisibility?.() ?? true`, 'the open panel');
      await holdConversation(
        page,
        `ping from the cms page in ${engineName}`,
        "window.dataLayer.map((entry) => `${entry.event} ${entry.status ?? ''} ${entry.text ?? ''}`).join('\\n')",
      );
      assert.equal(await page.evaluate<string>(pageLook), before, "the page's own elements look exactly as without the chat");
      assert.deepEqual(await page.errors(), [], 'the page logged errors');
      await page.close();
    });
  });
}
