// The three browser engines the browser tests run in, as @web/test-runner launchers:
// - chromium: Debian's Chromium through puppeteer-core over the DevTools protocol;
// - firefox: Debian's Firefox ESR through puppeteer-core over WebDriver BiDi;
// - webkit: WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver classic, webdriverio),
//   under an Xvfb display that this launcher starts and stops with the driver.
// Only the chosen engine's tools are needed: the others are not looked for.
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import {chromeLauncher, puppeteerCore} from '@web/test-runner-chrome';
import {WebdriverLauncher} from '@web/test-runner-webdriver';
import {CHROMIUM_ARGS, ensureChromium, ensureFirefox, ensureWebKit} from './ensure.mjs';

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on the first free display; resolves with `{display, process}`. */
function startXvfb(xvfb) {
  return new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
    const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({display: `:${out.trim()}`, process: child});
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited with code ${code}: ${err.trim()}`)));
  });
}

/** Waits until WebKitWebDriver answers on its port. */
async function waitForDriver(port, driver) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${driver.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start within 15 s');
}

/**
 * Starts Xvfb and WebKitWebDriver on it (`tools` from ensureWebKit()); resolves with the driver's
 * `port` and `stop()`, which also runs when this process exits.
 */
export async function startWebKitDriver(tools) {
  const xvfb = await startXvfb(tools.xvfb);
  const port = await freePort();
  const driver = spawn(tools.driver, [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {...process.env, DISPLAY: xvfb.display},
  });
  const stop = () => {
    driver.kill();
    xvfb.process.kill();
  };
  process.once('exit', stop);
  try {
    await waitForDriver(port, driver);
  } catch (error) {
    stop();
    throw error;
  }
  return {port, stop};
}

/** WebDriver capabilities for WebKitGTK's MiniBrowser (WebDriver classic). */
export function webkitCapabilities(miniBrowser) {
  return {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {binary: miniBrowser, args: ['--automation']},
    'wdio:enforceWebDriverClassic': true,
  };
}

/** WebDriver key codes for the named keys the tests press (the W3C WebDriver spec's table). */
const WEBDRIVER_KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  ' ': ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Meta: '\uE03D',
};
export const webdriverKey = (key) => WEBDRIVER_KEYS[key] ?? key;

/**
 * @web/test-runner-commands' sendKeys for this launcher: `down` and `up` too (Shift+Enter), and
 * every key pressed and released in turn. The stock webdriver path sends a whole string as one
 * chord (all keys down, then all up), so a doubled letter ("Hello") is typed once.
 */
function webkitSendKeysPlugin(launcher) {
  return {
    name: 'poly-chat-webkit-send-keys',
    async executeCommand({command, payload, session}) {
      if (command !== 'send-keys' || session.browser !== launcher) return undefined;
      const actions = [];
      if (typeof payload.type === 'string') {
        for (const char of payload.type) actions.push({type: 'keyDown', value: char}, {type: 'keyUp', value: char});
      } else if (typeof payload.press === 'string') {
        const key = webdriverKey(payload.press);
        actions.push({type: 'keyDown', value: key}, {type: 'keyUp', value: key});
      } else if (typeof payload.down === 'string') {
        actions.push({type: 'keyDown', value: webdriverKey(payload.down)});
      } else if (typeof payload.up === 'string') {
        actions.push({type: 'keyUp', value: webdriverKey(payload.up)});
      } else {
        return undefined;
      }
      await launcher.driver.performActions([{type: 'key', id: 'keyboard', actions}]);
      return true;
    },
  };
}

/** WebdriverLauncher that owns its Xvfb display and WebKitWebDriver process. */
class WebKitLauncher extends WebdriverLauncher {
  constructor({driver, miniBrowser, xvfb}) {
    super({
      hostname: '127.0.0.1',
      port: 0, // set once the driver is listening
      logLevel: 'error',
      capabilities: webkitCapabilities(miniBrowser),
    });
    this.tools = {driver, xvfb};
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
    // Ahead of the runner's built-in commands (the test server reads this same array).
    config.plugins.unshift(webkitSendKeysPlugin(this));
    this.webkitDriver = await startWebKitDriver(this.tools);
    this.options.port = this.webkitDriver.port;
  }

  async stop() {
    await super.stop();
    this.webkitDriver?.stop();
  }
}

/** The @web/test-runner launcher for one engine; finds (or installs) its tools. */
export function engineLauncher(engine) {
  switch (engine) {
    case 'chromium':
      return chromeLauncher({
        launchOptions: {executablePath: process.env.CHROME_PATH ?? ensureChromium(), headless: true, args: CHROMIUM_ARGS},
      });
    case 'firefox':
      return chromeLauncher({
        puppeteer: puppeteerCore,
        launchOptions: {
          browser: 'firefox',
          executablePath: process.env.FIREFOX_PATH ?? ensureFirefox(),
          headless: true,
          // Firefox holds back a WebSocket to a host whose handshakes failed lately, by a delay that
          // grows with each failure (up to a minute) and lasts minutes, in real time. The tests
          // refuse hundreds of handshakes on one test-server origin (the chaos suite) and run the
          // runtime's timers fast-forwarded, so a later test's reconnect would wait out the earlier
          // tests' failures against timers running 20× faster. Users get the delay with real timers.
          extraPrefsFirefox: {'network.websocket.delay-failed-reconnects': false},
        },
      });
    case 'webkit':
      return new WebKitLauncher(ensureWebKit());
    default:
      throw new Error(`unknown browser engine "${engine}" (chromium, firefox or webkit)`);
  }
}
