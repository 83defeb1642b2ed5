// The theming page only needs the element defined.
import '../src/poly-chat.js';
