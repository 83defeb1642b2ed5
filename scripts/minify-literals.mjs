// A vite/rolldown plugin that minifies the text of lit's tagged templates in src/ before bundling:
// every stylesheet — css`` and the template literal given to unsafeCSS() (the rules newer than
// lit-analyzer's CSS grammar) — goes through lightningcss, a real CSS minifier (it ships with vite);
// html`` and svg`` collapse every whitespace run that contains a line break to one space (HTML
// renders any whitespace run as one space, and no template of ours holds preformatted text) and
// drop the quotes around plain attribute values in start tags.
// Expressions (${…}) are untouched. Found with the TypeScript parser, not regexes, so nested
// templates and strings inside expressions are safe. Last, the private custom properties get a
// short prefix wherever they are named in src/ (shortenPrivateProperties below).
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

// A substitution in a stylesheet stands for whole rules (`${forcedColorsBorders}`): lightningcss
// keeps an unknown at-rule where it stands, so it minifies the sheet around one per substitution.
const SLOT = (index) => `@--poly-chat-slot-${index};`;
const SLOTS = /@--poly-chat-slot-(\d+);/g;

/**
 * A stylesheet through lightningcss: `texts` are the template's literal parts, one more than its
 * substitutions. Returns the minified parts (the substitutions still between them), or null when
 * lightningcss cannot parse it or a substitution did not come out in its place (then the caller
 * keeps the whitespace-and-comments pass).
 */
function minifySheet(texts, fileName) {
  let out;
  try {
    const code = texts.map((text, i) => (i === 0 ? text : `${SLOT(i - 1)}${text}`)).join('');
    out = transformCss({filename: fileName, code: Buffer.from(code), minify: true}).code.toString();
  } catch {
    return null;
  }
  const pieces = out.split(SLOTS);
  // split() with a capture group: text, index, text, index, …, text.
  if (pieces.length !== texts.length * 2 - 1) return null;
  const parts = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 1) {
      if (Number(pieces[i]) !== (i - 1) / 2) return null;
      continue;
    }
    // Goes back into a template literal: anything that would read differently there is refused.
    if (/[`\\]|\$\{/.test(pieces[i])) return null;
    parts.push(pieces[i]);
  }
  return parts;
}

/** The string constants of a module (`const NAME = `…``, no substitutions), by name. */
function stringConstants(source) {
  const constants = new Map();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (ts.isIdentifier(declaration.name) && init && ts.isNoSubstitutionTemplateLiteral(init) && !init.rawText.includes('\\')) {
        constants.set(declaration.name.text, init.rawText);
      }
    }
  }
  return constants;
}

/**
 * `name="value"` → `name=value` inside a start tag, for a plain value (letters, digits, dashes) that
 * a space or the tag's end follows: HTML reads both the same. Only from a `<` of this part on, so a
 * text node is never touched, nor a value next to a substitution (lit's binding).
 */
function unquoteAttributes(text) {
  return text.replace(/<[a-z][^<>]*>?/g, (tag) => tag.replace(/ ([a-z][a-z-]*)="([a-z0-9-]+)"(?=[ >])/g, ' $1=$2'));
}

function minifyHtml(text) {
  return unquoteAttributes(text.replace(/\s*\n\s*/g, ' '));
}

/** The template literal of `unsafeCSS(`…`)`, or null. */
function unsafeCssTemplate(node) {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'unsafeCSS') return null;
  const [arg] = node.arguments;
  return arg && (ts.isNoSubstitutionTemplateLiteral(arg) || ts.isTemplateExpression(arg)) ? arg : null;
}

/** Returns the minified source of one module, or null when it has no lit templates. */
export function minifyLiterals(code, fileName) {
  if (!/\b(html|svg|css)`|\bunsafeCSS\(`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const constants = stringConstants(source);
  const edits = [];
  const literalParts = (template) =>
    ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
  // The raw text between a part's delimiters: ` or } at the start, ` or ${ at the end.
  const rawRange = (part) => {
    const start = part.getStart(source) + 1;
    return {start, end: part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1)};
  };
  const editParts = (template, minify) => {
    for (const part of literalParts(template)) {
      const {start, end} = rawRange(part);
      const raw = code.slice(start, end);
      const small = minify(raw);
      if (small !== raw) edits.push({start, end, text: small});
    }
  };
  /**
   * A stylesheet: the whole template literal is rewritten. In unsafeCSS() a substitution naming a
   * string constant of this module (the dark palette's declarations) is inlined first, so the
   * sheet around it is minified too (the constant itself is then unused and dropped).
   */
  const editSheet = (template, inline) => {
    const texts = [];
    const expressions = [];
    let pending = '';
    const spans = ts.isTemplateExpression(template) ? template.templateSpans : [];
    literalParts(template).forEach((part, i) => {
      const {start, end} = rawRange(part);
      pending += code.slice(start, end);
      // The substitution after this part (none after the last).
      const next = spans[i]?.expression;
      if (!next) return;
      if (inline && ts.isIdentifier(next) && constants.has(next.text)) {
        pending += constants.get(next.text);
        return;
      }
      texts.push(pending);
      pending = '';
      expressions.push(code.slice(next.getStart(source), next.getEnd()));
    });
    texts.push(pending);
    const parts = minifySheet(texts, fileName);
    if (parts === null) {
      editParts(template, minifyCss);
      return;
    }
    const text = parts.map((part, i) => (i === 0 ? part : `\${${expressions[i - 1]}}${part}`)).join('');
    edits.push({start: template.getStart(source), end: template.getEnd(), text: `\`${text}\``});
  };
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      if (node.tag.text === 'css') editSheet(node.template, false);
      else editParts(node.template, minifyHtml);
    } else {
      const sheet = unsafeCssTemplate(node);
      if (sheet) {
        editSheet(sheet, true);
        return;
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

/**
 * The private custom properties under a short prefix: `--_poly-chat-default-*` → `--_pcd-*`, the
 * other `--_poly-chat-*` → `--_pc-*` (≈ 180 B gzip of an open chat, most of it in the first-load
 * bundle). They are defined on :host, where the element's own value beats one inherited from the
 * page. The two set in the host's style attribute only while the launcher panel is open
 * (`--_poly-chat-viewport-*`, visual-viewport-controller.ts) keep their long name, so that a page's
 * own short-named property can never leak into them.
 */
export function shortenPrivateProperties(code) {
  return code.replace(/--_poly-chat-(?!viewport-)(default-)?/g, (_match, isDefault) => (isDefault ? '--_pcd-' : '--_pc-'));
}

export function minifyLiteralsPlugin() {
  return {
    name: 'poly-chat-minify-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id.split('?')[0])) return null;
      const minified = minifyLiterals(code, id) ?? code;
      const out = shortenPrivateProperties(minified);
      return out === code ? null : {code: out, map: null};
    },
  };
}
