/**
 * The text edit that adds a node to a config's `quantization.exclude`, keeping the
 * rest of the JSONC file (comments, order, layout) as it is. No `vscode` here: the
 * host turns the result into a WorkspaceEdit, so the user can undo it.
 *
 * The insertion's text is written here rather than by jsonc-parser's `modify`: with
 * formatting options it re-formats every line it touches one entry a line (a section the
 * wizard wrote on one line would be spread over ten), and without them it writes compact
 * JSON on the previous property's line.
 */
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { parseConfigTree, stringAt } from '../../configAuthoring/configTree.ts';

export interface TextInsertion {
  offset: number;
  text: string;
}

/** A stretch of text by offset, in the text after the edit. */
export interface TextSpan {
  offset: number;
  length: number;
}

export type ExcludeEditResult =
  /** `entry` is the inserted node name (quotes included), for the editor to select. */
  | { kind: 'insert'; insertion: TextInsertion; entry: TextSpan }
  | { kind: 'alreadyExcluded' }
  | { kind: 'invalid'; message: string };

/** The indentation of the line `offset` is on. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The unit of indentation the file uses (two spaces when it cannot tell). */
function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1]! : '  ';
}

/** Inserts a property at the end of an object node. */
function appendProperty(text: string, object: JsonNode, key: string, valueText: string): TextInsertion {
  const unit = indentUnit(text);
  const last = object.children?.at(-1);
  if (last) {
    const indent = indentAt(text, last.offset);
    return { offset: last.offset + last.length, text: `,\n${indent}${JSON.stringify(key)}: ${valueText}` };
  }
  const indent = indentAt(text, object.offset);
  return { offset: object.offset + 1, text: `\n${indent}${unit}${JSON.stringify(key)}: ${valueText}\n${indent}` };
}

/** An insertion result, with where the node's name lands once it is made. */
function inserting(insertion: TextInsertion, node: string): ExcludeEditResult {
  const quoted = JSON.stringify(node);
  return { kind: 'insert', insertion, entry: { offset: insertion.offset + insertion.text.lastIndexOf(quoted), length: quoted.length } };
}

export function excludeNodeEdit(text: string, node: string): ExcludeEditResult {
  const { root } = parseConfigTree(text);
  if (root?.type !== 'object') return { kind: 'invalid', message: 'the config is not a JSON object' };
  const quantization = findNodeAtLocation(root, ['quantization']);
  if (!quantization) return inserting(appendProperty(text, root, 'quantization', `{ "exclude": [${JSON.stringify(node)}] }`), node);
  if (quantization.type !== 'object') return { kind: 'invalid', message: '"quantization" is not an object' };
  const exclude = findNodeAtLocation(quantization, ['exclude']);
  if (!exclude) return inserting(appendProperty(text, quantization, 'exclude', `[${JSON.stringify(node)}]`), node);
  if (exclude.type !== 'array') return { kind: 'invalid', message: '"quantization.exclude" is not an array' };
  const elements = exclude.children ?? [];
  if (elements.some((element) => element.value === node)) return { kind: 'alreadyExcluded' };
  const last = elements.at(-1);
  if (last) return inserting({ offset: last.offset + last.length, text: `, ${JSON.stringify(node)}` }, node);
  return inserting({ offset: exclude.offset + 1, text: JSON.stringify(node) }, node);
}

/** The nodes a config keeps in float: those quantization.exclude names and those quantization.layers sets to "float". */
export function excludedNodes(text: string | undefined): string[] {
  if (text === undefined) return [];
  const { root } = parseConfigTree(text);
  const exclude = root && findNodeAtLocation(root, ['quantization', 'exclude']);
  const listed = exclude?.type === 'array' ? (exclude.children ?? []).flatMap((element): string[] => (typeof element.value === 'string' ? [element.value] : [])) : [];
  const layers = root && findNodeAtLocation(root, ['quantization', 'layers']);
  const floatLayers = (layers?.type === 'object' ? (layers.children ?? []) : []).flatMap((property): string[] => {
    const [key, value] = property.children ?? [];
    return typeof key?.value === 'string' && value?.value === 'float' ? [key.value] : [];
  });
  return [...new Set([...listed, ...floatLayers])];
}

/** The config's "name". */
export function configName(text: string | undefined): string | undefined {
  return text === undefined ? undefined : stringAt(parseConfigTree(text).root, ['name']);
}
