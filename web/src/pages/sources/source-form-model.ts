// The source form's values (strings, as inputs hold them), their checks, and the API body they make.
import { z } from 'zod';
import type { EventSourceConfig, EventSourceInput, EventSourceType, EventSourceView, FileSourceConfig, MqttSourceConfig, SyslogSourceConfig } from '../../api/sensing-types.js';
import { tlpLevels } from '../../../../src/platform/tlp.js';

export const sourceTypeLabels: Readonly<Record<EventSourceType, string>> = {
  syslog: 'Syslog listener',
  mqtt: 'MQTT subscription',
  zeek: 'Zeek logs',
  suricata: 'Suricata EVE',
  winevent: 'Windows events (JSON)',
};

const portText = z.string().trim().refine((p) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535, 'A port from 1 to 65535.');

export const sourceSchema = z
  .object({
    type: z.enum(['syslog', 'mqtt', 'zeek', 'suricata', 'winevent']),
    name: z.string().trim().min(1, 'Name the source, e.g. after the devices that send to it.').max(100, 'At most 100 characters.'),
    enabled: z.boolean(),
    tlp: z.enum(tlpLevels),
    protocol: z.enum(['udp', 'tcp', 'tls']),
    host: z.string().trim().max(255),
    port: z.string().trim(),
    certFile: z.string().trim().max(4096),
    keyFile: z.string().trim().max(4096),
    brokerUrl: z.string().trim().max(2048),
    topics: z.string().trim().max(4096),
    payload: z.enum(['auto', 'json', 'sparkplug']),
    valuePath: z.string().trim().max(200),
    path: z.string().trim().max(4096),
    follow: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.type === 'syslog') {
      const port = portText.safeParse(v.port);
      if (!port.success) need('port', 'A port from 1 to 65535.');
      if (v.host !== '' && !/^[0-9a-fA-F:.]+$/.test(v.host)) need('host', 'An IP address to bind, e.g. 0.0.0.0 or ::.');
      if (v.protocol === 'tls' && v.certFile === '') need('certFile', 'TLS needs the certificate file (PEM) on the server.');
      if (v.protocol === 'tls' && v.keyFile === '') need('keyFile', 'TLS needs the key file (PEM) on the server.');
    } else if (v.type === 'mqtt') {
      if (!/^(mqtts?|wss?):\/\/[^\s@]+$/.test(v.brokerUrl)) need('brokerUrl', 'An mqtt://, mqtts://, ws:// or wss:// address, without credentials.');
      if (topicList(v.topics).length === 0) need('topics', 'At least one topic, e.g. spBv1.0/# or plant/+/telemetry.');
      if (v.payload === 'json' && v.valuePath === '') need('valuePath', 'Where the value sits in the JSON payload, e.g. value or data.0.v.');
    } else if (v.path === '') {
      need('path', 'A file or a directory on the server.');
    }
  });

export type SourceValues = z.input<typeof sourceSchema>;

export function topicList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

export function sourceDefaults(source: EventSourceView | null): SourceValues {
  const c = (source?.config ?? {}) as Partial<SyslogSourceConfig & MqttSourceConfig & FileSourceConfig>;
  return {
    type: source?.type ?? 'syslog',
    name: source?.name ?? '',
    enabled: source?.enabled ?? true,
    tlp: source?.tlp ?? 'amber',
    protocol: c.protocol ?? 'udp',
    host: c.host ?? '',
    port: c.port === undefined ? '5514' : String(c.port),
    certFile: c.certFile ?? '',
    keyFile: c.keyFile ?? '',
    brokerUrl: c.brokerUrl ?? 'mqtt://127.0.0.1:1883',
    topics: (c.topics ?? []).join('\n'),
    payload: c.payload ?? 'auto',
    valuePath: c.mapping?.valuePath ?? '',
    path: c.path ?? '',
    follow: c.follow ?? true,
  };
}

/** The config for the chosen type; fields of other types are left out, empty optional ones too. */
export function sourceConfig(v: SourceValues, before: EventSourceConfig | null = null): EventSourceConfig {
  const opt = <K extends string>(key: K, value: string) => (value === '' ? {} : ({ [key]: value } as Record<K, string>));
  if (v.type === 'syslog') {
    const kept = (before ?? {}) as Partial<SyslogSourceConfig>;
    return {
      protocol: v.protocol,
      port: Number(v.port),
      ...opt('host', v.host),
      ...(v.protocol === 'tls' ? { ...opt('certFile', v.certFile), ...opt('keyFile', v.keyFile), ...(kept.caFile === undefined ? {} : { caFile: kept.caFile }) } : {}),
      // Sender ranges are kept as they were (the CLI and API edit them).
      ...(kept.senders === undefined ? {} : { senders: kept.senders }),
      ...(kept.defaultOrgId === undefined ? {} : { defaultOrgId: kept.defaultOrgId }),
    };
  }
  if (v.type === 'mqtt') {
    const kept = (before ?? {}) as Partial<MqttSourceConfig>;
    return {
      brokerUrl: v.brokerUrl,
      topics: topicList(v.topics),
      payload: v.payload,
      ...(v.valuePath === '' ? {} : { mapping: { ...kept.mapping, valuePath: v.valuePath } }),
      ...(kept.username === undefined ? {} : { username: kept.username }),
      ...(kept.passwordFile === undefined ? {} : { passwordFile: kept.passwordFile }),
    };
  }
  return { path: v.path, follow: v.follow };
}

export function sourceInput(v: SourceValues): EventSourceInput {
  return { type: v.type, name: v.name, config: sourceConfig(v), enabled: v.enabled, tlp: v.tlp };
}
