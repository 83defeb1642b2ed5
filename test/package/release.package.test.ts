// Release hygiene: changesets produce CHANGELOG.md, the version stays 0.x, and the README states the
// stability policy for the public API.
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';
import {root} from './helpers/packed.js';

const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('release hygiene', () => {
  it('CHANGELOG.md (written by `changeset version`) has an entry for the current 0.x version', () => {
    const {version} = JSON.parse(read('package.json')) as {version: string};
    assert.match(version, /^0\./, 'the version stays 0.x');
    assert.match(read('CHANGELOG.md'), new RegExp(`^## ${version.replaceAll('.', '\\.')}$`, 'm'));
    assert.ok(existsSync(path.join(root, '.changeset', 'config.json')), 'changesets is set up');
  });

  it('no pending changeset asks for a major bump while the package is 0.x', () => {
    const pending = readdirSync(path.join(root, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
    for (const file of pending) {
      const frontMatter = /^---\n([\s\S]*?)\n---/.exec(read(path.join('.changeset', file)))?.[1] ?? '';
      assert.doesNotMatch(frontMatter, /:\s*major\s*$/m, `.changeset/${file}: breaking changes are minor bumps while 0.x`);
    }
  });

  it('the README states which API is public and how versions move', () => {
    const readme = read('README.md');
    const policy = readme.slice(readme.indexOf('## Stability policy'));
    assert.ok(readme.includes('## Stability policy'));
    for (const term of ['attributes', 'properties', 'methods', 'events', 'CSS parts', 'CSS custom properties', '0.x']) {
      assert.ok(policy.includes(term), `the stability policy names ${term}`);
    }
  });
});
