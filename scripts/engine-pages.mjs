// One small page API over the three engines, for the package tests' embedding examples in Firefox
// and WebKit and for the screenshot pass (scripts/screenshots.mjs): Chromium and Firefox through
// puppeteer-core (DevTools protocol / WebDriver BiDi), WebKit through webdriverio (WebDriver
// classic, WebKitWebDriver under Xvfb). Playwright's own Firefox and WebKit builds cannot be
// downloaded here, so playwright-core drives Chromium only.
//
//   const browser = await openEngine('firefox');
//   const page = await browser.newPage(url, {width: 1280, height: 800});
//   await page.evaluate('document.title');   // an expression; a promise is awaited
//   await page.focus('document.querySelector("input")'); await page.type('hello'); await page.press('Enter'); await page.click(x, y);
//   await page.screenshot('/tmp/shot.png'); await page.close(); await browser.close();
import {writeFileSync} from 'node:fs';
import {startWebKitDriver, webdriverKey, webkitCapabilities} from './browser-engines.mjs';
import {CHROMIUM_ARGS, ensureChromium, ensureFirefox, ensureWebKit} from './ensure.mjs';

/** Collects uncaught errors and console.error calls in the page, from as early as the driver allows. */
const ERROR_HOOK = `(() => {
  if (window.__engineErrors) return;
  window.__engineErrors = [];
  addEventListener('error', (event) => window.__engineErrors.push('pageerror: ' + (event.message || event.type)));
  addEventListener('unhandledrejection', (event) => window.__engineErrors.push('unhandledrejection: ' + String(event.reason)));
  const original = console.error;
  console.error = (...args) => { window.__engineErrors.push('console: ' + args.join(' ')); original.apply(console, args); };
})()`;

async function puppeteerEngine(name) {
  // The test runner's own puppeteer-core: not hoisted to node_modules/ (webdriverio's optional
  // peer range stops below it), and one copy means one set of browser quirks.
  const {puppeteerCore: puppeteer} = await import('@web/test-runner-chrome');
  const browser =
    name === 'firefox'
      ? await puppeteer.launch({browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? ensureFirefox(), headless: true})
      : await puppeteer.launch({executablePath: process.env.CHROME_PATH ?? ensureChromium(), headless: true, args: CHROMIUM_ARGS});
  return {
    name,
    version: await browser.version(),
    async newPage(url, {width = 1280, height = 800, colorScheme} = {}) {
      // Each page in a context of its own: no cookies (no conversation) from an earlier page.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({width, height});
      if (colorScheme && name === 'chromium') await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: colorScheme}]);
      await page.evaluateOnNewDocument(ERROR_HOOK);
      await page.goto(url, {waitUntil: 'load'});
      return {
        evaluate: (expression) => page.evaluate(expression),
        focus: (expression) => page.evaluate(`(${expression}).focus()`),
        type: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key),
        click: (x, y) => page.mouse.click(x, y),
        errors: () => page.evaluate('window.__engineErrors ?? []'),
        screenshot: (file) => page.screenshot({path: file}),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function webkitEngine() {
  const {remote} = await import('webdriverio');
  const tools = ensureWebKit();
  const driver = await startWebKitDriver(tools);
  let browser;
  try {
    browser = await remote({hostname: '127.0.0.1', port: driver.port, logLevel: 'error', capabilities: webkitCapabilities(tools.miniBrowser)});
  } catch (error) {
    driver.stop();
    throw error;
  }
  const caps = browser.capabilities;
  const keys = (actions) => browser.performActions([{type: 'key', id: 'keyboard', actions}]);
  return {
    name: 'webkit',
    version: `${caps.browserName ?? 'MiniBrowser'} ${caps.browserVersion ?? ''}`.trim(),
    async newPage(url, {width = 1280, height = 800} = {}) {
      // One window per session: the "page" is the session's window, resized to a viewport of
      // width × height. No cookies (no conversation) from an earlier page.
      const origin = new URL(url).origin;
      await browser.navigateTo(`${origin}/__engine-pages-blank`);
      await browser.deleteCookies();
      await browser.execute('localStorage.clear(); sessionStorage.clear(); return true');
      await browser.setWindowSize(width, height);
      const inner = await browser.execute('return [innerWidth, innerHeight]');
      await browser.setWindowSize(width + (width - inner[0]), height + (height - inner[1]));
      const [innerWidth] = await browser.execute('return [innerWidth, innerHeight]');
      // MiniBrowser's window has a minimum width (about 450 px): narrower viewports are an iframe
      // of exactly width × height, and scripts, keys and screenshots go to it.
      let frame = null;
      if (innerWidth > width + 1) {
        const wrapper = `<!doctype html><body style="margin:0"><iframe src="${url}" style="border:0;display:block;width:${width}px;height:${height}px"></iframe>`;
        await browser.navigateTo(`data:text/html,${encodeURIComponent(wrapper)}`);
        frame = await browser.$('iframe');
        await browser.waitUntil(async () => {
          await browser.switchFrame(frame);
          const ready = await browser.execute('return document.readyState === "complete"');
          await browser.switchFrame(null);
          return ready;
        });
        // Keys go to the focused document: focus the frame from its parent first.
        await browser.execute('document.querySelector("iframe").focus(); return true');
        await browser.switchFrame(frame);
      } else {
        await browser.navigateTo(url);
      }
      // WebDriver classic has no "before the page's scripts" hook: errors are collected from here on.
      await browser.execute(`${ERROR_HOOK}; return true`);
      const click = (x, y) =>
        browser.performActions([
          {
            type: 'pointer',
            id: 'mouse',
            parameters: {pointerType: 'mouse'},
            actions: [
              {type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y)},
              {type: 'pointerDown', button: 0},
              {type: 'pointerUp', button: 0},
            ],
          },
        ]);
      return {
        evaluate: (expression) => browser.execute(`return (async () => (${expression}))()`),
        // A framed document gets the keyboard only once clicked into (its window has no focus yet).
        async focus(expression) {
          if (frame) {
            const [x, y] = await browser.execute(`const r = (${expression}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]`);
            await click(x, y);
          }
          await browser.execute(`(${expression}).focus(); return true`);
        },
        type: (text) => keys([...text].flatMap((char) => [{type: 'keyDown', value: char}, {type: 'keyUp', value: char}])),
        press: (key) => keys([{type: 'keyDown', value: webdriverKey(key)}, {type: 'keyUp', value: webdriverKey(key)}]),
        click,
        errors: () => browser.execute('return window.__engineErrors ?? []'),
        screenshot: async (file) => {
          if (!frame) {
            writeFileSync(file, Buffer.from(await browser.takeScreenshot(), 'base64'));
            return;
          }
          await browser.switchFrame(null);
          writeFileSync(file, Buffer.from(await browser.takeElementScreenshot(frame.elementId), 'base64'));
          await browser.switchFrame(frame);
        },
        close: async () => {
          if (frame) await browser.switchFrame(null);
          await browser.navigateTo('about:blank');
        },
      };
    },
    async close() {
      try {
        await browser.deleteSession();
      } finally {
        driver.stop();
      }
    },
  };
}

/** Launches one engine: 'chromium', 'firefox' or 'webkit'. */
export function openEngine(name) {
  if (name === 'webkit') return webkitEngine();
  if (name === 'chromium' || name === 'firefox') return puppeteerEngine(name);
  throw new Error(`unknown engine ${name}`);
}
