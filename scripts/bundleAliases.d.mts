/** Package entries every esbuild bundle takes in place of a package's own (bundleAliases.mjs says why). */
export declare const bundleAliases: Record<string, string>;
