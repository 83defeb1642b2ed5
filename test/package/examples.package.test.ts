// Every way of embedding <poly-chat>, each loaded in Chromium against the PolyAI simulator: a fresh
// app that installs the packed tarball, the plain-HTML page (one script tag), the CMS snippet in a
// hostile page, and the Vue, Svelte, React and Angular apps built with their own toolchains. Each one
// connects, shows the greeting, sends a message typed by the test, shows the reply, and the host's
// own code receives the poly-chat-* events.
//
// Installs and builds start at once, in parallel (see helpers/projects.ts for the cache); the
// browser tests share one Chromium.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync, readdirSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {closeBrowser, holdConversation, openPage} from './helpers/browser.js';
import {root, scratch, unpackedPackage} from './helpers/packed.js';
import {buildProject, type BuiltProject} from './helpers/projects.js';
import {startSite, type Site} from './helpers/site-server.js';

const EXAMPLES = path.join(root, 'examples');
const TEST_TIMEOUT = 8 * 60_000;

const builds: Record<string, Promise<BuiltProject>> = {
  consumer: buildProject('consumer', path.join(root, 'test', 'package', 'fixtures', 'consumer')),
  vue: buildProject('vue', path.join(EXAMPLES, 'vue')),
  svelte: buildProject('svelte', path.join(EXAMPLES, 'svelte')),
  react: buildProject('react', path.join(EXAMPLES, 'react')),
  angular: buildProject('angular', path.join(EXAMPLES, 'angular')),
};
// Each test awaits its own build; nothing else may turn a failed build into an unhandled rejection.
for (const build of Object.values(builds)) build.catch(() => undefined);

/** dist/poly-chat.bundle.js and the chunks it loads on demand, as URL path → file (one folder, as hosted). */
function bundleMounts(prefix = '/'): Record<string, string> {
  const dist = path.join(unpackedPackage(), 'dist');
  return Object.fromEntries(
    readdirSync(dist)
      .filter((name) => name.startsWith('poly-chat.bundle') && name.endsWith('.js'))
      .map((name) => [`${prefix}${name}`, path.join(dist, name)]),
  );
}

const sites: Site[] = [];
async function site(mounts: Record<string, string>): Promise<Site> {
  const started = await startSite(mounts);
  sites.push(started);
  return started;
}

after(async () => {
  await closeBrowser();
  await Promise.all(sites.map((s) => s.close()));
});

function describeBuild(built: BuiltProject): string {
  return `${built.name}: install ${built.installed} ${built.timings.installMs} ms, build ${built.timings.buildMs} ms`;
}

async function assertNoErrors(errors: string[]): Promise<void> {
  assert.deepEqual(errors, [], 'the page logged errors');
}

function allJs(dir: string): string {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

describe('embedding <poly-chat>', {timeout: TEST_TIMEOUT}, () => {
  it('a fresh app installs the packed tarball, type-checks, builds with vite, shares one lit, imports in Node and chats in Chromium', async () => {
    const built = await builds.consumer!;
    console.log(`  ${describeBuild(built)}`);
    // lit is a dependency of the npm entry points, not inlined: the app's lit and poly-chat's are one copy.
    const js = allJs(built.dist);
    assert.equal(js.match(/litHtmlVersions/g)?.length, 1, 'the app bundle holds exactly one copy of lit-html');
    assert.match(js, /customElements\.define\(["'`]poly-chat["'`]/, 'the define module (a declared side effect) was kept');

    // SSR safety of the installed package: no DOM in Node, none of these imports may throw.
    const {stdout} = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const index = await import('poly-chat');
         const defined = await import('poly-chat/poly-chat.js');
         const server = await import('poly-chat/server');
         console.log(JSON.stringify({index: typeof index.PolyChat, defined: typeof defined.PolyChat, server: typeof server.createCredentialsHandler, document: typeof document}));`,
      ],
      {cwd: built.dir},
    );
    assert.deepEqual(JSON.parse(stdout), {index: 'function', defined: 'function', server: 'function', document: 'undefined'});

    const {url} = await site({'/': built.dist});
    const {page, context, errors} = await openPage(`${url}/`);
    await holdConversation(page, {text: 'ping from a fresh app'});
    await assertNoErrors(errors);
    await context.close();
  });

  it('plain HTML: one script tag loading dist/poly-chat.bundle.js, no build step', async () => {
    const {url} = await site({'/': path.join(EXAMPLES, 'plain-html'), ...bundleMounts()});
    const {page, context, errors} = await openPage(`${url}/`);
    await holdConversation(page, {text: 'ping from plain html'});
    await assertNoErrors(errors);
    await context.close();
  });

  it('the standalone bundle loaded twice (two copies on one page) defines <poly-chat> once and still works', async () => {
    const dir = path.join(scratch(), 'twice');
    mkdirSync(dir, {recursive: true});
    const page = readFileSync(path.join(EXAMPLES, 'plain-html', 'index.html'), 'utf8').replace(
      '<script type="module" src="./poly-chat.bundle.js"></script>',
      '<script type="module" src="./a/poly-chat.bundle.js"></script>\n<script type="module" src="./b/poly-chat.bundle.js"></script>',
    );
    assert.ok(page.includes('./b/poly-chat.bundle.js'), 'the page loads the bundle twice');
    writeFileSync(path.join(dir, 'index.html'), page);
    const {url} = await site({'/': dir, ...bundleMounts('/a/'), ...bundleMounts('/b/')});
    const opened = await openPage(`${url}/`);
    const modules = await opened.page.evaluate(async () => {
      const a = (await import('./a/poly-chat.bundle.js' as string)) as {PolyChat: CustomElementConstructor};
      const b = (await import('./b/poly-chat.bundle.js' as string)) as {PolyChat: CustomElementConstructor};
      return {distinct: a.PolyChat !== b.PolyChat, defined: customElements.get('poly-chat') === a.PolyChat};
    });
    assert.deepEqual(modules, {distinct: true, defined: true}, 'two module instances, the first one defines the element');
    await holdConversation(opened.page, {text: 'ping from a page that loads the bundle twice'});
    await assertNoErrors(opened.errors);
    await opened.context.close();
  });

  it('CMS snippet: pasted verbatim into a page with aggressive global CSS, the chat works and the page is untouched', async () => {
    const snippet = readFileSync(path.join(EXAMPLES, 'cms-snippet', 'snippet.html'), 'utf8');
    const hostPage = readFileSync(path.join(EXAMPLES, 'cms-snippet', 'page.html'), 'utf8');
    const lines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter(Boolean);
    const pageLines = lines(hostPage);
    const start = pageLines.indexOf(lines(snippet)[0]!);
    assert.deepEqual(pageLines.slice(start, start + lines(snippet).length), lines(snippet), 'page.html contains snippet.html verbatim');

    const scriptUrl = /<script type="module" src="([^"]+)"/.exec(snippet)?.[1];
    assert.ok(scriptUrl, 'the snippet loads one module script');
    const dist = path.join(unpackedPackage(), 'dist');
    let releaseBundle: () => void = () => undefined;
    const bundleReleased = new Promise<void>((resolve) => (releaseBundle = resolve));
    const {url} = await site({'/': path.join(EXAMPLES, 'cms-snippet')});
    /** File names the page fetched from the CDN folder, in order. */
    const requested: string[] = [];
    // The snippet's CDN folder, served from the packed dist/ (the bundle and the chunks it loads on
    // demand); the bundle is held back until the page's own look is recorded.
    const cdnFolder = scriptUrl.slice(0, scriptUrl.lastIndexOf('/') + 1);
    const {page, context, errors} = await openPage(`${url}/page.html`, {
      waitUntil: 'commit',
      setup: (ctx) =>
        ctx.route(`${cdnFolder}**`, async (route) => {
          const name = new URL(route.request().url()).pathname.split('/').pop()!;
          requested.push(name);
          if (!/^poly-chat\.bundle[\w.-]*\.js$/.test(name)) return route.fulfill({status: 404});
          if (route.request().url() === scriptUrl) await bundleReleased;
          return route.fulfill({path: path.join(dist, name), contentType: 'text/javascript'});
        }),
    });

    const pageLook = (): Promise<unknown> =>
      page.evaluate(() => {
        const properties = ['display', 'position', 'font-family', 'font-size', 'line-height', 'color', 'background-color', 'margin-top', 'padding-top', 'box-sizing', 'text-transform', 'z-index'];
        const look: Record<string, unknown> = {
          styleSheets: document.styleSheets.length,
          adoptedStyleSheets: document.adoptedStyleSheets.length,
          headChildren: document.head.children.length,
          bodyChildren: Array.from(document.body.children, (child) => child.tagName.toLowerCase()),
          scrollWidth: document.documentElement.scrollWidth,
        };
        for (const selector of ['html', 'body', 'h1', '#intro', '#newsletter', '.newsletter button', 'li', '.site-footer', '#footer-text']) {
          const element = document.querySelector(selector);
          if (!element) throw new Error(`${selector} missing from the host page`);
          const style = getComputedStyle(element);
          const rect = element.getBoundingClientRect();
          look[selector] = {
            ...Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)])),
            rect: [rect.x, rect.y, rect.width, rect.height].map(Math.round),
          };
        }
        return look;
      });
    // Module scripts hold DOMContentLoaded back, so wait for the parser to reach the snippet instead.
    await page.locator('poly-chat').waitFor({state: 'attached'});
    const before = await pageLook();
    releaseBundle();
    await page.waitForFunction(() => customElements.get('poly-chat') !== undefined);

    // The chat is usable despite the page's CSS: the launcher sits in the viewport corner, on top.
    const launcher = await page.evaluate(() => {
      const host = document.querySelector('poly-chat')!;
      const button = host.shadowRoot!.querySelector('[part~="launcher"]')!;
      const rect = button.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      return {rect: {x: rect.x, y: rect.y, width: rect.width, height: rect.height}, onTop: hit === host, display: getComputedStyle(button).display};
    });
    assert.notEqual(launcher.display, 'none', 'the page hides buttons with !important; not ours');
    assert.ok(launcher.rect.width >= 40 && launcher.rect.height >= 40, `the launcher is a usable size (${JSON.stringify(launcher.rect)})`);
    assert.ok(launcher.rect.x > 1280 - 160 && launcher.rect.y > 800 - 160, `the launcher sits in the bottom-end corner (${JSON.stringify(launcher.rect)})`);
    assert.ok(launcher.onTop, 'nothing on the page (not even its fixed footer) covers the launcher');
    // Until the visitor opens the chat, the page has loaded the bundle and nothing else (the size
    // budget's premise: the session chunk is paid only by visitors who chat).
    assert.deepEqual(requested, ['poly-chat.bundle.js'], 'a closed launcher loads only the bundle');

    await holdConversation(page, {
      text: 'ping from the cms page',
      launcher: true,
      hostSaw: (p) =>
        p.evaluate(() =>
          (window as unknown as {dataLayer: {event: string; status?: string; text?: string}[]}).dataLayer
            .map((entry) => `${entry.event} ${entry.status ?? ''} ${entry.text ?? ''}`)
            .join('\n'),
        ),
    });
    assert.ok(requested.some((name) => name.startsWith('poly-chat.bundle.session-chunk-')), 'opening the chat loaded the session chunk');

    // (No named functions inside evaluate(): tsx would wrap them in a helper the page does not have.)
    const boxes = await page.evaluate(() =>
      Object.fromEntries(
        ['panel', 'input', 'send-button'].map((part) => {
          const rect = document.querySelector('poly-chat')!.shadowRoot!.querySelector(`[part~="${part}"]`)!.getBoundingClientRect();
          return [part, [rect.left, rect.top, rect.right, rect.bottom].map(Math.round)];
        }),
      ),
    );
    const [vw, vh] = [1280, 800];
    for (const [name, [left, top, right, bottom]] of Object.entries(boxes)) {
      assert.ok(left! >= 0 && top! >= 0 && right! <= vw && bottom! <= vh, `${name} stays inside the viewport (${[left, top, right, bottom]})`);
      assert.ok(right! - left! >= 24 && bottom! - top! >= 24, `${name} keeps a usable size (${[left, top, right, bottom]})`);
    }

    // The page's inherited typography (`* { … !important }` reaches the host element) stays outside.
    const typography = await page.evaluate(() => {
      const bubble = document.querySelector('poly-chat')!.shadowRoot!.querySelector('[part~="message-agent"] [part~="bubble"]')!;
      const style = getComputedStyle(bubble);
      return {
        fontFamily: style.fontFamily,
        textTransform: style.textTransform,
        letterSpacing: style.letterSpacing,
        lineHeightRatio: Number.parseFloat(style.lineHeight) / Number.parseFloat(style.fontSize),
      };
    });
    assert.ok(!typography.fontFamily.includes('Georgia'), `the chat keeps its own font (${typography.fontFamily})`);
    assert.equal(typography.textTransform, 'none', "the page's text-transform does not leak in");
    assert.equal(typography.letterSpacing, 'normal', "the page's letter-spacing does not leak in");
    assert.ok(typography.lineHeightRatio < 2, `the page's line-height does not leak in (ratio ${typography.lineHeightRatio})`);

    // …and the chat changed nothing of the page: same styles, same boxes, same document.
    assert.deepEqual(await pageLook(), before, "the page's own elements look exactly as before the chat loaded");
    await assertNoErrors(errors);
    await context.close();
  });

  it('react: React 19 sets credentials and strings as properties and attaches the onpoly-chat-* listeners (type-checked JSX)', async () => {
    const built = await builds.react!;
    console.log(`  ${describeBuild(built)}`);
    const {url} = await site({'/': built.dist});
    const {page, context, errors} = await openPage(`${url}/`);
    // No endpoint attribute: the chat can only connect through the `credentials` function property.
    await holdConversation(page, {text: 'ping from react'});
    const chat = page.locator('poly-chat');
    const received = await chat.evaluate((element) => {
      const properties = element as HTMLElement & {credentials?: unknown; strings?: unknown};
      return {credentials: typeof properties.credentials, strings: typeof properties.strings, asAttributes: element.getAttributeNames().filter((name) => name === 'credentials' || name === 'strings')};
    });
    assert.deepEqual(received, {credentials: 'function', strings: 'object', asAttributes: []}, 'credentials and strings arrived as properties, not as attributes');
    assert.equal(await chat.locator('[part~="input"]').getAttribute('placeholder'), 'Ask the React demo anything', 'the strings object reached the element');
    await chat.locator('[part~="feedback-up"]').last().click();
    await page.locator('#last-feedback', {hasText: /^up on \S+/}).waitFor({timeout: 20_000});
    await assertNoErrors(errors);
    await context.close();
  });

  for (const name of ['vue', 'svelte', 'angular'] as const) {
    it(`${name}: built with its own toolchain (type-checked templates), props and events reach the app`, async () => {
      const built = await builds[name]!;
      console.log(`  ${describeBuild(built)}`);
      const {url} = await site({'/': built.dist});
      const {page, context, errors} = await openPage(`${url}/`);
      await holdConversation(page, {text: `ping from ${name}`});
      await assertNoErrors(errors);
      await context.close();
    });
  }
});
