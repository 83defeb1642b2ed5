// The bundle build's stylesheet minifier (scripts/minify-literals.mjs): every stylesheet is
// minified, substitutions stay where they stood, and anything it cannot rewrite safely is left to
// the whitespace pass rather than broken.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
// @ts-expect-error: a plain .mjs build script without type declarations.
import {minifyLiterals, shortenPrivateProperties as shorten} from '../../scripts/minify-literals.mjs';

const shortenPrivateProperties = shorten as (code: string) => string;
const minify = (code: string): string | null => (minifyLiterals as (code: string, file: string) => string | null)(code, 'src/x.ts');

describe('minify-literals: stylesheets', () => {
  test('a css`` with substitutions is minified around them, each in its place', () => {
    const out = minify('const s = css`\n  :host {\n    color: red;\n  }\n  @media (forced-colors: active) {\n    ${borders}\n    .a { color: blue; }\n  }\n  ${more}\n`;');
    assert.equal(out, 'const s = css`:host{color:red}@media (forced-colors:active){${borders}.a{color:#00f}}${more}`;');
  });

  test('unsafeCSS(`…`) is minified, a string constant of the module inlined into it', () => {
    const out = minify("const P = `\n  --a: 1px;\n`;\nconst s = unsafeCSS(`\n  :host([theme='dark']) {${P}}\n  .x { field-sizing: content; }\n`);");
    assert.equal(out, "const P = `\n  --a: 1px;\n`;\nconst s = unsafeCSS(`:host([theme=dark]){--a:1px}.x{field-sizing:content}`);");
  });

  test('a substitution lightningcss would not keep in place falls back to the whitespace pass', () => {
    const out = minify('const s = css`\n  .a ${sel} .b {\n    color: red;\n  }\n`;');
    assert.equal(out, 'const s = css` .a ${sel} .b{color: red}`;');
  });

  test('html`` keeps its expressions and loses only line-break whitespace', () => {
    assert.equal(minify('const t = html`<p>\n    ${x}\n  </p>`;'), 'const t = html`<p> ${x} </p>`;');
  });

  test('html`` drops the quotes of plain attribute values in start tags, never in text or next to a binding', () => {
    const code = 'const t = html`<p class="note" role="status" aria-label="two words">id="x" ${a}</p><b part="a" title=${t} class="x">!</b><img alt="" src=${s} /><path class="stroke" />`;';
    assert.equal(
      minify(code),
      'const t = html`<p class=note role=status aria-label="two words">id="x" ${a}</p><b part=a title=${t} class="x">!</b><img alt="" src=${s} /><path class=stroke />`;',
    );
  });
});

describe('minify-literals: private custom properties', () => {
  test('take a short prefix in stylesheets and strings alike, the viewport pair and public ones excepted', () => {
    const code = [
      'const s = css`:host{--_poly-chat-default-accent:#4f46e5;--_poly-chat-accent:var(--poly-chat-accent-color,var(--_poly-chat-default-accent))}`;',
      "const top = '--_poly-chat-viewport-top';",
      "const name = '--_poly-chat-spacing';",
    ].join('\n');
    assert.equal(
      shortenPrivateProperties(code),
      [
        'const s = css`:host{--_pcd-accent:#4f46e5;--_pc-accent:var(--poly-chat-accent-color,var(--_pcd-accent))}`;',
        "const top = '--_poly-chat-viewport-top';",
        "const name = '--_pc-spacing';",
      ].join('\n'),
    );
  });
});
