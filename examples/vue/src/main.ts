import {createApp} from 'vue';
// Defines <poly-chat> (lit comes along as a dependency, shared with anything else that uses it).
import 'poly-chat/poly-chat.js';
import App from './App.vue';

createApp(App).mount('#app');
