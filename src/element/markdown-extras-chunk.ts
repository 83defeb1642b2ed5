// Tables and code blocks in messages: their renderers and styles, `import()`ed by
// markdown-extras-loader.ts the first time a message has one (most conversations never do), so
// they cost an open chat nothing until then.
export {renderCodeBlock} from '../view/code-block.js';
export {renderTable} from '../view/markdown-table.js';
export {markdownExtrasStyles} from './markdown-extras.styles.js';
