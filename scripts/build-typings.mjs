// Writes the framework typings (typings/vue.d.ts, svelte.d.ts, react.d.ts, shipped as `poly-chat/vue`,
// `poly-chat/svelte`, `poly-chat/react`) from custom-elements.json: the element's settable properties
// with their types and its events with their Event classes. Generated so that they can no longer
// drift from the element (the hand-written ones missed events it fires).
//   node scripts/build-typings.mjs            rewrite typings/ (run by `npm run manifest`)
//   node scripts/build-typings.mjs --check    exit 1 when a file in typings/ is stale
// test/package/manifest.package.test.ts runs the same check.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {elementsOf} from './build-readme.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The module whose exports the typings may import (what `poly-chat` exports). */
const INDEX_MODULE = 'src/index.ts';
/** Type names TypeScript knows without an import. */
const GLOBAL_TYPES = new Set(['Partial', 'Readonly', 'ReadonlyArray', 'Array', 'Record', 'Promise', 'Pick', 'Omit', 'Required', 'Event']);

const isSettable = (member) =>
  member.kind === 'field' && (member.privacy ?? 'public') === 'public' && !member.static && !member.readonly && !member.name.startsWith('#');

/**
 * What the typings describe, from the manifest: the element's class, its settable properties
 * (read-only ones such as `status` cannot be set from a template) and its events.
 */
export function elementApi(manifest, tagName = 'poly-chat') {
  const element = elementsOf(manifest).find((declaration) => declaration.tagName === tagName);
  if (!element) throw new Error(`custom-elements.json declares no <${tagName}>`);
  const attributes = element.attributes ?? [];
  const properties = (element.members ?? []).filter(isSettable).map((field) => {
    if (!field.type?.text) throw new Error(`${element.name}.${field.name} has no type in custom-elements.json`);
    const attribute = attributes.find((candidate) => candidate.fieldName === field.name)?.name;
    return {name: field.name, type: field.type.text, description: field.description ?? '', attribute};
  });
  const events = (element.events ?? []).map((event) => {
    if (!event.type?.text) throw new Error(`event ${event.name} has no class: document it as @fires {EventClass} ${event.name}`);
    return {name: event.name, type: event.type.text, description: event.description ?? ''};
  });
  const exported = new Set(manifest.modules.find((module) => module.path === INDEX_MODULE)?.exports?.map((entry) => entry.name) ?? []);
  return {tagName, className: element.name, properties, events, imports: importsOf([element.name, ...properties.map((p) => p.type), ...events.map((e) => e.type)], exported)};
}

/** The names in these type texts that must be imported from `poly-chat`; throws for one it does not export. */
function importsOf(typeTexts, exported) {
  const names = new Set();
  for (const text of typeTexts) {
    const withoutLiterals = text.replace(/'[^']*'|"[^"]*"/g, '');
    for (const [name] of withoutLiterals.matchAll(/\b[A-Z][A-Za-z0-9_]*\b/g)) {
      if (GLOBAL_TYPES.has(name)) continue;
      if (!exported.has(name)) throw new Error(`the typings need type ${name}, which ${INDEX_MODULE} does not export`);
      names.add(name);
    }
  }
  return [...names].sort();
}

const WIDTH = 100;

/** A paragraph as lines of at most `width` characters, broken between words. */
function wrap(line, width) {
  const lines = [];
  let current = '';
  for (const word of line.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current];
}

/** A JSDoc block at `indent` (long lines wrapped to the files' width), or nothing for an empty text. */
function doc(text, indent) {
  if (text.trim() === '') return [];
  // Paragraphs are re-flowed: the JSDoc's own line breaks were made for another indentation.
  const lines = text
    .trim()
    .replaceAll('*/', '*\\/')
    .split(/\n\s*\n/)
    .flatMap((paragraph, index) => [...(index > 0 ? [''] : []), ...wrap(paragraph, WIDTH - `${indent} * `.length)]);
  if (lines.length === 1 && `${indent}/** ${lines[0]} */`.length <= WIDTH) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`.trimEnd()), `${indent} */`];
}

const propertyDoc = (property) =>
  property.attribute && property.attribute !== property.name ? `${property.description}\n(HTML attribute \`${property.attribute}\`.)` : property.description;

function propertyLines(api, indent) {
  return api.properties.flatMap((property) => [...doc(propertyDoc(property), indent), `${indent}${property.name}?: ${property.type};`]);
}

/** `'onpoly-chat-message'?: (event: PolyChatMessageEvent) => void;`: the listener-prop form Svelte 5 and React 19 share. */
function listenerLines(api, indent) {
  return api.events.flatMap((event) => [...doc(event.description, indent), `${indent}'on${event.name}'?: (event: ${event.type}) => void;`]);
}

/** The generated-file notice, the usage comment, then the imports (the framework's first). */
function header(api, usage, frameworkImport) {
  return [
    `// GENERATED by scripts/build-typings.mjs from custom-elements.json: do not edit. Change the`,
    `// JSDoc in src/element/poly-chat.ts and run \`npm run manifest\` (it regenerates the manifest,`,
    `// the README reference and these typings).`,
    `//`,
    ...usage.map((line) => `// ${line}`.trimEnd()),
    frameworkImport,
    `import type {`,
    ...api.imports.map((name) => `  ${name},`),
    `} from './index.js';`,
  ];
}

export function renderVue(api) {
  return [
    ...header(api, [
      `\`poly-chat/vue\`: types <${api.tagName}> in Vue templates (vue-tsc / Volar): its properties and its`,
      `\`@${api.tagName}-*\` events with their Event classes. Reference it once, e.g. in env.d.ts:`,
      ``,
      `  /// <reference types="poly-chat/vue" />`,
      ``,
      `and tell Vue's compiler that the tag is a custom element:`,
      `  vue({template: {compilerOptions: {isCustomElement: (tag) => tag === '${api.tagName}'}}})`,
    ], `import type {EmitFn, HTMLAttributes} from 'vue';`),
    ``,
    `/** The events \`<${api.tagName}>\` fires, by name. */`,
    `export interface PolyChatEventMap {`,
    ...api.events.flatMap((event) => [...doc(event.description, '  '), `  '${event.name}': ${event.type};`]),
    `}`,
    ``,
    `/** What a template may set on \`<${api.tagName}>\` (attributes and properties alike). */`,
    `export interface PolyChatVueProps {`,
    ...propertyLines(api, '  '),
    `}`,
    ``,
    `/** Vue's recipe for a non-Vue custom element: a constructor whose instance carries template types. */`,
    `export type PolyChatVueElement = new () => ${api.className} & {`,
    `  /** @deprecated Template typing only: do not use on an element ref. */`,
    `  $props: HTMLAttributes & PolyChatVueProps;`,
    `  /** @deprecated Template typing only: do not use on an element ref. */`,
    `  $emit: EmitFn<{[K in keyof PolyChatEventMap]: (event: PolyChatEventMap[K]) => void}>;`,
    `};`,
    ``,
    `declare module 'vue' {`,
    `  interface GlobalComponents {`,
    `    '${api.tagName}': PolyChatVueElement;`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

export function renderSvelte(api) {
  return [
    ...header(api, [
      `\`poly-chat/svelte\`: types <${api.tagName}> in Svelte 5 templates (svelte-check): its properties and`,
      `its \`on${api.tagName}-*\` event attributes with their Event classes. Reference it once, e.g. in`,
      `src/app.d.ts or any .d.ts your tsconfig includes:`,
      ``,
      `  /// <reference types="poly-chat/svelte" />`,
    ], `import type {HTMLAttributes} from 'svelte/elements';`),
    ``,
    `/** What a Svelte template may put on \`<${api.tagName}>\`: its properties and its event listeners. */`,
    `export type PolyChatSvelteAttributes = HTMLAttributes<${api.className}> & {`,
    ...propertyLines(api, '  '),
    ...listenerLines(api, '  '),
    `};`,
    ``,
    `declare module 'svelte/elements' {`,
    `  interface SvelteHTMLElements {`,
    `    '${api.tagName}': PolyChatSvelteAttributes;`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

export function renderReact(api) {
  return [
    ...header(api, [
      `\`poly-chat/react\`: types <${api.tagName}> in React 19 JSX: its properties and its \`on${api.tagName}-*\``,
      `listeners with their Event classes. React 19 sets a custom element's known properties as`,
      `properties (so functions and objects such as \`credentials\` and \`strings\` pass as they are) and`,
      `attaches \`on<event-name>\` props as listeners for exactly that event. Reference it once, e.g. in`,
      `src/vite-env.d.ts:`,
      ``,
      `  /// <reference types="poly-chat/react" />`,
      ``,
      `and import 'poly-chat/poly-chat.js' before the first render, so the element is defined.`,
    ], `import type {DetailedHTMLProps, HTMLAttributes} from 'react';`),
    ``,
    `/** What JSX may put on \`<${api.tagName}>\`: React's HTML props, its properties and its event listeners. */`,
    `export type PolyChatReactProps = DetailedHTMLProps<HTMLAttributes<${api.className}>, ${api.className}> & {`,
    ...propertyLines(api, '  '),
    ...listenerLines(api, '  '),
    `};`,
    ``,
    `declare module 'react' {`,
    `  namespace JSX {`,
    `    interface IntrinsicElements {`,
    `      '${api.tagName}': PolyChatReactProps;`,
    `    }`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

/** Every file of typings/, by name, as generated from the manifest. */
export function renderTypings(manifest) {
  const api = elementApi(manifest);
  return {'vue.d.ts': renderVue(api), 'svelte.d.ts': renderSvelte(api), 'react.d.ts': renderReact(api)};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
  const read = (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const stale = [];
  for (const [name, text] of Object.entries(renderTypings(manifest))) {
    const file = path.join(root, 'typings', name);
    if (read(file) === text) continue;
    stale.push(`typings/${name}`);
    if (!process.argv.includes('--check')) writeFileSync(file, text);
  }
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      console.error(`${stale.join(', ')} stale: run \`npm run manifest\``);
      process.exit(1);
    }
    console.log('typings/ are up to date');
  } else {
    console.log(stale.length > 0 ? `${stale.join(', ')} rewritten from custom-elements.json` : 'typings/ already up to date');
  }
}
