import {defineConfig} from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  plugins: [
    // <poly-chat> is a custom element, not a Vue component: Vue renders it as-is, sets its
    // properties (endpoint, mode, credentials, …) and listens to its DOM events.
    vue({template: {compilerOptions: {isCustomElement: (tag) => tag === 'poly-chat'}}}),
  ],
  server: {
    port: 5174,
    // During development, forward the credentials endpoint to your backend (here: `npm start` in
    // the poly-chat repository, which serves the endpoint and the PolyAI simulator on :5173).
    proxy: {'/api/poly-chat': 'http://localhost:5173'},
  },
});
