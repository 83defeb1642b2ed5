// The README's host backend recipes (examples/backend/*.js, quoted verbatim in the README) run as
// written, importing `poly-chat/server` from the packed package, against the PolyAI simulator: the
// exact request and response the README documents, the HttpOnly cookie, resume and new session.
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {startSimulator, type RunningSimulator} from '../../server/simulator/index.js';
import {root, scratch, unpackedPackage} from './helpers/packed.js';

const CONNECTOR = {token: 'recipe-connector-token-7f3a', host: 'recipes.example'};
const RECIPES = ['node-http.js', 'express.js'] as const;

let sim: RunningSimulator;
let dir: string;
const children: ChildProcess[] = [];

before(async () => {
  sim = await startSimulator({connectors: [CONNECTOR], agentDelayMs: 0});
  // An app folder where `poly-chat` is the packed package and `express` the repo's devDependency.
  dir = path.join(scratch(), 'recipes');
  mkdirSync(path.join(dir, 'node_modules'), {recursive: true});
  symlinkSync(unpackedPackage(), path.join(dir, 'node_modules', 'poly-chat'), 'dir');
  symlinkSync(path.join(root, 'node_modules', 'express'), path.join(dir, 'node_modules', 'express'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({name: 'host-backend', private: true, type: 'module'}));
  for (const recipe of RECIPES) cpSync(path.join(root, 'examples', 'backend', recipe), path.join(dir, recipe));
});

after(async () => {
  for (const child of children) child.kill();
  await sim.close();
});

/** Starts a recipe with the POLYAI_* environment and returns its endpoint URL (printed on start). */
function startRecipe(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd: dir,
      // No cool-down: the test asks for a new conversation right after the first one.
      env: {...process.env, PORT: '0', POLYAI_BASE_URL: sim.url, POLYAI_CONNECTOR_TOKEN: CONNECTOR.token, POLYAI_HOST: CONNECTOR.host, POLY_CHAT_NEW_SESSION_COOLDOWN_MS: '0'},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /credentials endpoint: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}: ${output}`)));
  });
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json', ...headers}, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000)});
}

async function simulatorSessions(): Promise<string> {
  return (await fetch(`${sim.url}/__sim/sessions`)).text();
}

for (const recipe of RECIPES) {
  describe(`host backend recipe: ${recipe}`, () => {
    it('is quoted verbatim in the README', () => {
      const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
      const source = readFileSync(path.join(root, 'examples', 'backend', recipe), 'utf8').trim();
      assert.ok(readme.includes(source), `README.md must quote examples/backend/${recipe} verbatim`);
    });

    it('mints credentials from the simulator, keeps the conversation by HttpOnly cookie, resumes it and starts a new one', async () => {
      const endpoint = await startRecipe(recipe);

      const first = await post(endpoint, {new_session: false, streaming: false});
      assert.equal(first.status, 200);
      assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(first.headers.get('cache-control'), 'no-store');
      const cookie = first.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^poly_chat_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
      const text = await first.text();
      assert.ok(!text.includes(CONNECTOR.token), 'the connector token never reaches the browser');
      const body = JSON.parse(text) as {access_token: string; session_id: string; base_url: string; expires_in: number};
      assert.deepEqual(Object.keys(body).sort(), ['access_token', 'base_url', 'expires_in', 'session_id']);
      assert.equal(typeof body.access_token, 'string');
      assert.equal(body.base_url, sim.url);
      assert.ok(body.expires_in > 0);
      assert.ok((await simulatorSessions()).includes(body.session_id), 'the session exists on the PolyAI side');

      const sid = cookie.split(';')[0]!;
      const resumed = (await (await post(endpoint, {new_session: false, streaming: false}, {Cookie: sid})).json()) as typeof body;
      assert.equal(resumed.session_id, body.session_id, 'new_session: false with the cookie resumes the conversation');
      assert.equal(resumed.access_token, body.access_token);

      const fresh = await post(endpoint, {new_session: true, streaming: false}, {Cookie: sid});
      const freshBody = (await fresh.json()) as typeof body;
      assert.notEqual(freshBody.session_id, body.session_id, 'new_session: true starts a new conversation');
      assert.notEqual(fresh.headers.get('set-cookie')?.split(';')[0], sid, 'with a new cookie');

      const noCookie = (await (await post(endpoint, {new_session: false, streaming: false})).json()) as typeof body;
      assert.notEqual(noCookie.session_id, body.session_id, "another browser never gets this browser's conversation");
    });

    it("answers the documented errors: 405 (or the router's 404) for other methods, 415 without JSON, 400 for a bad body", async () => {
      const endpoint = await startRecipe(recipe);
      const get = await fetch(endpoint);
      if (recipe === 'express.js') {
        assert.equal(get.status, 404, 'Express routes only POST to the handler');
      } else {
        assert.equal(get.status, 405);
        assert.equal(get.headers.get('allow'), 'POST');
      }
      const plain = await fetch(endpoint, {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: '{}'});
      assert.equal(plain.status, 415);
      const bad = await post(endpoint, {new_session: 'yes'});
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys((await bad.json()) as object).sort(), ['error', 'message']);
    });
  });
}
