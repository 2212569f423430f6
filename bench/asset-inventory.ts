// A synthetic but plausible plant inventory for load tests: fictional sites, real vendor product lines.

interface ProductLine {
  readonly vendor: string;
  readonly model: string;
  /** Short device kind used in asset names (PLC, HMI, ...). */
  readonly kind: string;
  readonly firmware: readonly string[];
}

const productLines: readonly ProductLine[] = [
  { vendor: 'Siemens', model: 'S7-1500 CPU 1516-3 PN/DP', kind: 'PLC', firmware: ['V2.8.3', 'V2.9.4', 'V3.0.1'] },
  { vendor: 'Siemens', model: 'S7-1200 CPU 1214C', kind: 'PLC', firmware: ['V4.4.1', 'V4.5.2', 'V4.6.0'] },
  { vendor: 'Siemens', model: 'SCALANCE XC208', kind: 'SW', firmware: ['V4.3', 'V4.4'] },
  { vendor: 'Siemens', model: 'SIMATIC WinCC Unified PC', kind: 'HMI', firmware: ['V18', 'V19'] },
  { vendor: 'Rockwell Automation', model: 'ControlLogix 5580', kind: 'PLC', firmware: ['32.011', '33.011', '34.011'] },
  { vendor: 'Rockwell Automation', model: 'CompactLogix 5380', kind: 'PLC', firmware: ['32.013', '33.015'] },
  { vendor: 'Rockwell Automation', model: 'PanelView Plus 7', kind: 'HMI', firmware: ['11.0', '12.0', '13.0'] },
  { vendor: 'Rockwell Automation', model: 'Stratix 5700', kind: 'SW', firmware: ['15.2(7)', '17.9.3'] },
  { vendor: 'Schneider Electric', model: 'Modicon M580', kind: 'PLC', firmware: ['SV3.20', 'SV4.01', 'SV4.10'] },
  { vendor: 'Schneider Electric', model: 'Modicon M340', kind: 'PLC', firmware: ['SV3.30', 'SV3.40'] },
  { vendor: 'Schneider Electric', model: 'SCADAPack 470', kind: 'RTU', firmware: ['9.4.0', '9.6.1'] },
  { vendor: 'Schneider Electric', model: 'Triconex Tricon CX', kind: 'SIS', firmware: ['11.3', '11.6'] },
  { vendor: 'ABB', model: 'AC 800M PM866A', kind: 'DCS', firmware: ['6.0.0', '6.1.1'] },
  { vendor: 'ABB', model: 'RTU560', kind: 'RTU', firmware: ['12.7.1', '13.2.4'] },
  { vendor: 'ABB', model: 'Relion REF615', kind: 'IED', firmware: ['5.0 FP1', '5.0 FP2'] },
  { vendor: 'Emerson', model: 'DeltaV MQ controller', kind: 'DCS', firmware: ['14.3.1', '15.1'] },
  { vendor: 'Emerson', model: 'ROC800', kind: 'RTU', firmware: ['3.70', '3.80'] },
  { vendor: 'Emerson', model: 'Ovation OCR1100', kind: 'DCS', firmware: ['3.7', '3.8'] },
  { vendor: 'Omron', model: 'NJ501-1300', kind: 'PLC', firmware: ['1.44', '1.46'] },
  { vendor: 'Omron', model: 'NX1P2-9024DT', kind: 'PLC', firmware: ['1.48', '1.50'] },
  { vendor: 'Omron', model: 'NA5-12W101S', kind: 'HMI', firmware: ['1.15', '1.16'] },
  { vendor: 'Mitsubishi Electric', model: 'MELSEC iQ-R R04CPU', kind: 'PLC', firmware: ['41', '45', '52'] },
  { vendor: 'Mitsubishi Electric', model: 'MELSEC-Q Q03UDVCPU', kind: 'PLC', firmware: ['28', '31'] },
  { vendor: 'Mitsubishi Electric', model: 'GOT2000 GT2712', kind: 'HMI', firmware: ['1.275', '1.290'] },
  { vendor: 'Honeywell', model: 'Experion C300', kind: 'DCS', firmware: ['R511.4', 'R520.2'] },
  { vendor: 'Honeywell', model: 'ControlEdge PLC', kind: 'PLC', firmware: ['R160', 'R170'] },
  { vendor: 'Honeywell', model: 'Safety Manager SC', kind: 'SIS', firmware: ['R154.2', 'R160.1'] },
];

/** Purdue-model zones, with the third IP octet each uses on a site. */
const zoneOctets: Readonly<Record<string, number>> = {
  'Level 0 - Field': 0,
  'Level 1 - Control': 1,
  'Level 1 - Electrical': 4,
  'Level 1 - Remote sites': 7,
  'Level 1 - Safety': 11,
  'Level 2 - Supervisory': 2,
  'Level 3 - Operations': 3,
  'Level 3.5 - DMZ': 35,
};

/** Where each kind of device plausibly sits. */
const zonesByKind: Readonly<Record<string, readonly string[]>> = {
  PLC: ['Level 1 - Control', 'Level 1 - Control', 'Level 0 - Field'],
  DCS: ['Level 1 - Control'],
  RTU: ['Level 1 - Remote sites', 'Level 0 - Field'],
  SIS: ['Level 1 - Safety'],
  IED: ['Level 1 - Electrical'],
  HMI: ['Level 2 - Supervisory', 'Level 2 - Supervisory', 'Level 3 - Operations'],
  SW: ['Level 1 - Control', 'Level 2 - Supervisory', 'Level 3 - Operations', 'Level 3.5 - DMZ'],
};

const siteKinds = ['WTP', 'NGC', 'RFY', 'PWR', 'CEM', 'PHA', 'STL', 'FDB', 'PAP', 'GAS'] as const;
const areas = ['intake', 'filtration', 'reactor A', 'reactor B', 'tank farm', 'packaging line', 'boiler house', 'substation', 'compressor station', 'kiln', 'cooling tower', 'dosing'] as const;
const criticalityWeights = [['low', 2], ['medium', 5], ['high', 3], ['critical', 1]] as const;
const tlpWeights = [['green', 2], ['amber', 6], ['amber+strict', 1], ['red', 1]] as const;

/** Assets per site; with one IP per asset in 10.<site>.<zone>.<1..250>, addresses never repeat. */
const ASSETS_PER_SITE = 250;

// mulberry32: a seeded generator, so every run loads the same inventory.
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T extends string>(random: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return (table.at(-1) as readonly [T, number])[0];
}

/** A CSV inventory of `count` assets with unique names and IPs, in the column layout of POST /assets/import. */
export function assetInventoryCsv(count: number, seed = 20261123): string {
  const maxSites = 254;
  if (count > maxSites * ASSETS_PER_SITE) throw new Error(`at most ${maxSites * ASSETS_PER_SITE} assets`);
  const random = seededRandom(seed);
  const lines = ['name,zone,ip,vendor,model,firmware_version,criticality,tlp'];
  for (let i = 0; i < count; i++) {
    const site = Math.floor(i / ASSETS_PER_SITE);
    const host = (i % ASSETS_PER_SITE) + 1;
    const siteCode = `${siteKinds[site % siteKinds.length] ?? 'SITE'}-${String(Math.floor(site / siteKinds.length) + 1).padStart(2, '0')}`;
    const product = pick(random, productLines);
    const zone = pick(random, zonesByKind[product.kind] ?? ['Level 1 - Control']);
    const name = `${siteCode}-${product.kind}-${String(host).padStart(3, '0')} ${pick(random, areas)}`;
    const cells = [
      name,
      zone,
      `10.${site + 1}.${zoneOctets[zone] ?? 1}.${host}`,
      product.vendor,
      product.model,
      pick(random, product.firmware),
      weighted(random, criticalityWeights),
      weighted(random, tlpWeights),
    ];
    // Quote every cell: some models and firmware versions contain characters CSV treats specially.
    lines.push(cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','));
  }
  return `${lines.join('\n')}\n`;
}
