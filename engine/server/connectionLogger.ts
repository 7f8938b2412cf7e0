/**
 * What vscode-jsonrpc reports about the connection (messages that are not JSON-RPC, handlers that
 * threw), as one stderr line each: the extension shows the engine's stderr in its output channel
 * and in crash reports.
 */
import type { Logger } from 'vscode-jsonrpc/node';

const NOT_JSON_RPC = /^Received (?:empty message|message which is neither a response nor a notification message)/;

/** One line: the library's multi-line JSON dumps collapsed. */
export function connectionLogLine(message: string): string {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  if (NOT_JSON_RPC.test(message)) return `distq engine: ignored a message that is not JSON-RPC: ${oneLine.replace(/^[^:]*:?\s*/, '') || '(empty)'}`;
  return `distq engine: ${oneLine}`;
}

export const stderrConnectionLogger: Logger = {
  error: (message) => void process.stderr.write(`${connectionLogLine(message)}\n`),
  warn: (message) => void process.stderr.write(`${connectionLogLine(message)}\n`),
  info: () => {},
  log: () => {},
};
