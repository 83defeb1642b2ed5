import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
// Defines <poly-chat> before the first render, so React 19 sees its properties and sets them as
// properties (lit comes along as a dependency).
import 'poly-chat/poly-chat.js';
import {App} from './App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
