// `{name}` interpolation. The result is used as a text node, never as markup, so values need no
// escaping; unknown placeholders are left as they are so a missing parameter is visible, not silent.

/** Replaces each `{key}` in `template` with `params[key]`. */
export function formatString(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const value = Object.hasOwn(params, key) ? params[key] : undefined;
    return value === undefined ? whole : String(value);
  });
}
