// One headless Chromium (Debian's, through playwright-core) shared by all embedding tests of a run,
// and the conversation every embedding must hold: connect, greeting, a message typed by the test,
// the agent's reply, and the element's events reaching the host page's own code.
import assert from 'node:assert/strict';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {scriptModule} from './packed.js';

let browser: Promise<Browser> | undefined;

export function sharedBrowser(): Promise<Browser> {
  browser ??= scriptModule<{CHROMIUM_ARGS: string[]}>('ensure.mjs').then(({CHROMIUM_ARGS}) =>
    chromium.launch({executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', headless: true, args: CHROMIUM_ARGS}),
  );
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
}

/** A fresh context (own cookies) and page, collecting page errors and console errors. */
export async function openPage(
  url: string,
  options: {setup?: (context: BrowserContext) => Promise<unknown>; waitUntil?: 'load' | 'domcontentloaded' | 'commit'} = {},
): Promise<OpenedPage> {
  const context = await (await sharedBrowser()).newContext({viewport: {width: 1280, height: 800}});
  await options.setup?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // Resource failures are judged by the requests themselves: the simulator's agents have avatars on
  // a public image host this machine cannot reach, and the browser always asks for /favicon.ico.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  const origin = new URL(url).origin;
  page.on('response', (response) => {
    const target = new URL(response.url());
    if (target.origin === origin && response.status() >= 400 && target.pathname !== '/favicon.ico') {
      errors.push(`HTTP ${response.status()} ${target.pathname}`);
    }
  });
  await page.goto(url, {waitUntil: options.waitUntil ?? 'load'});
  return {context, page, errors};
}

export const GREETING = "Hi! I'm Poly";
const TIMEOUT = 20_000;

/**
 * The round trip every embedding must support. The host page shows the last `poly-chat-message`
 * in `#last-event` and the status in `#status` (written by the host's own code from the events),
 * unless `hostSaw` reads the host's record some other way.
 */
export async function holdConversation(
  page: Page,
  options: {text: string; launcher?: boolean; hostSaw?: (page: Page) => Promise<string>},
): Promise<void> {
  const chat = page.locator('poly-chat');
  if (options.launcher) {
    const launcher = chat.locator('[part~="launcher"]');
    await launcher.waitFor({state: 'visible', timeout: TIMEOUT});
    await launcher.click();
    await chat.locator('[part~="panel"]').waitFor({state: 'visible', timeout: TIMEOUT});
  }
  await chat.locator('[part~="message-agent"]', {hasText: GREETING}).first().waitFor({timeout: TIMEOUT});
  // The panel's styles arrive with the lazily loaded chunk: an unstyled header means they never did.
  const header = await chat.locator('[part~="header"]').evaluate((element) => getComputedStyle(element).backgroundColor);
  assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the chat panel is styled');

  const input = chat.locator('[part~="input"]');
  await input.click();
  await page.keyboard.type(options.text);
  await page.keyboard.press('Enter');
  await chat.locator('[part~="message-user"]', {hasText: options.text}).first().waitFor({timeout: TIMEOUT});
  const reply = `You said: "${options.text}"`;
  await chat.locator('[part~="message-agent"]', {hasText: reply}).first().waitFor({timeout: TIMEOUT});

  const hostSaw =
    options.hostSaw ??
    (async (p: Page) => `${await p.locator('#status').textContent()} | ${await p.locator('#last-event').textContent()}`);
  const deadline = Date.now() + TIMEOUT;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await hostSaw(page);
    if (seen.includes(reply) && seen.includes('live')) break;
    await page.waitForTimeout(100);
  }
  assert.ok(seen.includes(reply), `the host code never received the reply through poly-chat-message (saw: ${seen})`);
  assert.ok(seen.includes('live'), `the host code never received poly-chat-status-change → live (saw: ${seen})`);
}
