/**
 * A config's JSONC tree with offsets, from jsonc-parser (VS Code's own parser), which
 * never throws on half-typed text. No `vscode` here: unit-tested in Node.
 */
import { findNodeAtLocation, findNodeAtOffset, getNodePath, parseTree, printParseErrorCode, type JSONPath, type Node as JsonNode, type ParseError } from 'jsonc-parser';

export interface ConfigTree {
  /** Undefined when the text holds no value at all. */
  root: JsonNode | undefined;
  /** Offsets of the strings whose closing quote is missing: still being typed, so not checked yet. */
  openStrings: ReadonlySet<number>;
}

export function parseConfigTree(text: string): ConfigTree {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  const openStrings = new Set(errors.filter((e) => printParseErrorCode(e.error) === 'UnexpectedEndOfString').map((e) => e.offset));
  return { root, openStrings };
}

/** A string node whose closing quote is there. */
export function isClosedString(tree: ConfigTree, node: JsonNode): boolean {
  return node.type === 'string' && !tree.openStrings.has(node.offset);
}

/** The string at a path of keys and indices below `node`, when there is one. */
export function stringAt(node: JsonNode | undefined, path: JSONPath): string | undefined {
  const value: unknown = node && findNodeAtLocation(node, path)?.value;
  return typeof value === 'string' ? value : undefined;
}

export interface StringValueLocation {
  node: JsonNode;
  path: JSONPath;
  /** Offsets of the string's content (inside the quotes; an open string runs to its line's end). */
  contentStart: number;
  contentEnd: number;
}

function isPropertyKey(node: JsonNode): boolean {
  return node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

/** The string value (not a property key) whose content holds the offset, quotes excluded: where completion and hover act. */
export function stringValueAt(tree: ConfigTree, offset: number): StringValueLocation | undefined {
  return stringAtOffset(tree, offset, false);
}

/** The property key whose content holds the offset (its path ends with the key): where names used as keys are completed. */
export function propertyKeyAt(tree: ConfigTree, offset: number): StringValueLocation | undefined {
  return stringAtOffset(tree, offset, true);
}

function stringAtOffset(tree: ConfigTree, offset: number, key: boolean): StringValueLocation | undefined {
  // An end offset counts, so a cursor right after a value's last character finds it.
  const node = tree.root && findNodeAtOffset(tree.root, offset, true);
  if (node?.type !== 'string' || isPropertyKey(node) !== key) return undefined;
  const contentStart = node.offset + 1;
  const contentEnd = node.offset + node.length - (isClosedString(tree, node) ? 1 : 0);
  if (offset < contentStart || offset > contentEnd) return undefined;
  return { node, path: getNodePath(node), contentStart, contentEnd };
}

/**
 * Where a setting's value is in the config's text, to select it: the value at the path, or, when the
 * file lacks it (a required setting left out), the value of its nearest enclosing setting that is
 * there. Undefined when not even the top-level setting is in the file.
 */
export function settingValueRange(tree: ConfigTree, path: JSONPath): { offset: number; length: number } | undefined {
  if (!tree.root) return undefined;
  for (let depth = path.length; depth > 0; depth--) {
    const node = findNodeAtLocation(tree.root, path.slice(0, depth));
    if (node) return { offset: node.offset, length: node.length };
  }
  return undefined;
}
