/// <reference types="svelte" />
/// <reference types="vite/client" />
// Types <poly-chat>'s properties and onpoly-chat-* event attributes in templates (svelte-check).
/// <reference types="poly-chat/svelte" />
