// What a search box's text looks like it names, so that each store is asked only what it can answer.
import { isIP } from 'node:net';

export type QueryShape =
  | { readonly kind: 'ip'; readonly value: string }
  | { readonly kind: 'mac'; readonly value: string }
  | { readonly kind: 'cve'; readonly value: string }
  | { readonly kind: 'advisory'; readonly value: string }
  | { readonly kind: 'stix'; readonly value: string }
  | { readonly kind: 'hostname'; readonly value: string }
  | { readonly kind: 'text'; readonly value: string };

const MAC = /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;
const CVE = /^CVE-\d{4}-\d{4,}$/i;
// Identifiers of advisories and national databases: ICS-CERT, CNVD/CNNVD, GitHub, Siemens, CERT@VDE, Schneider, JVN.
const ADVISORY = /^(ICSA-\d{2}-\d{3}-\d{2}[A-Z]?|ICSMA-\d{2}-\d{3}-\d{2}[A-Z]?|CNVD-\d{4}-\d+|CNNVD-\d{6}-\d+|GHSA(-[a-z0-9]{4}){3}|SSA-\d{6}|SSB-\d{6}|VDE-\d{4}-\d+|SEVD-\d{4}-\d{3}-\d{2}|JVNDB-\d{4}-\d+|BW-\d+)$/i;
const STIX = /^[a-z][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// A DNS label sequence with at least one dot, or a single label with a digit or dash, as device names go.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function recognise(input: string): QueryShape {
  const value = input.trim();
  if (isIP(value) !== 0) return { kind: 'ip', value: value.toLowerCase() };
  const mac = MAC.exec(value);
  if (mac !== null) return { kind: 'mac', value: mac.slice(1, 7).join(':').toLowerCase() };
  if (CVE.test(value)) return { kind: 'cve', value: value.toUpperCase() };
  if (ADVISORY.test(value)) return { kind: 'advisory', value: value.toUpperCase() };
  if (STIX.test(value)) return { kind: 'stix', value };
  if (HOSTNAME.test(value) && !/^\d+(\.\d+)*$/.test(value)) return { kind: 'hostname', value };
  return { kind: 'text', value };
}
