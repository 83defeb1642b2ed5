// Getting the visitor's attention: `notify` (the title count and the chime) and the `teaser` bubble,
// `import()`ed by the element only when one of them is used (most pages use neither), so they cost
// the first-load bundle only their import site. One chunk for both: each import site in the bundle
// costs bytes there, and the two are small.
//
// Nothing here imports lit: the element passes in what the teaser renders with. A chunk that imports
// lit itself can make rolldown move lit out of poly-chat.bundle.js into a chunk of its own that the
// bundle must load at once (rolldown/rolldown#10731; see markdown-extras-chunk.ts).
export {Notifier} from './notifier.js';
export {Teaser} from './teaser.js';
