/** Remembers which charts show their table. */
import type { ViewContext } from '../panelView.ts';

export function tableToggle(context: ViewContext, id: string): { tableVisible: boolean; onTableToggle: (visible: boolean) => void } {
  return {
    tableVisible: context.prefs.tables.includes(id),
    onTableToggle: (visible) => {
      const others = context.prefs.tables.filter((t) => t !== id);
      context.prefs.tables = visible ? [...others, id] : others;
      context.savePrefs();
    },
  };
}
