/// <reference types="vite/client" />
// Types <poly-chat>'s properties and @poly-chat-* events in templates (vue-tsc / Volar).
/// <reference types="poly-chat/vue" />
