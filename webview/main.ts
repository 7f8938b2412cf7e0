/**
 * The webview's entry (bundled as dist/webview.js): restores what it kept, says
 * `ready`, then shows the host's snapshot and applies its updates. One page shows one
 * panel kind, chosen by the state it receives.
 */
import 'uplot/dist/uPlot.min.css';
import { watchTheme } from './charts/chartTheme.ts';
import { CompareView } from './compare/compareView.ts';
import { DashboardView } from './dashboard/dashboardView.ts';
import { LayersView } from './layers/layersView.ts';
import { ParetoView } from './pareto/paretoView.ts';
import { emptyPersistedState, type PanelView, type ViewContext } from './panelView.ts';
import { assertNever, type HostToWebviewMessage, type PanelState } from './protocol.ts';
import { applyUpdate } from './state/applyUpdate.ts';
import { connectToHost } from './vscodeApi.ts';

const PERSIST_DELAY_MS = 1000;

const channel = connectToHost();
const root = document.getElementById('root')!;
const kept = channel.loadState() ?? emptyPersistedState();
let view: PanelView | undefined;
let persistTimer = 0;

/** Keeps the state for a reload, at most once a second: a live run's state can be large. */
function persist(): void {
  if (persistTimer) return;
  persistTimer = window.setTimeout(() => {
    persistTimer = 0;
    channel.saveState(kept);
  }, PERSIST_DELAY_MS);
}

const context: ViewContext = { post: (message) => channel.post(message), prefs: kept.prefs, savePrefs: persist };

function createView(kind: PanelState['kind']): PanelView {
  switch (kind) {
    case 'dashboard':
      return new DashboardView(root, context);
    case 'layers':
      return new LayersView(root, context);
    case 'compare':
      return new CompareView(root, context);
    case 'pareto':
      return new ParetoView(root, context);
    default:
      return assertNever(kind);
  }
}

function show(state: PanelState): void {
  if (view?.kind !== state.kind) {
    view?.destroy();
    view = createView(state.kind);
  }
  view.render(state);
  root.setAttribute('aria-busy', 'false');
}

function receive(message: HostToWebviewMessage): void {
  switch (message.type) {
    case 'snapshot':
      kept.panel = message.state;
      show(message.state);
      persist();
      return;
    case 'update': {
      if (!kept.panel) return;
      const applied = applyUpdate(kept.panel, message.update);
      // Rows that do not line up mean a lost snapshot: ask for a new one instead of drawing wrong.
      if (!applied) channel.post({ type: 'ready' });
      else view?.updated(kept.panel, applied);
      persist();
      return;
    }
    case 'layerDetail':
      view?.showDetail(message.detail);
      return;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => receive(event.data));
watchTheme(() => view?.retheme());
if (kept.panel) show(kept.panel);
channel.post({ type: 'ready' });
