// Defect 11: DNP3 and IEC 104 drew in nearly the same colour. Every protocol's line must stand out
// against white (WCAG 1.4.11, 3:1), and protocols that share a style must differ in colour for people
// with the common colour-vision deficiencies too (simulated with Viénot, Brettel and Mollon's matrices).
import { describe, expect, it } from 'vitest';

// The console's module, loaded by path: the server's compiler settings do not apply to console code.
const consoleModule = new URL('../web/src/pages/capture/capture-labels.ts', import.meta.url).href;
const { protocolLine } = (await import(consoleModule)) as { protocolLine: (protocol: string | null) => { readonly colour: string; readonly line: string } };

const protocols = ['modbus', 'dnp3', 'iec104', 's7comm', 's7comm-plus', 'enip', 'bacnet', 'opcua', 'mms', 'goose', 'pn-dcp', 'fins', 'mqtt'];

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [linear(((n >> 16) & 255) / 255), linear(((n >> 8) & 255) / 255), linear((n & 255) / 255)];
}
const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrastOnWhite = (hex: string) => 1.05 / (luminance(rgb(hex)) + 0.05);

// Linear-RGB simulation matrices (Viénot et al. 1999) for protanopia and deuteranopia.
const simulations: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.11238, 0.88762, 0],
    [0.11238, 0.88762, 0],
    [0.00401, -0.00401, 1],
  ],
  deuteranopia: [
    [0.29275, 0.70725, 0],
    [0.29275, 0.70725, 0],
    [-0.02234, 0.02234, 1],
  ],
};

function lab(c: [number, number, number]): [number, number, number] {
  const [r, g, b] = c;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
function distance(a: string, b: string, m: number[][]): number {
  const apply = (c: [number, number, number]) => m.map((row) => row.reduce((s, v, i) => s + v * (c[i] ?? 0), 0)) as [number, number, number];
  const [l1, a1, b1] = lab(apply(rgb(a)));
  const [l2, a2, b2] = lab(apply(rgb(b)));
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

describe('communications map palette', () => {
  it('draws every protocol at 3:1 or more against white', () => {
    for (const p of [...protocols, null]) expect(contrastOnWhite(protocolLine(p).colour), String(p)).toBeGreaterThanOrEqual(3);
  });

  it('tells DNP3 from IEC 104 by colour for normal, protan and deutan vision, and by nothing shared with Modbus', () => {
    for (const [name, m] of Object.entries(simulations)) expect(distance(protocolLine('dnp3').colour, protocolLine('iec104').colour, m), name).toBeGreaterThan(20);
    expect(new Set(['modbus', 'dnp3', 'iec104'].map((p) => protocolLine(p).colour)).size).toBe(3);
  });

  it('gives no two protocols the same colour and line style, and separates same-style colours for every vision', () => {
    const seen = new Map<string, string>();
    for (const p of protocols) {
      const { colour, line } = protocolLine(p);
      const key = `${colour}/${line}`;
      expect(seen.get(key), `${p} draws like ${seen.get(key) ?? ''}`).toBeUndefined();
      seen.set(key, p);
    }
    const solid = protocols.filter((p) => protocolLine(p).line === 'solid');
    for (const [name, m] of Object.entries(simulations)) {
      for (let i = 0; i < solid.length; i++) {
        for (let j = i + 1; j < solid.length; j++) {
          const a = solid[i] ?? '';
          const b = solid[j] ?? '';
          expect(distance(protocolLine(a).colour, protocolLine(b).colour, m), `${a} vs ${b} (${name})`).toBeGreaterThan(10);
        }
      }
    }
  });
});
