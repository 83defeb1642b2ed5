// A vite/rolldown plugin that minifies the text of lit's tagged templates in src/ before bundling:
// css`` loses its comments and collapses whitespace; html`` and svg`` collapse every whitespace run
// that contains a line break to one space (HTML renders any whitespace run as one space, and no
// template of ours holds preformatted text). Expressions (${…}) are untouched. Found with the
// TypeScript parser, not regexes, so nested templates and strings inside expressions are safe.
// Used by the standalone bundle build (vite.config.ts, bundle mode), which the bench builds too.
import {transform as transformCss} from 'lightningcss';
import ts from 'typescript';

const TAGS = new Set(['html', 'svg', 'css']);

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}');
}

/**
 * A whole stylesheet (a css`` with no ${…}) goes through lightningcss, a real CSS minifier (it
 * ships with vite); stylesheets with substitutions keep the whitespace-and-comments pass, as a
 * substitution can stand for any part of the CSS.
 */
function minifyWholeCss(text, fileName) {
  try {
    const out = transformCss({filename: fileName, code: Buffer.from(text), minify: true}).code.toString();
    // Goes back into a template literal: anything that would read differently there keeps the safe pass.
    return /[`\\]|\$\{/.test(out) ? minifyCss(text) : out;
  } catch {
    return minifyCss(text);
  }
}

function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Returns the minified source of one module, or null when it has no lit templates. */
export function minifyLiterals(code, fileName) {
  if (!/\b(html|svg|css)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const template = node.template;
      const whole = ts.isNoSubstitutionTemplateLiteral(template);
      const minify = node.tag.text !== 'css' ? minifyHtml : whole ? (text) => minifyWholeCss(text, fileName) : minifyCss;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The raw text between the delimiters: ` or } at the start, ` or ${ at the end.
        const start = part.getStart(source) + 1;
        const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
        const raw = code.slice(start, end);
        const small = minify(raw);
        if (small !== raw) edits.push({start, end, text: small});
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export function minifyLiteralsPlugin() {
  return {
    name: 'poly-chat-minify-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id.split('?')[0])) return null;
      const out = minifyLiterals(code, id);
      return out === null ? null : {code: out, map: null};
    },
  };
}
