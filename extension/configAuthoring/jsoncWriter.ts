/** Writes JSONC text with a comment above each property, for configs people read and edit. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CommentedProperty {
  key: string;
  value: JsonValue | CommentedObject;
  /** Shown as `//` lines above the property, wrapped. */
  comment?: string;
}

/** An object whose properties carry comments; rendered one property a line. */
export class CommentedObject {
  constructor(readonly properties: CommentedProperty[]) {}
}

const LINE_WIDTH = 100;
const INDENT = '  ';

/** Splits a comment into `//` lines of at most LINE_WIDTH characters (a longer word keeps its own line). */
export function commentLines(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && indent.length + 3 + candidate.length > LINE_WIDTH) {
      lines.push(`${indent}// ${line}`);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(`${indent}// ${line}`);
  return lines;
}

/** `{ "a": 1, "b": [2, 3] }` on one line. */
function inline(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** A value at an indent: on one line when it fits, else one entry a line. */
function render(value: JsonValue | CommentedObject, indent: string, prefixLength: number): string {
  if (value instanceof CommentedObject) return renderObject(value, indent);
  const oneLine = inline(value);
  if (indent.length + prefixLength + oneLine.length <= LINE_WIDTH || value === null || typeof value !== 'object') return oneLine;
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${render(v, inner, 0)}`).join(',\n')}\n${indent}]`;
  }
  const lines = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, k.length + 4)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function renderObject(object: CommentedObject, indent: string): string {
  const inner = indent + INDENT;
  const lines: string[] = [];
  object.properties.forEach((property, i) => {
    if (property.comment) lines.push(...commentLines(property.comment, inner));
    const comma = i < object.properties.length - 1 ? ',' : '';
    lines.push(`${inner}${JSON.stringify(property.key)}: ${render(property.value, inner, property.key.length + 4)}${comma}`);
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The whole file: header comment lines, then the object, then a final newline. */
export function renderJsonc(header: readonly string[], root: CommentedObject): string {
  const headerLines = header.flatMap((line) => commentLines(line, ''));
  return `${[...headerLines, renderObject(root, '')].join('\n')}\n`;
}
