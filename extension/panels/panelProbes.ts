/**
 * Test seam: every open DistQ panel as an integration test sees it. PanelHost adds
 * itself here and removes itself on disposal; only extension/api.ts hands these out
 * (through what `activate` returns). Nothing in the extension reads them, so the
 * panels behave the same with or without a test looking.
 */
import type { HostToWebviewMessage } from '../../webview/protocol.ts';

export interface PanelProbe {
  /** `distq.dashboard`, `distq.layers`, `distq.compare` or `distq.pareto`. */
  readonly viewType: string;
  readonly title: string;
  /** What the host posted to the webview, oldest first (the latest 200): snapshots, updates, layer details. */
  readonly posted: readonly HostToWebviewMessage[];
  /** Handles `message` as if the webview had posted it (checked as any webview message is); resolves once handled. */
  receive(message: unknown): Promise<void>;
}

/** Open panels, in the order they opened. */
export const openPanelProbes = new Set<PanelProbe>();

/** How many posted messages a probe keeps: enough for a test, bounded for a long run. */
export const POSTED_KEPT = 200;
