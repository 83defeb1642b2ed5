import tseslint from 'typescript-eslint';
import {configs as litConfigs} from 'eslint-plugin-lit';
import {configs as wcConfigs} from 'eslint-plugin-wc';

const LAYERS = ['model', 'protocol', 'machine', 'transport', 'runtime', 'view', 'i18n', 'events', 'controller', 'element'];

/** no-restricted-imports for the src layers in `names`. */
function forbid(folder, names) {
  const patterns = names.map((name) => ({
    group: [`**/${name}/*`],
    message: `${folder} may not import ${name}/ (architecture.md layering).`,
  }));
  return {'no-restricted-imports': ['error', {patterns}]};
}

/**
 * Config blocks that let `folder` import only the src layers in `allowed` (and itself). `only`
 * narrows an allowed layer to some files of the folder: `{runtime: ['src/element/x.ts']}`.
 */
function layer(folder, allowed, only = {}) {
  const own = folder.split('/').pop();
  const others = LAYERS.filter((name) => name !== own);
  const outside = others.filter((name) => !allowed.includes(name));
  const narrowed = Object.keys(only);
  const blocks = [{files: [`${folder}/**/*.ts`], rules: forbid(folder, [...outside, ...narrowed])}];
  for (const [name, files] of Object.entries(only)) {
    blocks.push({files, rules: forbid(folder, [...outside, ...narrowed.filter((other) => other !== name)])});
  }
  return blocks;
}

export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'coverage/', 'examples/**/dist/', 'examples/**/node_modules/', '**/*.d.ts']},
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  wcConfigs['flat/recommended'],
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  // Layering (architecture.md): dependencies point one way. A folder may import only the layers
  // listed for it; anything else fails `npm test`.
  ...layer('src/model', ['protocol']),
  ...layer('src/protocol', ['model']),
  ...layer('src/machine', ['protocol', 'model']),
  ...layer('src/transport', ['protocol', 'model']),
  ...layer('src/runtime', ['machine', 'protocol', 'transport', 'model']),
  ...layer('src/view', ['protocol', 'model', 'i18n']),
  ...layer('src/i18n', ['model']),
  ...layer('src/events', ['protocol', 'model']),
  ...layer('src/controller', ['events', 'protocol', 'model', 'runtime', 'element'], {
    // Only the one import() of the session chunk (shared by the runtime factory and the element).
    element: ['src/controller/session-chunk-loader.ts'],
  }),
  ...layer('src/element', ['view', 'controller', 'events', 'i18n', 'protocol', 'model', 'runtime'], {
    // Only the lazy session chunk (and the paint helper the element and the chunk's hand-over share,
    // the per-tab storage accessor the launcher memory and the teaser share, and whose conversation a
    // per-tab memory is: runtime/conversation-source.ts) reach into the runtime.
    runtime: [
      'src/element/session-chunk.ts',
      'src/element/poly-chat.ts',
      'src/element/session-chunk-controller.ts',
      'src/element/launcher-memory-controller.ts',
      'src/element/teaser.ts',
    ],
  }),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  {
    // `.only` would silence every other test (the runners forbid it too; scripts/check-skips.mjs
    // also requires a reason comment at every skip).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe', 'suite'].map((object) => ({object, property: 'only', message: 'no .only: it silences every other test'})),
      ],
    },
  },
);
