// SessionChunkController alone, on a bare host: the session chunk is loaded only when wanted, once
// for every instance, adopted once per host, and every lazy part renders the host again and is
// waited for. The chunk is module state: these tests run in order in their own page.
import {expect} from '@open-wc/testing';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {SessionChunkController} from '../../src/element/session-chunk-controller.js';
import type {SessionChunkModule} from '../../src/element/session-chunk-controller.js';

interface BareHost extends ReactiveControllerHost {
  updates: number;
  wanted: boolean;
  readonly adopted: SessionChunkModule[];
  readonly controller: SessionChunkController;
  /** What a lit update does for its controllers. */
  update(): void;
}

function bareHost(wanted = false): BareHost {
  const controllers: ReactiveController[] = [];
  const adopted: SessionChunkModule[] = [];
  const host = {
    updates: 0,
    wanted,
    adopted,
    addController: (controller: ReactiveController) => void controllers.push(controller),
    removeController: () => undefined,
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
    update: () => controllers.forEach((controller) => controller.hostUpdate?.()),
  } as Omit<BareHost, 'controller'> as BareHost;
  (host as {controller: SessionChunkController}).controller = new SessionChunkController(host, {
    wanted: () => host.wanted,
    adopt: (chunk) => adopted.push(chunk),
  });
  return host;
}

describe('SessionChunkController', () => {
  it('does not load the chunk while the host does not want it', () => {
    const host = bareHost(false);
    host.update();
    expect(host.controller.chunk).to.equal(null);
    expect(host.controller.pending).to.equal(false);
  });

  it('loads the chunk when wanted, renders the host again when it arrives, then adopts it once', async () => {
    const host = bareHost(false);
    host.wanted = true;
    host.update();
    host.update();
    expect(host.controller.pending).to.equal(true);
    expect(host.controller.ensureLoaded()).to.equal(host.controller.ensureLoaded(), 'callers share the one load');
    await host.controller.settled();
    expect(host.controller.pending).to.equal(false);
    expect(host.updates).to.equal(1, 'one render for the one load, however many updates asked');
    const chunk = host.controller.chunk;
    expect(chunk?.renderPanelContent).to.be.a('function');
    expect(host.adopted).to.have.length(0, 'adopted in an update, not when it arrives');
    host.update();
    host.update();
    expect(host.adopted).to.deep.equal([chunk]);
  });

  it('shares the loaded chunk: another host adopts it in its first wanted update, with nothing to wait for', () => {
    const host = bareHost(true);
    expect(host.controller.chunk).to.not.equal(null);
    host.update();
    expect(host.controller.pending).to.equal(false);
    expect(host.adopted).to.deep.equal([host.controller.chunk]);
    host.controller.load();
    expect(host.controller.pending).to.equal(false, 'load() once the chunk is here does nothing');
  });

  it('waits for any other lazy part once, and renders the host again when it arrives', async () => {
    const host = bareHost(false);
    let arrive: () => void = () => undefined;
    const part = new Promise<void>((resolve) => (arrive = resolve));
    host.controller.waitFor(part);
    host.controller.waitFor(part);
    expect(host.controller.pending).to.equal(true);
    let settled = false;
    const waiting = host.controller.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).to.equal(false);
    arrive();
    await waiting;
    expect(host.controller.pending).to.equal(false);
    expect(host.updates).to.equal(1);
  });
});
