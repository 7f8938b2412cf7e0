// Package entries that every esbuild bundle (scripts/build.mjs, the integration tests') takes in
// place of a package's own `main`. jsonc-parser's `main` is a UMD module whose requires esbuild
// cannot follow: the bundle would require ./impl/* from its own folder at run time and fail. Its
// ES module entry bundles whole.
export const bundleAliases = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
