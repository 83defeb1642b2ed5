// lazyPart and SessionChunkController.need: a failed load (offline) is not tried again from the
// next render — no request storm, no render loop, nothing left for updateComplete to wait for —
// but once the browser is back online (the window's `online` event), and the host renders again then.
import {expect} from '@open-wc/testing';
import {css} from 'lit';
import type {ReactiveControllerHost} from 'lit';
import {lazyPart} from '../../src/element/lazy-part.js';
import {SessionChunkController} from '../../src/element/session-chunk-controller.js';

/** A part whose import fails while `offline` is true, counting the imports. */
function flakyPart() {
  const state = {offline: true, imports: 0};
  const part = lazyPart(async () => {
    state.imports++;
    if (state.offline) throw new TypeError('Failed to fetch dynamically imported module');
    return {styles: css``, name: 'rare'};
  });
  return {state, part};
}

interface BareHost extends ReactiveControllerHost {
  updates: number;
}

function bareHost(): {host: BareHost; controller: SessionChunkController} {
  const host: BareHost = {
    updates: 0,
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => void host.updates++,
    updateComplete: Promise.resolve(true),
  };
  return {host, controller: new SessionChunkController(host, {wanted: () => false, adopt: () => undefined})};
}

describe('lazyPart after a failed load', () => {
  it('is not imported again by the next calls, but once the browser is back online', async () => {
    const {state, part} = flakyPart();
    await part.load();
    expect(state.imports).to.equal(1);
    for (let i = 0; i < 5; i++) expect(part.load()).to.equal(null, 'nothing started, nothing to wait for');
    expect(state.imports).to.equal(1);

    const online = part.online();
    state.offline = false;
    window.dispatchEvent(new Event('online'));
    await online;
    await part.load();
    expect(state.imports).to.equal(2);
    expect(part.get()).to.deep.include({name: 'rare'});
  });

  it('a host that needs it waits for the failed load only, then renders again when back online', async () => {
    const {state, part} = flakyPart();
    const {host, controller} = bareHost();
    controller.need(part);
    controller.need(part);
    expect(controller.pending).to.equal(true);
    await controller.settled();
    expect(controller.pending).to.equal(false);
    expect(host.updates).to.equal(1, 'one render for the one load');
    // That render needs the part again: nothing to wait for, no new import.
    controller.need(part);
    controller.need(part);
    expect(controller.pending).to.equal(false);
    expect(state.imports).to.equal(1);

    state.offline = false;
    window.dispatchEvent(new Event('online'));
    await part.online();
    await Promise.resolve();
    expect(host.updates).to.equal(2, 'rendered again once online');
    controller.need(part);
    await controller.settled();
    expect(state.imports).to.equal(2);
    expect(part.get()).to.not.equal(null);
  });
});
