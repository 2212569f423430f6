import { z } from 'zod';
import { InputError } from '../platform/errors.js';
import { readFileSync } from 'node:fs';
import { parseSecretKey } from '../platform/secret-box.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// One schema, one place. Every option here is in the README's configuration table.
export const configSchema = z.object({
  BULWARK_HOST: z.string().default('127.0.0.1'),
  BULWARK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  BULWARK_DATA_DIR: z.string().min(1).default('./.bulwark'),
  BULWARK_DATABASE_URL: z.string().url().optional(),
  BULWARK_ADMIN_PASSWORD: z.string().min(12).optional(),
  BULWARK_DEMO: bool.default(true),
  BULWARK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BULWARK_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  BULWARK_UPLOAD_LIMIT: z.coerce.number().int().min(1024).default(10_485_760),
  BULWARK_CAPTURE_LIMIT: z.coerce.number().int().min(1024).default(4_294_967_296),
  BULWARK_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  BULWARK_SECURE_COOKIES: bool.default(false),
  BULWARK_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  BULWARK_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  BULWARK_WEB_DIR: z.string().optional(),
  BULWARK_DEFAULT_ORG: z.string().optional(),
  BULWARK_IMPORT_DIR: z.string().min(1).optional(),
  BULWARK_ALLOW_PRIVATE_URLS: bool.default(false),
  BULWARK_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  BULWARK_METRICS_PUBLIC: bool.default(false),
  BULWARK_PLAYBOOK_SIGNING_KEY: z.string().min(1).optional(),
  BULWARK_PLAYBOOK_SIGNEE: z.string().min(1).max(200).default('Bulwark'),
  BULWARK_NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\/\S+$/, 'nats://host:port').optional(),
  BULWARK_NATS_STREAM: z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and -').default('BULWARK_EVENTS'),
  BULWARK_NATS_SUBJECT: z.string().regex(/^[\w-]+(\.[\w-]+)*$/, 'dot-separated tokens').default('bulwark.events'),
  BULWARK_NATS_ACK_WAIT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  BULWARK_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== undefined, '64 hex digits or base64 of 32 bytes (e.g. openssl rand -hex 32)')
    .optional(),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly adminPassword: string | undefined;
  readonly demo: boolean;
  readonly logLevel: string;
  readonly bodyLimit: number;
  readonly uploadLimit: number;
  /** Largest packet capture accepted by upload, bytes (streamed to disk, never held in memory). */
  readonly captureLimit: number;
  readonly sessionTtlMs: number;
  readonly secureCookies: boolean;
  readonly loginMaxAttempts: number;
  readonly loginWindowMs: number;
  /** Built console to serve; defaults to dist/web beside the built server. */
  readonly webDir: string | undefined;
  /** Seals stored credentials; undefined: the key file in the data directory. */
  readonly secretKey: Uint8Array | undefined;
  /** The organisation (id or name) local CLI commands write into when --org is not given. */
  readonly defaultOrg: string | undefined;
  /** The only server directory users (admins) may import knowledge from; undefined: none. */
  readonly importDir: string | undefined;
  /** Let users' URL imports reach loopback, link-local and private addresses. */
  readonly allowPrivateUrls: boolean;
  /** Days events are kept, for organisations without their own retention. */
  readonly eventRetentionDays: number;
  /** Serve /metrics without credentials (for a Prometheus scraper on a trusted network); else admins only. */
  readonly metricsPublic: boolean;
  /** PEM private key (Ed25519 or EC P-256) that signs exported playbooks on request, and who signs. */
  readonly playbookSigningKey: { readonly privateKeyPem: string; readonly signee: string } | undefined;
  /** NATS JetStream for events (ADR 016): the ingest publishes, `bulwark worker` processes write. Unset: in-process queue. */
  readonly nats: { readonly url: string; readonly stream: string; readonly subjectPrefix: string; readonly ackWaitMs: number } | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as shells and CI systems often export them that way.
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('BULWARK_') && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new InputError(
      'invalid configuration',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    );
  }
  const c = parsed.data;
  return {
    host: c.BULWARK_HOST,
    port: c.BULWARK_PORT,
    dataDir: c.BULWARK_DATA_DIR,
    databaseUrl: c.BULWARK_DATABASE_URL,
    adminPassword: c.BULWARK_ADMIN_PASSWORD,
    demo: c.BULWARK_DEMO,
    logLevel: c.BULWARK_LOG_LEVEL,
    bodyLimit: c.BULWARK_BODY_LIMIT,
    uploadLimit: c.BULWARK_UPLOAD_LIMIT,
    captureLimit: c.BULWARK_CAPTURE_LIMIT,
    sessionTtlMs: c.BULWARK_SESSION_TTL_HOURS * 3_600_000,
    secureCookies: c.BULWARK_SECURE_COOKIES,
    loginMaxAttempts: c.BULWARK_LOGIN_MAX_ATTEMPTS,
    loginWindowMs: c.BULWARK_LOGIN_WINDOW_MINUTES * 60_000,
    webDir: c.BULWARK_WEB_DIR,
    secretKey: c.BULWARK_SECRET_KEY === undefined ? undefined : parseSecretKey(c.BULWARK_SECRET_KEY),
    defaultOrg: c.BULWARK_DEFAULT_ORG,
    importDir: c.BULWARK_IMPORT_DIR,
    allowPrivateUrls: c.BULWARK_ALLOW_PRIVATE_URLS,
    eventRetentionDays: c.BULWARK_EVENT_RETENTION_DAYS,
    metricsPublic: c.BULWARK_METRICS_PUBLIC,
    playbookSigningKey: c.BULWARK_PLAYBOOK_SIGNING_KEY === undefined ? undefined : { privateKeyPem: readSigningKey(c.BULWARK_PLAYBOOK_SIGNING_KEY), signee: c.BULWARK_PLAYBOOK_SIGNEE },
    nats: c.BULWARK_NATS_URL === undefined ? undefined : { url: c.BULWARK_NATS_URL, stream: c.BULWARK_NATS_STREAM, subjectPrefix: c.BULWARK_NATS_SUBJECT, ackWaitMs: c.BULWARK_NATS_ACK_WAIT_MS },
  };
}

/** The playbook signing key file; a wrong path is a configuration error, not a crash later. */
function readSigningKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('invalid configuration', [{ path: 'BULWARK_PLAYBOOK_SIGNING_KEY', message: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}
