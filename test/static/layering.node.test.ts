// The layering lint rule (eslint.config.js) really refuses what architecture.md forbids, and lets
// through what it allows: linted as if the code sat in each folder.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {ESLint} from 'eslint';

const eslint = new ESLint();

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath});
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('layering lint rule', () => {
  const refused: ReadonlyArray<readonly [string, string]> = [
    ['src/view/x.ts', "import type {State} from '../machine/state.js';"],
    ['src/view/x.ts', "import {SessionRuntime} from '../runtime/session-runtime.js';"],
    ['src/machine/x.ts', "import {openSocket} from '../transport/socket.js';"],
    ['src/protocol/x.ts', "import type {State} from '../machine/state.js';"],
    ['src/transport/x.ts', "import {SessionRuntime} from '../runtime/session-runtime.js';"],
    ['src/element/x.ts', "import {SessionRuntime} from '../runtime/session-runtime.js';"],
    ['src/runtime/x.ts', "import {renderPanel} from '../view/panel.js';"],
  ];
  for (const [file, code] of refused) {
    test(`refuses in ${file}: ${code}`, async () => {
      assert.equal((await layeringErrors(file, `${code}\nexport {};\n`)).length, 1);
    });
  }

  const allowed: ReadonlyArray<readonly [string, string]> = [
    ['src/view/x.ts', "import type {ChatSnapshot} from '../model/snapshot.js';"],
    ['src/machine/x.ts', "import type {ServerEvent} from '../protocol/wire.js';"],
    ['src/element/session-chunk.ts', "import {SessionRuntime} from '../runtime/session-runtime.js';"],
  ];
  for (const [file, code] of allowed) {
    test(`allows in ${file}: ${code}`, async () => {
      assert.deepEqual(await layeringErrors(file, `${code}\nexport {};\n`), []);
    });
  }
});
