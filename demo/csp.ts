// The chat under a strict Content-Security-Policy (demo/csp.html): lists every violation the page
// sees, so a person can watch it stay empty and a test can read it.
import '../src/poly-chat.js';
import type {PolyChat} from '../src/element/poly-chat.js';

declare global {
  interface Window {
    /** Violations seen by this page (read by test/reliability/csp.browser.test.ts). */
    cspViolations: string[];
  }
}

const list = document.querySelector<HTMLOListElement>('#violations');
const count = document.querySelector<HTMLParagraphElement>('#violation-count');
const statusLine = document.querySelector<HTMLParagraphElement>('#status-line');
const chat = document.querySelector<PolyChat>('#chat');
window.cspViolations = [];

document.addEventListener('securitypolicyviolation', (event) => {
  const text = `${event.effectiveDirective}: ${event.blockedURI || '(inline)'} ${event.sample}`.trim();
  window.cspViolations.push(text);
  const item = document.createElement('li');
  item.textContent = text;
  list?.append(item);
  if (count) count.textContent = `${window.cspViolations.length} violation${window.cspViolations.length === 1 ? '' : 's'}`;
});

chat?.addEventListener('poly-chat-status-change', (event) => {
  if (statusLine) statusLine.textContent = `status: ${event.status}`;
});
