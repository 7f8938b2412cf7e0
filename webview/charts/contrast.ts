/**
 * WCAG contrast for chart colours. Themes define some chart colours for other jobs (VS Code's
 * charts.orange is the find-match highlight, a translucent orange) or light enough to fade on a
 * light background, so a series colour is checked against the panel's background and made
 * readable before it is drawn: lines and markers need 3:1 (WCAG 2.1, non-text contrast).
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0–1 */
  readonly a: number;
}

/** WCAG 2.1 § 1.4.11: graphical objects and large text. */
export const MINIMUM_CONTRAST = 3;

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` or `rgba(…)`; undefined for anything else. */
export function parseColor(text: string): Rgba | undefined {
  const value = text.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) return { r: parseInt(short[1]! + short[1]!, 16), g: parseInt(short[2]! + short[2]!, 16), b: parseInt(short[3]! + short[3]!, 16), a: 1 };
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/.exec(value);
  if (hex) return { r: parseInt(hex[1]!, 16), g: parseInt(hex[2]!, 16), b: parseInt(hex[3]!, 16), a: hex[4] ? parseInt(hex[4], 16) / 255 : 1 };
  const functional = /^rgba?\(([^)]+)\)$/.exec(value);
  if (!functional) return undefined;
  const parts = functional[1]!.split(/[\s,/]+/).filter((part) => part !== '').map(Number);
  const [r, g, b, a = 1] = parts;
  if (r === undefined || g === undefined || b === undefined || parts.some((part) => Number.isNaN(part))) return undefined;
  return { r, g, b, a };
}

export function formatColor(color: Rgba): string {
  const channel = (value: number): number => Math.round(Math.min(255, Math.max(0, value)));
  return color.a >= 1 ? `rgb(${channel(color.r)}, ${channel(color.g)}, ${channel(color.b)})` : `rgba(${channel(color.r)}, ${channel(color.g)}, ${channel(color.b)}, ${Number(color.a.toFixed(3))})`;
}

/** The opaque colour a translucent one shows over `background` (which is taken as opaque). */
export function composite(color: Rgba, background: Rgba): Rgba {
  const mix = (front: number, back: number): number => front * color.a + back * (1 - color.a);
  return { r: mix(color.r, background.r), g: mix(color.g, background.g), b: mix(color.b, background.b), a: 1 };
}

function relativeLuminance(color: Rgba): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** The WCAG contrast ratio (1–21) of `color` as it shows over `background`. */
export function contrastRatio(color: Rgba, background: Rgba): number {
  const front = relativeLuminance(composite(color, background));
  const back = relativeLuminance(background);
  return (Math.max(front, back) + 0.05) / (Math.min(front, back) + 0.05);
}

/**
 * `color` made opaque and, if it still has less than 3:1 against `background`, mixed towards black
 * (light backgrounds) or white (dark ones) until it has: the theme's hue, drawn where it can be seen.
 */
export function readableColor(color: Rgba, background: Rgba): Rgba {
  const opaque = { ...color, a: 1 };
  if (contrastRatio(opaque, background) >= MINIMUM_CONTRAST) return opaque;
  const target = relativeLuminance(background) > 0.18 ? 0 : 255;
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = { r: opaque.r + (target - opaque.r) * t, g: opaque.g + (target - opaque.g) * t, b: opaque.b + (target - opaque.b) * t, a: 1 };
    if (contrastRatio(mixed, background) >= MINIMUM_CONTRAST) return mixed;
  }
  return { r: target, g: target, b: target, a: 1 };
}

/**
 * The lowest alpha, not below `preferred`, at which a readable colour still has 3:1 over
 * `background`: secondary lines (raw losses behind their smoothed curves) stay quieter than the
 * main ones without fading out of sight.
 */
export function faintAlpha(readable: Rgba, background: Rgba, preferred: number): number {
  for (let alpha = preferred; alpha < 1; alpha += 0.05) {
    if (contrastRatio({ ...readable, a: alpha }, background) >= MINIMUM_CONTRAST) return Number(alpha.toFixed(2));
  }
  return 1;
}
