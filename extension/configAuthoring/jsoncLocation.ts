/** Where a cursor offset sits in a JSONC tree: the string value it is inside and that value's path. */
import { pathOf, type JsonNode, type JsonPath } from './jsoncTree.ts';

export interface StringValueLocation {
  node: JsonNode;
  path: JsonPath;
  /** Offsets of the string's content (inside the quotes). */
  contentStart: number;
  contentEnd: number;
}

function contentEnd(node: JsonNode): number {
  return node.closed ? node.offset + node.length - 1 : node.offset + node.length;
}

function isPropertyKey(node: JsonNode): boolean {
  return node.parent?.type === 'property' && node.parent.children[0] === node;
}

/** The deepest node whose range holds the offset (an end offset counts, so a cursor right after a value finds it). */
function deepestNodeAt(node: JsonNode, offset: number): JsonNode | undefined {
  if (offset < node.offset || offset > node.offset + node.length) return undefined;
  for (const child of node.children) {
    const found = deepestNodeAt(child, offset);
    if (found) return found;
  }
  return node;
}

/** The string value (not a property key) whose content holds the offset, quotes excluded. */
export function stringValueAt(root: JsonNode | undefined, offset: number): StringValueLocation | undefined {
  if (!root) return undefined;
  const node = deepestNodeAt(root, offset);
  if (node?.type !== 'string' || isPropertyKey(node)) return undefined;
  const start = node.offset + 1;
  const end = contentEnd(node);
  if (offset < start || offset > end) return undefined;
  return { node, path: pathOf(node), contentStart: start, contentEnd: end };
}
