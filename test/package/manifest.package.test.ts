// custom-elements.json, the README's reference tables and the framework typings (typings/) are
// generated from the element's JSDoc and committed; these tests fail when any of them is stale, and
// when the documented styling API (CSS custom properties, parts) and what the styles and templates
// actually use drift apart.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, it} from 'node:test';
import {root, scriptModule} from './helpers/packed.js';

interface Named {
  name: string;
}
interface ElementDeclaration {
  tagName: string;
  attributes?: (Named & {fieldName?: string})[];
  members?: (Named & {kind: string; privacy?: string; readonly?: boolean})[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}
interface Manifest {
  modules: {path: string; declarations?: (ElementDeclaration & {customElement?: boolean})[]}[];
}

const committed = (): Manifest => JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8')) as Manifest;
const element = (): ElementDeclaration => {
  const found = committed().modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'poly-chat');
  assert.ok(found, 'custom-elements.json declares <poly-chat>');
  return found;
};
const names = (list: Named[] | undefined): string[] => (list ?? []).map((entry) => entry.name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

/** Source text without comments (the JSDoc that documents a name must not count as using it). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('custom-elements.json', () => {
  it('is up to date with the JSDoc (`npm run manifest` regenerates it)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'poly-chat-cem-'));
    const packageJson = readFileSync(path.join(root, 'package.json'), 'utf8');
    // The analyzer joins --outdir to the working directory, so pass it relative.
    execFileSync(path.join(root, 'node_modules', '.bin', 'cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', path.relative(root, out), '--quiet'], {
      cwd: root,
      stdio: 'pipe',
    });
    assert.equal(readFileSync(path.join(root, 'package.json'), 'utf8'), packageJson, 'the analyzer must not touch package.json (packagejson: false)');
    const fresh = readFileSync(path.join(out, 'custom-elements.json'), 'utf8').split('\n');
    const current = readFileSync(path.join(root, 'custom-elements.json'), 'utf8').split('\n');
    const line = fresh.findIndex((text, index) => text !== current[index]);
    assert.ok(
      line < 0 && fresh.length === current.length,
      `custom-elements.json is stale: run \`npm run manifest\` and commit it (first difference at line ${line + 1}: ` +
        `committed ${JSON.stringify(current[line]?.trim())}, generated ${JSON.stringify(fresh[line]?.trim())})`,
    );
  });

  it('documents the contract: attributes, properties, methods, events, parts', () => {
    const el = element();
    for (const attribute of ['endpoint', 'streaming', 'mode', 'open', 'lang']) assert.ok(names(el.attributes).includes(attribute), `attribute ${attribute}`);
    const publicMembers = (el.members ?? []).filter((member) => (member.privacy ?? 'public') === 'public');
    for (const property of ['credentials', 'status', 'sessionId', 'messages']) assert.ok(names(publicMembers).includes(property), `property ${property}`);
    for (const readonly of ['status', 'sessionId', 'messages']) assert.ok(publicMembers.find((m) => m.name === readonly)?.readonly, `${readonly} is read-only`);
    for (const method of ['send', 'end', 'restart']) assert.ok(publicMembers.some((m) => m.kind === 'method' && m.name === method), `method ${method}`);
    assert.deepEqual(names(el.events).sort(), ['poly-chat-end', 'poly-chat-error', 'poly-chat-feedback', 'poly-chat-message', 'poly-chat-open-change', 'poly-chat-status-change']);
    const parts = names(el.cssParts);
    for (const part of [
      'launcher', 'panel', 'header', 'transcript', 'message', 'message-user', 'message-agent', 'message-live-agent', 'message-system',
      'attachment', 'suggestion', 'typing-indicator', 'status-banner', 'composer', 'input', 'send-button',
    ]) {
      assert.ok(parts.includes(part), `part ${part}`);
    }
    assert.deepEqual(names(el.members).filter((name) => name.startsWith('#') || name.startsWith('_')), [], 'no private members in the public manifest');
  });
});

describe('styling API: documented == used', () => {
  it('every --poly-chat-* custom property the styles read is documented, and every documented one is read', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const match of code(file).matchAll(/(?<![\w-])--poly-chat-[a-z0-9-]+/g)) used.add(match[0]);
    }
    const documented = new Set(names(element().cssProperties));
    assert.ok(used.size > 0, 'found the custom properties in the styles');
    assert.deepEqual([...used].filter((name) => !documented.has(name)).sort(), [], 'used in src/ but not documented with @cssprop');
    assert.deepEqual([...documented].filter((name) => !used.has(name)).sort(), [], 'documented with @cssprop but never read by the styles');
  });

  it('every part the templates render is documented, and every documented part is rendered', () => {
    const used = new Set<string>();
    // `part="message message-${message.role}"`: a dynamic token stands for every part with its prefix.
    const dynamicPrefixes = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const match of code(file).matchAll(/\bpart="([^"]+)"/g)) {
        for (const token of match[1]!.split(/\s+/).filter(Boolean)) {
          if (token.includes('${')) dynamicPrefixes.add(token.slice(0, token.indexOf('${')));
          else used.add(token);
        }
      }
    }
    // `part=${part}` in a helper: its default (`part = 'link'`) and the names callers pass ('handoff-link').
    const viewCode = sourceFiles(path.join(root, 'src')).map(code).join('\n');
    for (const match of viewCode.matchAll(/\bpart\s*=\s*'([a-z-]+)'/g)) used.add(match[1]!);
    const documented = new Set(names(element().cssParts));
    assert.deepEqual([...used].filter((name) => !documented.has(name)).sort(), [], 'rendered but not documented with @csspart');
    // A helper's argument: `link(href, text, 'handoff-link')`, `iconButton('leave-button', …)`.
    const passedToHelper = (name: string): boolean => new RegExp(`[(,]\\s*'${name}'\\s*[,)]`).test(viewCode);
    const rendered = (name: string): boolean =>
      used.has(name) || passedToHelper(name) || [...dynamicPrefixes].some((prefix) => prefix !== '' && name.startsWith(prefix));
    assert.deepEqual([...documented].filter((name) => !rendered(name)).sort(), [], 'documented with @csspart but never rendered');
  });
});

describe('README reference section', () => {
  it('matches custom-elements.json (`npm run manifest` rewrites it)', async () => {
    const {updateReadme} = await scriptModule<{updateReadme: (readme: string, manifest: Manifest) => string}>('build-readme.mjs');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.ok(updateReadme(readme, committed()) === readme, 'the README reference section is stale: run `npm run manifest`');
  });
});

describe('framework typings (typings/)', () => {
  const committedTypings = (): Record<string, string> =>
    Object.fromEntries(readdirSync(path.join(root, 'typings')).map((name) => [name, readFileSync(path.join(root, 'typings', name), 'utf8')]));

  it('match custom-elements.json (`npm run manifest` regenerates them)', async () => {
    const {renderTypings} = await scriptModule<{renderTypings: (manifest: Manifest) => Record<string, string>}>('build-typings.mjs');
    const generated = renderTypings(committed());
    const current = committedTypings();
    assert.deepEqual(Object.keys(current).sort(), ['react.d.ts', 'svelte.d.ts', 'vue.d.ts'], 'typings/ holds the generated files and nothing else');
    for (const [name, text] of Object.entries(generated)) {
      assert.ok(current[name] === text, `typings/${name} is stale: run \`npm run manifest\` and commit it`);
    }
  });

  it('type every event the element fires with its Event class, and every property a template may set', () => {
    const el = element();
    const events = (el.events ?? []) as (Named & {type?: {text: string}})[];
    const settable = names((el.members ?? []).filter((m) => m.kind === 'field' && (m.privacy ?? 'public') === 'public' && !m.readonly));
    assert.ok(settable.includes('credentials') && settable.includes('strings'), 'the property-only members are settable too');
    const typings = committedTypings();
    for (const {name, type} of events) {
      assert.ok(type?.text, `${name} names its Event class (@fires {Class} ${name})`);
      assert.match(typings['vue.d.ts']!, new RegExp(`'${name}': ${type.text};`), `vue.d.ts maps ${name}`);
      for (const file of ['svelte.d.ts', 'react.d.ts']) {
        assert.match(typings[file]!, new RegExp(`'on${name}'\\?: \\(event: ${type.text}\\) => void;`), `${file} types on${name}`);
      }
    }
    for (const [file, text] of Object.entries(typings)) {
      for (const property of settable) assert.match(text, new RegExp(`\\n  ${property}\\?: `), `${file} types ${property}`);
      for (const readonly of ['status', 'sessionId', 'messages']) assert.doesNotMatch(text, new RegExp(`\\n  ${readonly}\\?: `), `${file}: ${readonly} is read-only`);
    }
  });
});
