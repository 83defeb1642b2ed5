import {defineConfig} from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  // React 19 needs no custom-element setting: it sets <poly-chat>'s known properties (endpoint,
  // mode, credentials, strings, …) as properties and turns `onpoly-chat-*` props into listeners.
  plugins: [react()],
  server: {
    port: 5176,
    // During development, forward the credentials endpoint to your backend (here: `npm start` in
    // the poly-chat repository, which serves the endpoint and the PolyAI simulator on :5173).
    proxy: {'/api/poly-chat': 'http://localhost:5173'},
  },
});
