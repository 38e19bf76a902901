// Both themes of web/styles.css meet WCAG 2.1 AA: 4.5:1 for text against what it sits on, 3:1 for
// the outlines of controls, focus rings and state dots (https://www.w3.org/TR/WCAG21/#contrast-minimum,
// #non-text-contrast; relative luminance as WCAG defines it). The colours are read from the
// stylesheet itself, so a change of palette is checked as it is made.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(__dirname, '../../../web/styles.css'), 'utf8');

function variables(block: string): Map<string, string> {
  return new Map(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,8})\s*;/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

function blockAfter(marker: string): string {
  const start = css.indexOf('{', css.indexOf(marker)) + 1;
  let depth = 1;
  let i = start;
  for (; i < css.length && depth > 0; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}') depth--;
  }
  return css.slice(start, i - 1);
}

const light = variables(blockAfter(':root {'));
const dark = new Map([...light, ...variables(blockAfter('@media (prefers-color-scheme: dark)'))]);

function rgb(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length <= 4 ? [...h.slice(0, 3)].map((c) => c + c).join('') : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** [foreground, background] pairs the stylesheet uses for text. */
const TEXT: [string, string][] = [
  ['text', 'bg'],
  ['text', 'panel'],
  ['text', 'mine'],
  ['muted', 'bg'],
  ['muted', 'panel'],
  ['muted', 'mine'],
  ['accent', 'panel'],
  ['accent', 'mine'],
  ['accent-text', 'accent'],
  ['link', 'panel'],
  ['link', 'mine'],
  ['ok', 'ok-bg'],
  ['warn', 'warn-bg'],
  ['bad', 'bad-bg'],
  ['bad', 'bg'],
  ['bad', 'panel'],
  ['bad', 'mine'],
];
/** Pairs for control outlines, focus rings and indicators. */
const NON_TEXT: [string, string][] = [
  ['field-border', 'panel'],
  ['focus', 'panel'],
  ['focus', 'bg'],
  ['focus', 'mine'],
  ['accent', 'bg'],
  ['ok', 'panel'],
  ['away', 'panel'],
  ['warn-line', 'panel'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, theme) => {
  const color = (name: string) => {
    const value = theme.get(name);
    if (!value) throw new Error(`--${name} is not defined in web/styles.css`);
    return value;
  };

  it.each(TEXT)('text --%s on --%s is at least 4.5:1', (fg, bg) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)('--%s on --%s is at least 3:1', (fg, bg) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(3);
  });
});

describe('the contrast formula', () => {
  it('gives the ratios WCAG gives', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#fff', '#fff')).toBe(1);
  });

  it('reads a dark theme that overrides every colour of the light one', () => {
    for (const name of light.keys())
      expect([name, dark.get(name) !== light.get(name)]).toEqual([name, true]);
  });
});
