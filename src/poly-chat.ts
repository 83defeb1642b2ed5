// The ONE define module: `import 'poly-chat/poly-chat.js'` defines <poly-chat>. Guarded, so loading it
// twice (two bundles on one page) or in an environment without custom elements (SSR) is harmless.
import {PolyChat} from './element/poly-chat.js';

if (typeof customElements !== 'undefined' && !customElements.get('poly-chat')) {
  customElements.define('poly-chat', PolyChat);
}

declare global {
  interface HTMLElementTagNameMap {
    'poly-chat': PolyChat;
  }
}

export * from './index.js';
