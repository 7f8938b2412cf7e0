/** Checks what a webview posts before the host acts on it: a webview's messages are input, not trusted types. */
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import type { RunFileName, WebviewToHostMessage } from '../../webview/protocol.ts';

const RUN_FILES: readonly RunFileName[] = [RUN_FOLDER_FILES.summary, RUN_FOLDER_FILES.metrics, RUN_FOLDER_FILES.layers, RUN_FOLDER_FILES.config, 'source config'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'showLayers':
      return { type: value.type };
    case 'setSmoothing':
      return typeof value.smoothing === 'number' && value.smoothing >= 0 && value.smoothing < 1 ? { type: 'setSmoothing', smoothing: value.smoothing } : undefined;
    case 'selectLayer':
    case 'excludeLayer':
      return typeof value.node === 'string' && value.node.length > 0 ? { type: value.type, node: value.node } : undefined;
    case 'openFile':
      return RUN_FILES.includes(value.file as RunFileName) ? { type: 'openFile', file: value.file as RunFileName } : undefined;
    default:
      return undefined;
  }
}
