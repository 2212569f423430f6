// A normalized event as STIX cyber observables, so that indicator patterns written against STIX
// (`ipv4-addr:value`, `network-traffic:dst_port`, `file:hashes.'SHA-256'` ...) match it. The mapping
// is documented in docs/detection/fields.md; only what the event carries is built.
import type { BulwarkEvent, Sco } from '../../intel/pattern/index.js';
import type { EndpointFields, SensedEvent } from '../../sensing/index.js';

const addressType = (ip: string) => (ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr');

/** The event's observables keyed as observed-data `objects` are, with its time in epoch milliseconds. */
export function observationOf(event: SensedEvent, time: number): BulwarkEvent {
  const f = event.fields;
  const objects: Record<string, Sco> = {};
  const endpoint = (key: string, e: EndpointFields | undefined): boolean => {
    if (e === undefined) return false;
    let ref = false;
    if (e.ip !== undefined) {
      const address: Record<string, unknown> = { type: addressType(e.ip), value: e.ip };
      if (e.mac !== undefined) {
        objects[`${key}m`] = { type: 'mac-addr', value: e.mac.toLowerCase() } as Sco;
        address['resolves_to_refs'] = [`${key}m`];
      }
      objects[key] = address as Sco;
      ref = true;
    } else if (e.mac !== undefined) {
      objects[key] = { type: 'mac-addr', value: e.mac.toLowerCase() } as Sco;
      ref = true;
    }
    if (e.domain !== undefined) objects[`${key}n`] = { type: 'domain-name', value: e.domain } as Sco;
    return ref;
  };
  const src = endpoint('src', f.source);
  const dst = endpoint('dst', f.destination);
  if (src || dst || f.network !== undefined) {
    const traffic: Record<string, unknown> = { type: 'network-traffic' };
    if (src) traffic['src_ref'] = 'src';
    if (dst) traffic['dst_ref'] = 'dst';
    if (f.source?.port !== undefined) traffic['src_port'] = f.source.port;
    if (f.destination?.port !== undefined) traffic['dst_port'] = f.destination.port;
    const protocols = [f.network?.transport, f.network?.protocol ?? f.ics?.protocol].filter((p): p is string => p !== undefined).map((p) => p.toLowerCase());
    if (protocols.length > 0) traffic['protocols'] = protocols;
    if (f.source?.bytes !== undefined) traffic['src_byte_count'] = f.source.bytes;
    if (f.destination?.bytes !== undefined) traffic['dst_byte_count'] = f.destination.bytes;
    if (f.source?.packets !== undefined) traffic['src_packets'] = f.source.packets;
    if (f.destination?.packets !== undefined) traffic['dst_packets'] = f.destination.packets;
    objects['net'] = traffic as Sco;
  }
  if (f.host?.ip !== undefined) objects['host'] = { type: addressType(f.host.ip), value: f.host.ip } as Sco;
  if (f.dns?.question?.name !== undefined) objects['dns'] = { type: 'domain-name', value: f.dns.question.name } as Sco;
  if (f.url?.original !== undefined) objects['url'] = { type: 'url', value: f.url.original } as Sco;
  if (f.url?.domain !== undefined) objects['urld'] = { type: 'domain-name', value: f.url.domain } as Sco;
  if (f.file !== undefined) {
    const file: Record<string, unknown> = { type: 'file' };
    const hashes: Record<string, string> = {};
    if (f.file.hash?.sha256 !== undefined) hashes['SHA-256'] = f.file.hash.sha256.toLowerCase();
    if (f.file.hash?.md5 !== undefined) hashes['MD5'] = f.file.hash.md5.toLowerCase();
    if (Object.keys(hashes).length > 0) file['hashes'] = hashes;
    if (f.file.name !== undefined) file['name'] = f.file.name;
    if (Object.keys(file).length > 1) objects['file'] = file as Sco;
  }
  if (f.process !== undefined) {
    const p = f.process;
    const process: Record<string, unknown> = { type: 'process' };
    if (p.pid !== undefined) process['pid'] = p.pid;
    if (p.command_line !== undefined) process['command_line'] = p.command_line;
    const image = p.name ?? (p.executable === undefined ? undefined : p.executable.split(/[\\/]/).pop());
    if (image !== undefined) {
      objects['image'] = { type: 'file', name: image } as Sco;
      process['image_ref'] = 'image';
    }
    if (p.parent !== undefined) {
      objects['parent'] = { type: 'process', ...(p.parent.command_line === undefined ? {} : { command_line: p.parent.command_line }) } as Sco;
      if (p.parent.name !== undefined) {
        objects['parentImage'] = { type: 'file', name: p.parent.name } as Sco;
        (objects['parent'] as unknown as Record<string, unknown>)['image_ref'] = 'parentImage';
      }
      process['parent_ref'] = 'parent';
    }
    if (Object.keys(process).length > 1) objects['process'] = process as Sco;
  }
  if (f.user?.name !== undefined) objects['user'] = { type: 'user-account', account_login: f.user.name, ...(f.user.domain === undefined ? {} : { user_id: `${f.user.domain}\\${f.user.name}` }) } as Sco;
  return { id: event.id, time, objects };
}
