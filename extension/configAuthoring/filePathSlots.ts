/** The config settings that name a file, and the kind of file each takes. No `vscode` here. */
import type { JSONPath } from 'jsonc-parser';

/** Per data kind, its settings that name a file and that file's extension. */
export const DATA_FILE_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  npz: { path: '.npz' },
  tokens: { path: '.npz' },
  npy: { trainInputs: '.npy', trainLabels: '.npy', testInputs: '.npy', testLabels: '.npy' },
};

/** The extension of the file a setting names (`.onnx` for `model.path`), or undefined when it names none. */
export function fileExtensionAt(path: JSONPath, dataKind: string | undefined): string | undefined {
  const [section, field, ...rest] = path;
  if (rest.length > 0 || typeof field !== 'string') return undefined;
  if ((section === 'model' || section === 'teacher') && field === 'path') return '.onnx';
  if (section === 'data') return DATA_FILE_FIELDS[dataKind ?? '']?.[field];
  return undefined;
}

/** `files` (absolute) as a config in `configFolder` writes them: relative, with `/`. */
export function relativeToConfig(configFolder: string, files: readonly string[], relative: (from: string, to: string) => string): string[] {
  return files.map((file) => relative(configFolder, file).split('\\').join('/')).sort();
}
