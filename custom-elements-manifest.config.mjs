// custom-elements.json is generated from the element's JSDoc (`npm run manifest`) and committed;
// test/package/manifest.package.test.ts regenerates it into a temp dir and fails when it is stale.
// The README's reference tables are generated from it (scripts/build-readme.mjs).
// Only the public surface is analysed: the element, its events and the two entry modules.

/**
 * Keeps the manifest to the public API: private members (`#x`, `private _x`) are dropped, and the
 * element's events are the documented `@fires` ones (the analyzer also reports every
 * `dispatchEvent(new PolyChatErrorEvent('<code>', …))` as an event named after the error code).
 */
function publicApiOnly() {
  return {
    name: 'poly-chat-public-api-only',
    packageLinkPhase({customElementsManifest}) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          }
          if (declaration.customElement && declaration.events) {
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('poly-chat-'));
          }
        }
      }
    },
  };
}

/**
 * Writes local string-literal type aliases out in member types (`PolyChatMode` →
 * `'inline' | 'launcher'`), so the manifest and the README say which values are allowed.
 */
function expandLiteralAliases() {
  const aliases = new Map();
  return {
    name: 'poly-chat-expand-literal-aliases',
    analyzePhase({ts, node}) {
      if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) return;
      if (!node.type.types.every((type) => ts.isLiteralTypeNode(type))) return;
      aliases.set(node.name.getText(), node.type.getText());
    },
    packageLinkPhase({customElementsManifest}) {
      const expand = (type) => {
        if (type?.text && aliases.has(type.text)) type.text = aliases.get(type.text);
      };
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          for (const member of declaration.members ?? []) expand(member.type);
          for (const attribute of declaration.attributes ?? []) expand(attribute.type);
        }
      }
    },
  };
}

export default {
  // snapshot.ts adds no declarations (types only); it is read for the PolyChatStatus alias.
  globs: ['src/index.ts', 'src/poly-chat.ts', 'src/element/poly-chat.ts', 'src/events/*.ts', 'src/runtime/snapshot.ts'],
  litelement: true,
  // Never let the analyzer rewrite package.json (it would point `customElements` at a test's temp dir).
  packagejson: false,
  plugins: [publicApiOnly(), expandLiteralAliases()],
};
