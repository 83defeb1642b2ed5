// The message box grows with its text (up to its max-block-size, then scrolls) through CSS
// `field-sizing: content` where the engine has it (Chromium, Firefox). Where it does not (WebKit
// as of WebKitGTK 2.50 / Safari 26) a one-row textarea would hide every line but the current one,
// so the element measures the text after each render and sets the height in a constructed
// stylesheet of its own shadow root: no style attribute anywhere, and allowed under a strict
// `style-src` Content-Security-Policy. (An engine without constructable stylesheets keeps one row.)

/** Whether the engine sizes the textarea itself. True outside a browser (SSR): nothing to size. */
export const supportsFieldSizing: boolean =
  typeof CSS === 'undefined' || typeof CSS.supports !== 'function' || CSS.supports('field-sizing', 'content');

const sheets = new WeakMap<ShadowRoot, CSSStyleSheet>();

/** Sizes `input` (in `root`) to its text; the stylesheet's min and max block sizes still apply. */
export function fitToContent(root: ShadowRoot, input: HTMLTextAreaElement): void {
  if (!Array.isArray(root.adoptedStyleSheets)) return;
  let sheet = sheets.get(root);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheets.set(root, sheet);
  }
  // Appended after the element's own sheets (again after lit adopts the panel's).
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  sheet.replaceSync('');
  if (input.clientWidth === 0) return; // not rendered (a closed launcher): sized when shown
  const style = getComputedStyle(input);
  const px = (value: string): number => Number.parseFloat(value) || 0;
  const extra =
    style.boxSizing === 'border-box'
      ? px(style.borderTopWidth) + px(style.borderBottomWidth)
      : -(px(style.paddingTop) + px(style.paddingBottom));
  sheet.replaceSync(`.input { block-size: ${Math.ceil(input.scrollHeight + extra)}px; }`);
}
