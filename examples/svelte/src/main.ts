import {mount} from 'svelte';
// Defines <poly-chat> (lit comes along as a dependency).
import 'poly-chat/poly-chat.js';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing');
export default mount(App, {target});
