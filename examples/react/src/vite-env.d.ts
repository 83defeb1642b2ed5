/// <reference types="vite/client" />
// Types <poly-chat>'s properties and onpoly-chat-* listeners in JSX (tsc).
/// <reference types="poly-chat/react" />
