/** WCAG contrast of chart colours, against values computed by hand from the WCAG 2.1 formula. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composite, contrastRatio, faintAlpha, MINIMUM_CONTRAST, parseColor, readableColor, type Rgba } from '../../../webview/charts/contrast.ts';

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const DARK_MODERN: Rgba = { r: 31, g: 31, b: 31, a: 1 };

function colour(text: string): Rgba {
  const parsed = parseColor(text);
  assert.ok(parsed, text);
  return parsed;
}

test('the contrast ratio matches WCAG\'s reference values', () => {
  assert.equal(contrastRatio(BLACK, WHITE), 21);
  assert.equal(contrastRatio(WHITE, WHITE), 1);
  // #777777 on white is the well-known 4.48:1.
  assert.equal(Number(contrastRatio(colour('#777'), WHITE).toFixed(2)), 4.48);
});

test('colours parse from hex with and without alpha and from rgb()/rgba()', () => {
  assert.deepEqual(colour('#ea5c0055'), { r: 234, g: 92, b: 0, a: 0x55 / 255 });
  assert.deepEqual(colour('rgba(1, 2, 3, 0.5)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.deepEqual(colour('rgb(10 20 30)'), { r: 10, g: 20, b: 30, a: 1 });
  assert.equal(parseColor('orange'), undefined);
});

test('a translucent colour is measured as it shows over the background', () => {
  const halfBlack = composite({ ...BLACK, a: 0.5 }, WHITE);
  assert.deepEqual(halfBlack, { r: 127.5, g: 127.5, b: 127.5, a: 1 });
  // VS Code's charts.orange (#ea5c0055) is 1.58:1 on Dark Modern's background.
  assert.equal(Number(contrastRatio(colour('#ea5c0055'), DARK_MODERN).toFixed(2)), 1.58);
});

test('readableColor keeps a colour that already has 3:1 and fixes one that has not', () => {
  assert.deepEqual(readableColor(colour('#0063d3'), WHITE), colour('#0063d3'));
  for (const [front, back] of [['#ea5c0055', WHITE], ['#ea5c0055', DARK_MODERN], ['#d18616', WHITE], ['#222222', BLACK]] as const) {
    const fixed = readableColor(colour(front), back);
    assert.equal(fixed.a, 1, 'opaque');
    assert.ok(contrastRatio(fixed, back) >= MINIMUM_CONTRAST, `${front}: ${contrastRatio(fixed, back)}`);
  }
  // The hue stays: orange is darkened on white, not replaced.
  const orange = readableColor(colour('#d18616'), WHITE);
  assert.ok(orange.r > orange.g && orange.g > orange.b, JSON.stringify(orange));
});

test('faintAlpha is the preferred alpha when that is readable, else the lowest readable one', () => {
  assert.equal(faintAlpha(BLACK, WHITE, 0.8), 0.8);
  const alpha = faintAlpha(colour('#59a4f9'), DARK_MODERN, 0.3);
  assert.ok(alpha > 0.3 && alpha < 1, String(alpha));
  assert.ok(contrastRatio({ ...colour('#59a4f9'), a: alpha }, DARK_MODERN) >= MINIMUM_CONTRAST);
  assert.ok(contrastRatio({ ...colour('#59a4f9'), a: alpha - 0.05 }, DARK_MODERN) < MINIMUM_CONTRAST);
});
