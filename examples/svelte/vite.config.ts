import {defineConfig} from 'vite';
import {svelte} from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  base: './',
  plugins: [svelte()],
  server: {
    port: 5175,
    // During development, forward the credentials endpoint to your backend (here: `npm start` in
    // the poly-chat repository, which serves the endpoint and the PolyAI simulator on :5173).
    proxy: {'/api/poly-chat': 'http://localhost:5173'},
  },
});
