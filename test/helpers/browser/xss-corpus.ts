// Hostile strings for every place server data reaches the UI. Each one that could run flips
// `window.__xssFired` (so a single canary catches any of them), or tries a dangerous URL scheme.
// Sources of inspiration: OWASP's XSS filter evasion cheat sheet, PortSwigger's XSS cheat sheet,
// Markdown link/image tricks, entity and Unicode obfuscation.

declare global {
  interface Window {
    /** Set by any corpus payload that manages to run. */
    __xssFired?: number;
  }
}

const FIRE = 'window.__xssFired=1';

/**
 * One payload and the text a reader must still see when it is shown as a message (whitespace
 * aside), written out here by hand, never derived from the renderer under test. A plain string is
 * shown exactly as written (HTML is text); `md(payload, readable)` is Markdown whose syntax goes.
 */
export type XssCase = string | {readonly payload: string; readonly readable: string};

function md(payload: string, readable: string): XssCase {
  return {payload, readable};
}

export const XSS_CORPUS: readonly XssCase[] = [
  // Plain HTML injection
  `<script>${FIRE}</script>`,
  `<img src=x onerror="${FIRE}">`,
  `<img src="x" onerror=${FIRE}>`,
  `<IMG SRC=x OnErRoR=${FIRE}>`,
  `<svg onload=${FIRE}>`,
  `<svg><script>${FIRE}</script></svg>`,
  `<svg><animate onbegin=${FIRE} attributeName=x dur=1s>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${FIRE}>`,
  `<iframe src="javascript:${FIRE}"></iframe>`,
  `<iframe srcdoc="<script>parent.${FIRE}</script>"></iframe>`,
  `<object data="javascript:${FIRE}"></object>`,
  `<embed src="javascript:${FIRE}">`,
  `<body onload=${FIRE}>`,
  `<details open ontoggle=${FIRE}>`,
  `<video><source onerror="${FIRE}"></video>`,
  `<input autofocus onfocus=${FIRE}>`,
  `<marquee onstart=${FIRE}>x</marquee>`,
  `<a href="javascript:${FIRE}">click</a>`,
  `<form action="javascript:${FIRE}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${FIRE}">`,
  `<base href="javascript:${FIRE}//">`,
  `<link rel=import href="data:text/html,<script>${FIRE}</script>">`,
  `<style>@import 'javascript:${FIRE}';</style>`,
  `<div style="background:url(javascript:${FIRE})">x</div>`,
  `"><img src=x onerror=${FIRE}>`,
  `'><svg onload=${FIRE}>`,
  `</p></div><script>${FIRE}</script>`,
  `<!--<img src="--><img src=x onerror=${FIRE}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${FIRE}>">`,
  `<template><img src=x onerror=${FIRE}></template>`,
  // Dangerous URL schemes, plain and obfuscated (as links, as attachments, as images)
  `javascript:${FIRE}`,
  `JaVaScRiPt:${FIRE}`,
  ` javascript:${FIRE}`,
  `java\tscript:${FIRE}`,
  `java\nscript:${FIRE}`,
  `java\u0000script:${FIRE}`,
  `\u200Bjavascript:${FIRE}`,
  `\u202Ejavascript:${FIRE}`,
  `javascript&colon;${FIRE}`,
  `&#106;avascript:${FIRE}`,
  `&#x6A;&#x61;vascript:${FIRE}`,
  `%6Aavascript:${FIRE}`,
  `ｊａｖａｓｃｒｉｐｔ:${FIRE}`,
  `data:text/html,<script>${FIRE}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3NGaXJlZD0xPC9zY3JpcHQ+`,
  `data:image/svg+xml,<svg onload=${FIRE}>`,
  `vbscript:msgbox(1)`,
  `VBScript:msgbox(1)`,
  `file:///etc/passwd`,
  `//evil.example/x.js`,
  `blob:https://evil.example/1`,
  // Markdown link and image tricks
  md(`[click me](javascript:${FIRE})`, 'click me'),
  md(`[click me](JAVASCRIPT:${FIRE})`, 'click me'),
  md(`[click me]( javascript:${FIRE} )`, 'click me'),
  md(`[click me](<javascript:${FIRE}>)`, 'click me'),
  md(`[data](data:text/html,<script>${FIRE}</script>)`, 'data'),
  md(`[vb](vbscript:msgbox(1))`, 'vb'),
  // No inline images in messages: the '!' stays, the rest is a link whose label is read.
  md(`![image](javascript:${FIRE})`, '!image'),
  `![x](x" onerror="${FIRE})`,
  `[a](https://ok.example "title" onclick="${FIRE}")`,
  `<javascript:${FIRE}>`,
  // Links do not nest: the outer label is read literally.
  md(`[![nested](javascript:${FIRE})](javascript:${FIRE})`, `![nested](javascript:${FIRE})`),
  md(`[ok](https://ok.example)<img src=x onerror=${FIRE}>`, `ok<img src=x onerror=${FIRE}>`),
  md(`**<img src=x onerror=${FIRE}>**`, `<img src=x onerror=${FIRE}>`),
  md(`\`<script>${FIRE}</script>\``, `<script>${FIRE}</script>`),
  // Tables, code blocks, quotes, strikethrough and nested lists: the same rules inside each.
  md(`\`\`\`html\n<script>${FIRE}</script>\n<img src=x onerror=${FIRE}>\n\`\`\``, `<script>${FIRE}</script><img src=x onerror=${FIRE}>`),
  md(`\`\`\`<img src=x onerror=${FIRE}>\nok\n\`\`\``, 'ok'),
  md(`~~~\n</pre></div><svg onload=${FIRE}>\n~~~`, `</pre></div><svg onload=${FIRE}>`),
  md(`| a | b |\n|---|---|\n| [click](javascript:${FIRE}) | <javascript:${FIRE}> |`, `abclick<javascript:${FIRE}>`),
  md(`| <img src=x onerror=${FIRE}> |\n|:-:|\n| \`<script>${FIRE}</script>\` |`, `<img src=x onerror=${FIRE}><script>${FIRE}</script>`),
  md(`| x |\n|---|\n| [a](data:text/html,<script>${FIRE}</script>) \\| [b](vbscript:msgbox(1)) |`, 'x a | b'),
  md(`> [click](javascript:${FIRE})\n> <img src=x onerror=${FIRE}>`, `click<img src=x onerror=${FIRE}>`),
  md(`>> **[deep](JaVaScRiPt:${FIRE})**`, 'deep'),
  md(`~~<img src=x onerror=${FIRE}>~~ \`<iframe srcdoc="<script>parent.${FIRE}</script>">\``, `<img src=x onerror=${FIRE}> <iframe srcdoc="<script>parent.${FIRE}</script>">`),
  md(`- a\n  - [b](javascript:${FIRE})\n    - <svg onload=${FIRE}>`, `ab<svg onload=${FIRE}>`),
  // Entities and Unicode that must stay text
  `&lt;script&gt;${FIRE}&lt;/script&gt;`,
  `&#60;img src=x onerror=${FIRE}&#62;`,
  `\u003cimg src=x onerror=${FIRE}\u003e`,
  `＜script＞${FIRE}＜/script＞`,
  `\u202Egnp.exe`,
  `{{constructor.constructor('${FIRE}')()}}`,
  `\${${FIRE}}`,
];

export const XSS_PAYLOADS: readonly string[] = XSS_CORPUS.map((entry) => (typeof entry === 'string' ? entry : entry.payload));

/** What must stay readable of XSS_PAYLOADS[i] (see XssCase). */
export const XSS_READABLE: readonly string[] = XSS_CORPUS.map((entry) => (typeof entry === 'string' ? entry : entry.readable));

/** A link or image URL the UI may use: only these schemes. */
export const SAFE_LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);
export const SAFE_IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Collapses whitespace (and drops it at the ends), for comparing what is shown as text. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface UnsafeFinding {
  readonly where: string;
  readonly what: string;
}

/**
 * Everything in a rendered tree that could run script or navigate somewhere unsafe: event-handler
 * attributes, inline styles, script-capable elements, links and images outside the allowed schemes.
 */
export function unsafeMarkup(root: ParentNode): UnsafeFinding[] {
  const findings: UnsafeFinding[] = [];
  const forbidden = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'form', 'template', 'foreignobject', 'animate', 'set', 'math', 'marquee', 'video', 'audio', 'source', 'input']);
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    if (forbidden.has(tag) && !(tag === 'form' && el.getAttribute('part') === 'composer') && !(tag === 'link' && el.closest('head'))) {
      findings.push({where: tag, what: el.outerHTML.slice(0, 120)});
    }
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) findings.push({where: `${tag}[${name}]`, what: attribute.value.slice(0, 120)});
      if (name === 'style') findings.push({where: `${tag}[style]`, what: attribute.value.slice(0, 120)});
      if (name === 'srcdoc' || name === 'formaction' || name === 'xlink:href') findings.push({where: `${tag}[${name}]`, what: attribute.value.slice(0, 120)});
    }
    if (tag === 'a' && el.hasAttribute('href')) {
      const href = el.getAttribute('href') ?? '';
      let protocol = '';
      try {
        protocol = new URL(href).protocol;
      } catch {
        protocol = `unparseable`;
      }
      if (!SAFE_LINK_PROTOCOLS.has(protocol)) findings.push({where: 'a[href]', what: href.slice(0, 120)});
    }
    if (tag === 'img') {
      const src = el.getAttribute('src') ?? '';
      let protocol = '';
      try {
        protocol = new URL(src).protocol;
      } catch {
        protocol = 'unparseable';
      }
      if (!SAFE_IMAGE_PROTOCOLS.has(protocol)) findings.push({where: 'img[src]', what: src.slice(0, 120)});
    }
    if (el.shadowRoot) findings.push(...unsafeMarkup(el.shadowRoot));
  }
  return findings;
}
