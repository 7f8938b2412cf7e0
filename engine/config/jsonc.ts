/**
 * Parses JSON with comments and trailing commas (the JSONC that VS Code writes) with
 * jsonc-parser, the parser VS Code itself uses, and places the first syntax error.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** Editors on Windows may start a UTF-8 file with a byte order mark; it is no part of the JSON. */
const BYTE_ORDER_MARK = '\uFEFF';

export class JsoncSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** VS Code's own wording for each error, so the engine says what the editor's JSON checker says. */
const ERROR_MESSAGES: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Invalid comment token',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence in string',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid characters in string (control characters must be escaped)',
  '<unknown ParseErrorCode>': 'Syntax error',
};

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** The value of a JSONC text; throws a JsoncSyntaxError at its first syntax error. */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const tree = parseTree(body, errors, { allowTrailingComma: true });
  const value: unknown = tree ? valueOf(tree) : undefined;
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    throw new JsoncSyntaxError(ERROR_MESSAGES[printParseErrorCode(first.error)], line, column);
  }
  return value;
}

/**
 * The value of a parse tree node. Every key becomes an own property: jsonc-parser's own `parse`
 * assigns `__proto__` as the object's prototype, which hides the key from the schema's check of
 * unknown settings and lets its contents pass for inherited settings.
 */
function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || typeof key.value !== 'string') continue;
        Object.defineProperty(object, key.value, { value: child ? valueOf(child) : undefined, enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value as unknown;
  }
}
