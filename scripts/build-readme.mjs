// Rewrites the README's reference section (between the two markers below) from custom-elements.json:
// attributes and properties, methods, events, CSS parts, CSS custom properties, slots, custom states.
//   node scripts/build-readme.mjs            rewrite README.md (run by `npm run manifest`)
//   node scripts/build-readme.mjs --check    exit 1 when README.md is stale
// test/package/manifest.package.test.ts runs the same check.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BEGIN = '<!-- reference:begin — generated from custom-elements.json by `npm run manifest`; edit the JSDoc in src/element/poly-chat.ts, not this section -->';
export const END = '<!-- reference:end -->';

/** A table cell: one line, pipes escaped. */
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|').trim();
const code = (text) => (text === undefined || text === '' ? '' : `\`${cell(text).replaceAll('`', '')}\``);

function table(headers, rows) {
  if (rows.length === 0) return '';
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The element declarations (there is one: `<poly-chat>`). */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName));
}

const isPublic = (member) => (member.privacy ?? 'public') === 'public' && !member.static && !member.name.startsWith('#');

export function renderReference(manifest) {
  const sections = [];
  for (const element of elementsOf(manifest)) {
    const fields = (element.members ?? []).filter((member) => member.kind === 'field' && isPublic(member));
    const attributes = element.attributes ?? [];
    const fieldRows = fields.map((field) => {
      const attribute = attributes.find((candidate) => candidate.fieldName === field.name);
      const notes = field.readonly ? 'read-only' : '';
      return [
        attribute ? code(attribute.name) : '—',
        code(field.name),
        code(field.type?.text),
        code(field.default),
        cell([field.description, notes ? `(${notes})` : ''].filter(Boolean).join(' ')),
      ];
    });
    const methods = (element.members ?? []).filter((member) => member.kind === 'method' && isPublic(member));
    const methodRows = methods.map((method) => {
      const params = (method.parameters ?? []).map((param) => `${param.name}${param.optional ? '?' : ''}: ${param.type?.text ?? 'unknown'}`);
      return [code(`${method.name}(${params.join(', ')}): ${method.return?.type?.text ?? 'void'}`), cell(method.description)];
    });

    sections.push(
      `### \`<${element.tagName}>\``,
      '',
      cell(element.summary ?? element.description),
      '',
      '#### Attributes and properties',
      '',
      table(['attribute', 'property', 'type', 'default', 'description'], fieldRows),
      '',
      '#### Methods',
      '',
      table(['method', 'description'], methodRows),
      '',
      '#### Events',
      '',
      'All bubble and are composed; each is a typed `Event` subclass registered in `HTMLElementEventMap` ' +
        '(`detail` mirrors the fields for frameworks that read `event.detail`).',
      '',
      table(
        ['event', 'class', 'description'],
        (element.events ?? []).map((event) => [code(event.name), code(event.type?.text), cell(event.description)]),
      ),
      '',
      '#### CSS parts (`::part()`)',
      '',
      table(['part', 'description'], (element.cssParts ?? []).map((part) => [code(part.name), cell(part.description)])),
      '',
      '#### CSS custom properties',
      '',
      table(
        ['property', 'default', 'description'],
        (element.cssProperties ?? []).map((property) => [code(property.name), code(property.default), cell(property.description)]),
      ),
      '',
      '#### Slots',
      '',
      table(['slot', 'description'], (element.slots ?? []).map((slot) => [code(slot.name || '(default)'), cell(slot.description)])),
      '',
      '#### Custom states (`:state()`)',
      '',
      table(['state', 'description'], (element.cssStates ?? []).map((state) => [code(state.name), cell(state.description)])),
      '',
    );
  }
  return sections.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** README text with the reference section replaced; throws when the markers are missing. */
export function updateReadme(readme, manifest) {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no reference markers (${BEGIN} … ${END})`);
  return `${readme.slice(0, begin + BEGIN.length)}\n\n${renderReference(manifest).trim()}\n\n${readme.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const readmePath = path.join(root, 'README.md');
  const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
  const current = readFileSync(readmePath, 'utf8');
  const next = updateReadme(current, manifest);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md reference section is stale: run `npm run manifest`');
      process.exit(1);
    }
    console.log('README.md reference section is up to date');
  } else if (next !== current) {
    writeFileSync(readmePath, next);
    console.log('README.md reference section rewritten from custom-elements.json');
  } else {
    console.log('README.md reference section already up to date');
  }
}
