import { parseAttack } from './sources/attack/index.js';
import { parseCnvd } from './sources/cnvd/index.js';
import { parseCsaf } from './sources/csaf/index.js';
import { parseCve5 } from './sources/cve5/index.js';
import { parseKev } from './sources/kev/index.js';
import { parseNvd2 } from './sources/nvd2/index.js';
import { parseOsv } from './sources/osv/index.js';
import type { SourceFormat, SourceParser } from './sources/types.js';

/** One parser per source format; the importer picks by detection or by --format. */
export const parsers: Record<SourceFormat, SourceParser> = {
  csaf: parseCsaf,
  cve5: parseCve5,
  nvd2: parseNvd2,
  osv: parseOsv,
  kev: parseKev,
  attack: parseAttack,
  cnvd: parseCnvd,
};
