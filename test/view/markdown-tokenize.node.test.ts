import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {markdownToPlainText, tokenizeMarkdown} from '../../src/view/markdown-tokenize.js';
import type {MarkdownBlock, MarkdownInline} from '../../src/view/markdown-tokenize.js';

const t = (text: string): MarkdownInline => ({type: 'text', text});
const para = (...children: MarkdownInline[]): MarkdownBlock => ({type: 'paragraph', children});
/** A list item with inline text only. */
const item = (...children: MarkdownInline[]): {children: MarkdownInline[]; blocks: MarkdownBlock[]} => ({children, blocks: []});

describe('tokenizeMarkdown', () => {
  it('splits paragraphs on blank lines and keeps single newlines as breaks', () => {
    assert.deepEqual(tokenizeMarkdown('one\ntwo\n\nthree'), [para(t('one'), {type: 'break'}, t('two')), para(t('three'))]);
    assert.deepEqual(tokenizeMarkdown('a\r\nb'), [para(t('a'), {type: 'break'}, t('b'))]);
  });

  it('parses bold, italic (both markers) and inline code', () => {
    assert.deepEqual(tokenizeMarkdown('**b** *i* _j_ `c`'), [
      para(
        {type: 'strong', children: [t('b')]},
        t(' '),
        {type: 'em', children: [t('i')]},
        t(' '),
        {type: 'em', children: [t('j')]},
        t(' '),
        {type: 'code', text: 'c'},
      ),
    ]);
  });

  it('nests emphasis and keeps code spans literal', () => {
    assert.deepEqual(tokenizeMarkdown('***x***'), [para({type: 'strong', children: [{type: 'em', children: [t('x')]}]})]);
    assert.deepEqual(tokenizeMarkdown('`**not bold**`'), [para({type: 'code', text: '**not bold**'})]);
  });

  it('leaves intraword underscores, lone markers and escapes as text', () => {
    assert.deepEqual(tokenizeMarkdown('snake_case_name'), [para(t('snake_case_name'))]);
    assert.deepEqual(tokenizeMarkdown('2 * 3 = 6'), [para(t('2 * 3 = 6'))]);
    assert.deepEqual(tokenizeMarkdown('\\*literal\\*'), [para(t('*literal*'))]);
    assert.deepEqual(tokenizeMarkdown('`unclosed'), [para(t('`unclosed'))]);
  });

  it('parses bullet and numbered lists with their start number', () => {
    assert.deepEqual(tokenizeMarkdown('- a\n* b\n+ c'), [{type: 'list', ordered: false, start: 1, items: [item(t('a')), item(t('b')), item(t('c'))]}]);
    assert.deepEqual(tokenizeMarkdown('Steps:\n2. two\n3) three'), [
      para(t('Steps:')),
      {type: 'list', ordered: true, start: 2, items: [item(t('two')), item(t('three'))]},
    ]);
  });

  it('continues a list item on an indented line', () => {
    assert.deepEqual(tokenizeMarkdown('- a\n  more\nafter'), [
      {type: 'list', ordered: false, start: 1, items: [item(t('a'), {type: 'break'}, t('more'))]},
      para(t('after')),
    ]);
  });

  it('parses [label](url) links with raw hrefs (the renderer applies the URL policy)', () => {
    assert.deepEqual(tokenizeMarkdown('[**docs**](https://x.test/a_(b) "title")'), [
      para({type: 'link', href: 'https://x.test/a_(b)', children: [{type: 'strong', children: [t('docs')]}]}),
    ]);
    assert.deepEqual(tokenizeMarkdown('[x](javascript:alert(1))'), [para({type: 'link', href: 'javascript:alert(1)', children: [t('x')]})]);
  });

  it('does not nest links in link labels', () => {
    const [block] = tokenizeMarkdown('[see https://a.test](https://b.test)');
    assert.deepEqual(block, para({type: 'link', href: 'https://b.test', children: [t('see https://a.test')]}));
  });

  it('autolinks bare http(s) URLs, trimming sentence punctuation and unbalanced parentheses', () => {
    assert.deepEqual(tokenizeMarkdown('Go to https://example.com/a.'), [
      para(t('Go to '), {type: 'link', href: 'https://example.com/a', children: [t('https://example.com/a')]}, t('.')),
    ]);
    assert.deepEqual(tokenizeMarkdown('(https://example.com/wiki/A_(b))'), [
      para(t('('), {type: 'link', href: 'https://example.com/wiki/A_(b)', children: [t('https://example.com/wiki/A_(b)')]}, t(')')),
    ]);
    assert.deepEqual(tokenizeMarkdown('xhttps://no.test'), [para(t('xhttps://no.test'))]);
    assert.deepEqual(tokenizeMarkdown('https:// nothing'), [para(t('https:// nothing'))]);
  });

  it('autolinks <angle> URLs', () => {
    assert.deepEqual(tokenizeMarkdown('<mailto:a@b.test>'), [para({type: 'link', href: 'mailto:a@b.test', children: [t('mailto:a@b.test')]})]);
  });

  it('shows # headings as bold lines', () => {
    assert.deepEqual(tokenizeMarkdown('## Title ##\ntext'), [{type: 'heading', children: [t('Title')]}, para(t('text'))]);
  });

  it('keeps HTML as text', () => {
    assert.deepEqual(tokenizeMarkdown('<b>x</b>'), [para(t('<b>x</b>'))]);
  });

  it('stays fast on hostile input (no quadratic rescans)', () => {
    const hostile = '*'.repeat(40_000) + '_a'.repeat(20_000) + '['.repeat(20_000) + '`'.repeat(5_000) + '**a '.repeat(10_000);
    const started = performance.now();
    tokenizeMarkdown(hostile);
    assert.ok(performance.now() - started < 1_500, 'tokenizing took too long');
  });

  // Each of these one-word texts (no spaces, no newlines) made every look-ahead rescan the rest of
  // the text: minutes for 512 KB before the scan budget. 64 K characters each: seconds before, ms now.
  for (const [name, unit] of [
    ['labels that close, destinations that never do', '[a]('],
    ['nested labels', '[['],
    ['bare URLs that are not links', '-http:///'],
    ['unclosed code spans between emphasis openers', '*a`'],
  ] as const) {
    it(`stays linear on a long word of ${name}`, () => {
      const word = unit.repeat(Math.ceil(65_536 / unit.length));
      const started = performance.now();
      const blocks = tokenizeMarkdown(word);
      assert.ok(performance.now() - started < 500, `tokenizing ${JSON.stringify(unit)}… took too long`);
      // Nothing is lost: the text survives as text.
      assert.equal(markdownToPlainText(word).length > 0, true);
      assert.equal(blocks.length, 1);
    });
  }

  it('trims closing brackets of a bare URL in linear time, keeping balanced ones', () => {
    const url = 'https://x.test/' + 'a'.repeat(10) + ')'.repeat(50_000);
    const started = performance.now();
    const [block] = tokenizeMarkdown(url);
    assert.ok(performance.now() - started < 500, 'trimming took too long');
    assert.deepEqual(block?.type === 'paragraph' ? block.children[0] : null, {
      type: 'link',
      href: 'https://x.test/aaaaaaaaaa',
      children: [t('https://x.test/aaaaaaaaaa')],
    });
    assert.deepEqual(tokenizeMarkdown('see https://x.test/a_(b)).'), [
      para(t('see '), {type: 'link', href: 'https://x.test/a_(b)', children: [t('https://x.test/a_(b)')]}, t(').')),
    ]);
  });

  it('the scan budget never bites ordinary text: thousands of links, emphasis and code all parse', () => {
    const text = Array.from({length: 3_000}, (_, i) => `**${i}** [link ${i}](https://x.test/${i}) \`c\` https://y.test/${i}`).join(' ');
    const [block] = tokenizeMarkdown(text);
    const children = block?.type === 'paragraph' ? block.children : [];
    assert.equal(children.filter((token) => token.type === 'link').length, 6_000);
    assert.equal(children.filter((token) => token.type === 'strong').length, 3_000);
    assert.equal(children.filter((token) => token.type === 'code').length, 3_000);
  });
});

describe('tokenizeMarkdown: richer blocks', () => {
  const code = (lang: string, text: string): MarkdownBlock => ({type: 'code', lang, text});

  it('parses ~~strikethrough~~ (a single ~ stays text)', () => {
    assert.deepEqual(tokenizeMarkdown('~~old~~ new ~5 min'), [para({type: 'del', children: [t('old')]}, t(' new ~5 min'))]);
    assert.deepEqual(tokenizeMarkdown('~~ not ~~'), [para(t('~~ not ~~'))]);
  });

  it('parses fenced code blocks with their language, keeping Markdown and HTML inside literal', () => {
    assert.deepEqual(tokenizeMarkdown('Run:\n```sh\nnpm i **x** <b>\n  indented\n```\nDone'), [
      para(t('Run:')),
      code('sh', 'npm i **x** <b>\n  indented'),
      para(t('Done')),
    ]);
    assert.deepEqual(tokenizeMarkdown('~~~\n```\n~~~'), [code('', '```')]);
    assert.deepEqual(tokenizeMarkdown('````\n```\n````'), [code('', '```')]);
  });

  it('runs an unclosed fence to the end of the text', () => {
    assert.deepEqual(tokenizeMarkdown('```js\nlet a = 1;\n\nlet b'), [code('js', 'let a = 1;\n\nlet b')]);
  });

  it('parses block quotes, nested, with their own blocks', () => {
    assert.deepEqual(tokenizeMarkdown('> **a**\n> - b\n>> c\nafter'), [
      {
        type: 'quote',
        children: [
          para({type: 'strong', children: [t('a')]}),
          {type: 'list', ordered: false, start: 1, items: [item(t('b'))]},
          {type: 'quote', children: [para(t('c'))]},
        ],
      },
      para(t('after')),
    ]);
  });

  it('parses GFM pipe tables: header, alignment, rows padded or cut to the header, escaped pipes', () => {
    assert.deepEqual(tokenizeMarkdown('Plans:\n| Plan | Price | Notes |\n|:-----|------:|:-:|\n| **Pro** | 10 | a \\| b |\n| Free |\n| x | y | z | extra |'), [
      para(t('Plans:')),
      {
        type: 'table',
        align: ['left', 'right', 'center'],
        head: [[t('Plan')], [t('Price')], [t('Notes')]],
        rows: [
          [[{type: 'strong', children: [t('Pro')]}], [t('10')], [t('a | b')]],
          [[t('Free')], [], []],
          [[t('x')], [t('y')], [t('z')]],
        ],
      },
    ]);
    assert.deepEqual(tokenizeMarkdown('a | b\n--|--\n1 | 2\n\nafter'), [
      {type: 'table', align: [null, null], head: [[t('a')], [t('b')]], rows: [[[t('1')], [t('2')]]]},
      para(t('after')),
    ]);
  });

  it('splits cells on pipes in code spans too, unless escaped (GFM)', () => {
    const [block] = tokenizeMarkdown('| a |\n|---|\n| `x\\|y` |');
    assert.deepEqual(block?.type === 'table' ? block.rows : null, [[[{type: 'code', text: 'x|y'}]]]);
  });

  it('is no table when the delimiter row does not match the header', () => {
    assert.deepEqual(tokenizeMarkdown('| a | b |\n|---|'), [para(t('| a | b |'), {type: 'break'}, t('|---|'))]);
    assert.deepEqual(tokenizeMarkdown('a - b\n---'), [para(t('a - b'), {type: 'break'}, t('---'))]);
  });

  it('nests lists by indentation, with code blocks inside items', () => {
    assert.deepEqual(tokenizeMarkdown('1. one\n   - a\n     - deep\n   - b\n2. two\n   ```\n   x\n   ```\n - sibling'), [
      {
        type: 'list',
        ordered: true,
        start: 1,
        items: [
          {
            children: [t('one')],
            blocks: [
              {
                type: 'list',
                ordered: false,
                start: 1,
                items: [{children: [t('a')], blocks: [{type: 'list', ordered: false, start: 1, items: [item(t('deep'))]}]}, item(t('b'))],
              },
            ],
          },
          {children: [t('two')], blocks: [code('', 'x')]},
        ],
      },
      {type: 'list', ordered: false, start: 1, items: [item(t('sibling'))]},
    ]);
  });

  it('keeps a list item across a blank line only when the next line is indented under it', () => {
    assert.deepEqual(tokenizeMarkdown('- a\n\n  more\n\nafter'), [
      {type: 'list', ordered: false, start: 1, items: [{children: [t('a')], blocks: [para(t('more'))]}]},
      para(t('after')),
    ]);
  });

  it('caps nesting: quotes deeper than six levels are text', () => {
    const [block] = tokenizeMarkdown('>'.repeat(10) + ' deep');
    let depth = 0;
    let node: MarkdownBlock | undefined = block;
    while (node?.type === 'quote') {
      depth++;
      node = node.children[0];
    }
    assert.equal(depth, 6);
    assert.deepEqual(node, para(t('>>>> deep')));
  });

  it('stays linear on deeply nested and many-celled hostile blocks', () => {
    const hostile = [
      '> - '.repeat(5_000),
      '|'.repeat(20_000) + '\n' + '|-'.repeat(10_000),
      '- a\n' + '\n'.repeat(20_000) + '  b',
      '```\n'.repeat(5_000),
      ('  '.repeat(40) + '- x\n').repeat(2_000),
    ].join('\n\n');
    const started = performance.now();
    tokenizeMarkdown(hostile);
    tokenizeMarkdown(hostile, {streaming: true});
    assert.ok(performance.now() - started < 1_500, 'tokenizing took too long');
  });
});

describe('tokenizeMarkdown while a reply streams', () => {
  const streaming = (text: string): MarkdownBlock[] => tokenizeMarkdown(text, {streaming: true});

  it('holds back a fence still being typed, and shows an open fence as code at once', () => {
    assert.deepEqual(streaming('Run:\n``'), [para(t('Run:'))]);
    assert.deepEqual(streaming('Run:\n```sh\nnpm'), [para(t('Run:')), {type: 'code', lang: 'sh', text: 'npm'}]);
    assert.deepEqual(streaming('```\na | b\n'), [{type: 'code', lang: '', text: 'a | b'}]);
  });

  it('holds back a line that may become a table header, with its partial delimiter row', () => {
    assert.deepEqual(streaming('Plans:\n| Plan | Pri'), [para(t('Plans:'))]);
    assert.deepEqual(streaming('Plans:\n| Plan | Price |\n'), [para(t('Plans:'))]);
    assert.deepEqual(streaming('Plans:\n| Plan | Price |\n|---|-'), [para(t('Plans:'))]);
  });

  it('shows the table once its delimiter row is in, rows as they arrive', () => {
    const head = [[t('Plan')], [t('Price')]];
    assert.deepEqual(streaming('| Plan | Price |\n|---|---|\n'), [{type: 'table', align: [null, null], head, rows: []}]);
    assert.deepEqual(streaming('| Plan | Price |\n|---|---|\n| Pro | 1'), [
      {type: 'table', align: [null, null], head, rows: [[[t('Pro')], [t('1')]]]},
    ]);
  });

  it('shows a held-back line when the text goes on without a table, and everything once complete', () => {
    assert.deepEqual(streaming('a | b\nmore'), [para(t('a | b'), {type: 'break'}, t('more'))]);
    assert.deepEqual(tokenizeMarkdown('Plans:\n| Plan | Pri'), [para(t('Plans:'), {type: 'break'}, t('| Plan | Pri'))]);
  });
});

describe('markdownToPlainText', () => {
  it('drops the syntax for announcements', () => {
    assert.equal(markdownToPlainText('**Hi** _there_\n- a\n- b\n\n[docs](https://x.test)'), 'Hi there a, b docs');
    assert.equal(
      markdownToPlainText('> ~~old~~ new\n\n```js\nx()\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- a\n  - b'),
      'old new x() A B, 1 2 a b',
    );
  });
});
