// TLP 2.0 (FIRST): who may see a marked object. Order matters: later is more restrictive.
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

/**
 * Markings that may travel upward to a parent organisation when the owner shares upward.
 * AMBER+STRICT is limited to the recipient organisation and RED to named people, so neither leaves it.
 */
export const tlpShareableUpward: readonly Tlp[] = ['clear', 'green', 'amber'];

export function isTlp(value: string): value is Tlp {
  return (tlpLevels as readonly string[]).includes(value);
}
