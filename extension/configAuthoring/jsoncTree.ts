/**
 * A tolerant JSONC parser that keeps offsets: IntelliSense runs on half-typed text
 * (unterminated strings, missing values, trailing commas), so it never throws and
 * closes whatever is left open at the end. No `vscode` here: unit-tested in Node.
 */

export type JsonNodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonNode {
  type: JsonNodeType;
  /** Offset of the first character (for a string: its opening quote). */
  offset: number;
  length: number;
  parent: JsonNode | undefined;
  /** object: properties; array: elements; property: [key, value?]. */
  children: JsonNode[];
  /** string, number, boolean, null: the decoded value. */
  value?: string | number | boolean | null;
  /** false for a string whose closing quote is missing (it ends at the line end). */
  closed: boolean;
}

type TokenKind = '{' | '}' | '[' | ']' | ':' | ',' | 'string' | 'number' | 'literal' | 'unknown' | 'eof';

interface Token {
  kind: TokenKind;
  offset: number;
  length: number;
  closed: boolean;
}

class Scanner {
  private position = 0;

  constructor(private readonly text: string) {}

  next(): Token {
    this.skipTrivia();
    const text = this.text;
    const start = this.position;
    if (start >= text.length) return { kind: 'eof', offset: start, length: 0, closed: true };
    const ch = text[start]!;
    if ('{}[]:,'.includes(ch)) {
      this.position++;
      return { kind: ch as TokenKind, offset: start, length: 1, closed: true };
    }
    if (ch === '"') return this.scanString(start);
    const word = /^[^\s{}[\]:,"/]+/.exec(text.slice(start, start + 400))?.[0] ?? ch;
    this.position += word.length;
    if (/^-?\d/.test(word)) return { kind: 'number', offset: start, length: word.length, closed: true };
    if (word === 'true' || word === 'false' || word === 'null') return { kind: 'literal', offset: start, length: word.length, closed: true };
    return { kind: 'unknown', offset: start, length: word.length, closed: true };
  }

  private scanString(start: number): Token {
    const text = this.text;
    let i = start + 1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        this.position = i + 1;
        return { kind: 'string', offset: start, length: i + 1 - start, closed: true };
      }
      if (ch === '\n' || ch === '\r') break;
      i += ch === '\\' ? 2 : 1;
    }
    this.position = Math.min(i, text.length);
    return { kind: 'string', offset: start, length: this.position - start, closed: false };
  }

  private skipTrivia(): void {
    const text = this.text;
    for (;;) {
      while (this.position < text.length && /\s/.test(text[this.position]!)) this.position++;
      if (text.startsWith('//', this.position)) {
        const end = text.indexOf('\n', this.position);
        this.position = end < 0 ? text.length : end;
      } else if (text.startsWith('/*', this.position)) {
        const end = text.indexOf('*/', this.position + 2);
        this.position = end < 0 ? text.length : end + 2;
      } else {
        return;
      }
    }
  }
}

function decodeString(raw: string, closed: boolean): string {
  if (closed) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw.slice(1);
}

function leaf(type: JsonNodeType, token: Token, parent: JsonNode | undefined, value: string | number | boolean | null): JsonNode {
  return { type, offset: token.offset, length: token.length, parent, children: [], value, closed: token.closed };
}

class Parser {
  private readonly scanner: Scanner;
  private token: Token;

  constructor(private readonly text: string) {
    this.scanner = new Scanner(text);
    this.token = this.scanner.next();
  }

  parseDocument(): JsonNode | undefined {
    while (this.token.kind !== 'eof') {
      const value = this.parseValue(undefined);
      if (value) return value;
      this.advance();
    }
    return undefined;
  }

  private advance(): void {
    this.token = this.scanner.next();
  }

  private raw(token: Token): string {
    return this.text.slice(token.offset, token.offset + token.length);
  }

  /** Parses a value at the current token, or returns undefined (without consuming) when none starts here. */
  private parseValue(parent: JsonNode | undefined): JsonNode | undefined {
    const token = this.token;
    switch (token.kind) {
      case '{':
        return this.parseObject(parent);
      case '[':
        return this.parseArray(parent);
      case 'string':
        this.advance();
        return leaf('string', token, parent, decodeString(this.raw(token), token.closed));
      case 'number':
        this.advance();
        return leaf('number', token, parent, Number(this.raw(token)));
      case 'literal': {
        this.advance();
        const raw = this.raw(token);
        return raw === 'null' ? leaf('null', token, parent, null) : leaf('boolean', token, parent, raw === 'true');
      }
      default:
        return undefined;
    }
  }

  private close(node: JsonNode, endExclusive: number): JsonNode {
    node.length = endExclusive - node.offset;
    return node;
  }

  private parseObject(parent: JsonNode | undefined): JsonNode {
    const node: JsonNode = { type: 'object', offset: this.token.offset, length: 0, parent, children: [], closed: true };
    this.advance();
    for (;;) {
      const token = this.token;
      if (token.kind === '}') {
        this.advance();
        return this.close(node, token.offset + 1);
      }
      if (token.kind === 'eof' || token.kind === ']') return this.close(node, token.offset);
      if (token.kind !== 'string') {
        this.advance();
        continue;
      }
      node.children.push(this.parseProperty(node));
    }
  }

  private parseProperty(object: JsonNode): JsonNode {
    const keyToken = this.token;
    const property: JsonNode = { type: 'property', offset: keyToken.offset, length: keyToken.length, parent: object, children: [], closed: true };
    property.children.push(leaf('string', keyToken, property, decodeString(this.raw(keyToken), keyToken.closed)));
    this.advance();
    if (this.token.kind !== ':') return property;
    const colon = this.token;
    this.advance();
    const value = this.parseValue(property);
    if (value) property.children.push(value);
    const end = value ? value.offset + value.length : colon.offset + 1;
    return this.close(property, end);
  }

  private parseArray(parent: JsonNode | undefined): JsonNode {
    const node: JsonNode = { type: 'array', offset: this.token.offset, length: 0, parent, children: [], closed: true };
    this.advance();
    for (;;) {
      const token = this.token;
      if (token.kind === ']') {
        this.advance();
        return this.close(node, token.offset + 1);
      }
      if (token.kind === 'eof' || token.kind === '}') return this.close(node, token.offset);
      const value = this.parseValue(node);
      if (value) node.children.push(value);
      else this.advance();
    }
  }
}

/** Parses JSONC text into a tree; undefined when the text holds no value at all. */
export function parseJsoncTree(text: string): JsonNode | undefined {
  return new Parser(text).parseDocument();
}

export type JsonPath = (string | number)[];

/** The value of a property of an object node (undefined when absent or not an object). */
export function propertyValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  // The last occurrence wins, as in JSON.parse.
  for (let i = node.children.length - 1; i >= 0; i--) {
    const property = node.children[i]!;
    if (property.children[0]?.value === key) return property.children[1];
  }
  return undefined;
}

/** The node at a path of keys and indices. */
export function nodeAtPath(root: JsonNode | undefined, path: JsonPath): JsonNode | undefined {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') node = node?.type === 'array' ? node.children[segment] : undefined;
    else node = propertyValue(node, segment);
  }
  return node;
}

/** A string at a path, when there is one. */
export function stringAtPath(root: JsonNode | undefined, path: JsonPath): string | undefined {
  const node = nodeAtPath(root, path);
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** The path of keys and indices from the root to a node. */
export function pathOf(node: JsonNode): JsonPath {
  const path: JsonPath = [];
  let current = node;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'property') {
      if (parent.children[1] === current) path.unshift(parent.children[0]!.value as string);
      current = parent.parent!;
      continue;
    }
    if (parent.type === 'array') path.unshift(parent.children.indexOf(current));
    current = parent;
  }
  return path;
}
