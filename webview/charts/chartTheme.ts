/**
 * Chart colours and fonts from VS Code's theme variables, so charts follow light,
 * dark and high-contrast themes. Read when a chart is built; charts are rebuilt when
 * VS Code switches the theme (it changes the body's class). Series colours and the axis
 * text are made readable on the panel's background (contrast.ts).
 */
import { faintAlpha, formatColor, parseColor, readableColor, type Rgba } from './contrast.ts';

export interface ChartTheme {
  foreground: string;
  grid: string;
  font: string;
  /** Opaque series colours, each with at least 3:1 against the panel background. */
  palette: string[];
  /** The alpha of each palette colour's faint (raw) line: as low as 3:1 allows. */
  faintAlphas: number[];
  highContrast: boolean;
}

const PALETTE_VARIABLES: [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
];

/** Any CSS colour as rgba, through the canvas's own parser (theme values may be names, #rgb or #rrggbbaa). */
function cssColor(text: string, fallback: Rgba): Rgba {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return parseColor(text) ?? fallback;
  context.fillStyle = formatColor(fallback);
  context.fillStyle = text;
  return parseColor(String(context.fillStyle)) ?? fallback;
}

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const variable = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const size = variable('--vscode-font-size', '13px');
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const background = cssColor(style.backgroundColor, { r: 0, g: 0, b: 0, a: 1 });
  const panelBackground = background.a === 0 ? cssColor(variable('--vscode-editor-background', '#1e1e1e'), { r: 30, g: 30, b: 30, a: 1 }) : { ...background, a: 1 };
  const readable = (text: string): Rgba => readableColor(cssColor(text, { r: 136, g: 136, b: 136, a: 1 }), panelBackground);
  const palette = PALETTE_VARIABLES.map(([name, fallback]) => readable(variable(name, fallback)));
  return {
    foreground: formatColor(readable(variable('--vscode-charts-foreground', variable('--vscode-foreground', '#888888')))),
    grid: variable('--vscode-charts-lines', 'rgba(128, 128, 128, 0.25)'),
    font: `${size} ${variable('--vscode-font-family', 'sans-serif')}`,
    palette: palette.map(formatColor),
    faintAlphas: palette.map((color) => faintAlpha(color, panelBackground, highContrast ? 0.6 : 0.3)),
    highContrast,
  };
}

/** Calls `onChange` when VS Code changes the theme of the webview. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id', 'style'] });
  return () => observer.disconnect();
}

/** The colour with an alpha, for faint raw lines and fills (hex or rgb(a) theme values). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color);
  if (hex) return `#${hex[1]}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
  const rgb = /^rgba?\(([^)]+)\)$/.exec(color);
  if (rgb) {
    const [r, g, b] = rgb[1]!.split(',').map((p) => p.trim());
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}
