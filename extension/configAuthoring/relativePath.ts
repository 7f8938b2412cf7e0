/** Paths as a config writes them: relative to the config's folder, with forward slashes. */
import * as path from 'node:path';

export type PathApi = Pick<typeof path, 'relative' | 'sep'>;

/**
 * `target` relative to `configFolder`, with `/` separators on every platform (Node and the
 * engine accept them on Windows, and the file stays the same across machines). A target on
 * another Windows drive has no relative form and stays absolute.
 */
export function relativeConfigPath(configFolder: string, target: string, paths: PathApi = path): string {
  return paths.relative(configFolder, target).split(paths.sep).join('/');
}
