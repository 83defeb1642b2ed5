import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ReactiveController} from 'lit';
import {UnreadController} from '../../src/element/unread-controller.js';
import type {LauncherHost} from '../../src/element/unread-controller.js';

/** A host with a launcher panel, whose update() runs the controller hooks the way lit does. */
function launcherHost(mode: string, open: boolean) {
  const controllers: ReactiveController[] = [];
  const stateSet = new Set<string>();
  const host = {
    mode,
    open,
    addController: (controller: ReactiveController) => void controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
    update(): void {
      for (const controller of controllers) controller.hostUpdate?.();
      for (const controller of controllers) controller.hostUpdated?.();
    },
  } satisfies LauncherHost & {update(): void};
  const unread = new UnreadController(host, {toggle: (name, on) => void (on ? stateSet.add(name) : stateSet.delete(name))});
  return {host, unread, unreadState: () => stateSet.has('unread')};
}

describe('UnreadController', () => {
  it('counts messages that arrive while the launcher panel is closed, and says so with the unread state', () => {
    const {host, unread, unreadState} = launcherHost('launcher', false);
    host.update();
    assert.equal(unreadState(), false);
    unread.arrived(1);
    unread.arrived(0);
    unread.arrived(2);
    host.update();
    assert.equal(unread.count, 3);
    assert.equal(unreadState(), true);
  });

  it('clears the count when the panel opens, in the update that shows it', () => {
    const {host, unread, unreadState} = launcherHost('launcher', false);
    unread.arrived(2);
    host.update();
    host.open = true;
    host.update();
    assert.equal(unread.count, 0);
    assert.equal(unreadState(), false);
  });

  it('counts nothing while the panel is open, or inline (the reader sees the messages)', () => {
    const open = launcherHost('launcher', true);
    open.unread.arrived(2);
    open.host.update();
    assert.equal(open.unread.count, 0);
    const inline = launcherHost('inline', false);
    inline.unread.arrived(2);
    inline.host.update();
    assert.equal(inline.unread.count, 0);
    assert.equal(inline.unreadState(), false);
  });
});
