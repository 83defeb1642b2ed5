import {CUSTOM_ELEMENTS_SCHEMA, Component, signal} from '@angular/core';
// Defines <poly-chat> (lit comes along as a dependency). Its typings register the tag in
// HTMLElementTagNameMap and its events in HTMLElementEventMap, so strict templates type `$event`.
import 'poly-chat/poly-chat.js';
import type {PolyChatMessageEvent, PolyChatStatusChangeEvent} from 'poly-chat';

@Component({
  selector: 'app-root',
  // Lets Angular's template compiler accept <poly-chat> and bind its properties and events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>poly-chat in Angular</h1>
    <div class="chat">
      <poly-chat
        [endpoint]="endpoint"
        mode="inline"
        (poly-chat-status-change)="onStatus($event)"
        (poly-chat-message)="onMessage($event)"
      ></poly-chat>
    </div>
    <p>Status: <output id="status">{{ status() }}</output></p>
    <p>Last message: <output id="last-event">{{ lastMessage() }}</output></p>
  `,
  styles: `
    .chat {
      block-size: 34rem;
    }
  `,
})
export class AppComponent {
  readonly endpoint = '/api/poly-chat/session';
  readonly status = signal('idle');
  readonly lastMessage = signal('none yet');

  onStatus(event: PolyChatStatusChangeEvent): void {
    this.status.set(event.status);
  }

  onMessage(event: PolyChatMessageEvent): void {
    this.lastMessage.set(`${event.message.role}: ${event.message.text}`);
  }
}
