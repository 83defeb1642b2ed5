import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {markdownToPlainText, tokenizeMarkdown} from '../../src/view/markdown-tokenize.js';
import type {MarkdownBlock, MarkdownInline} from '../../src/view/markdown-tokenize.js';

const t = (text: string): MarkdownInline => ({type: 'text', text});
const para = (...children: MarkdownInline[]): MarkdownBlock => ({type: 'paragraph', children});

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
    assert.deepEqual(tokenizeMarkdown('- a\n* b\n+ c'), [{type: 'list', ordered: false, start: 1, items: [[t('a')], [t('b')], [t('c')]]}]);
    assert.deepEqual(tokenizeMarkdown('Steps:\n2. two\n3) three'), [
      para(t('Steps:')),
      {type: 'list', ordered: true, start: 2, items: [[t('two')], [t('three')]]},
    ]);
  });

  it('continues a list item on an indented line', () => {
    assert.deepEqual(tokenizeMarkdown('- a\n  more\nafter'), [
      {type: 'list', ordered: false, start: 1, items: [[t('a'), {type: 'break'}, t('more')]]},
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

describe('markdownToPlainText', () => {
  it('drops the syntax for announcements', () => {
    assert.equal(markdownToPlainText('**Hi** _there_\n- a\n- b\n\n[docs](https://x.test)'), 'Hi there a, b docs');
  });
});
