import { type IssueSink, parseElements } from '../cve5/parse-elements.js';
import type { AffectedClaim, RangeClaim } from '../types.js';
import { cpeName, parseCpe23 } from './cpe.js';
import { type NvdCpeMatch, nvdConfigurationSchema, nvdCpeMatchSchema, nvdNodeSchema } from './schemas.js';

/** The version range of one cpeMatch: explicit bounds if any, else the CPE's own version attribute. */
export function rangeOf(match: NvdCpeMatch, cpeVersion: string): RangeClaim {
  const { versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } = match;
  if (versionStartIncluding ?? versionStartExcluding ?? versionEndIncluding ?? versionEndExcluding) {
    const range: { kind: 'bounds'; scheme: 'generic'; introduced?: string; excludedStart?: string; fixed?: string; lastAffected?: string } = {
      kind: 'bounds',
      scheme: 'generic',
    };
    if (versionStartIncluding !== undefined) range.introduced = versionStartIncluding;
    if (versionStartExcluding !== undefined) range.excludedStart = versionStartExcluding;
    if (versionEndExcluding !== undefined) range.fixed = versionEndExcluding;
    if (versionEndIncluding !== undefined) range.lastAffected = versionEndIncluding;
    return range;
  }
  // "*" is ANY and "-" is NA (no version applies): either way the whole product matches.
  return cpeVersion === '*' || cpeVersion === '-' ? { kind: 'all' } : { kind: 'exact', version: cpeVersion };
}

function claimOf(match: NvdCpeMatch, group: string | null, negate: boolean): AffectedClaim[] {
  const cpe = parseCpe23(match.criteria);
  if (cpe === undefined) return []; // the schema already refused it
  return [
    {
      product: { vendor: cpeName(cpe.vendor), product: cpeName(cpe.product), cpe: match.criteria },
      range: rangeOf(match, cpe.version),
      // vulnerable:false is NVD saying "this one is not vulnerable" (typically the hardware it runs on).
      status: match.vulnerable ? 'affected' : 'not_affected',
      group,
      ...(group !== null && !match.vulnerable ? { platformOnly: true } : {}),
      ...(negate ? { negate: true } : {}),
    },
  ];
}

/**
 * NVD applicability statements as claims. An AND configuration ("vulnerable firmware running on this
 * device") shares one group named after its index, its non-vulnerable entries being the platform;
 * an OR configuration's entries each stand alone (group null).
 */
export function configurationClaims(value: unknown, at: string, sink: IssueSink): AffectedClaim[] {
  return parseElements(value, at, nvdConfigurationSchema, sink, 'configuration').flatMap((config) => {
    const nodes = parseElements(config.data.nodes, `${config.at}/nodes`, nvdNodeSchema, sink, 'configuration node');
    const and = config.data.operator === 'AND' || nodes.some((n) => n.data.operator === 'AND');
    const group = and ? String(config.index) : null;
    return nodes.flatMap((node) => {
      const negate = node.data.negate === true || config.data.negate === true;
      const matches = parseElements(node.data.cpeMatch, `${node.at}/cpeMatch`, nvdCpeMatchSchema, sink, 'cpeMatch');
      return matches.flatMap((m) => claimOf(m.data, group, negate));
    });
  });
}
