/** "indicator, malware" → ["indicator", "malware"]: the comma-separated fields of the TAXII forms. */
export const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
