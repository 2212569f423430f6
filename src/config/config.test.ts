import { describe, expect, it } from 'vitest';
import { InputError } from '../platform/errors.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults for a first start on the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: './.bulwark', databaseUrl: undefined, demo: true, bodyLimit: 1_048_576 });
  });

  it('reads every variable and treats empty ones as unset', () => {
    const c = loadConfig({
      BULWARK_PORT: '9000',
      BULWARK_DATABASE_URL: 'postgres://u@h:5432/db',
      BULWARK_DEMO: 'false',
      BULWARK_SESSION_TTL_HOURS: '1',
      BULWARK_SECURE_COOKIES: 'yes',
      BULWARK_ADMIN_PASSWORD: '',
      BULWARK_SECRET_KEY: 'ab'.repeat(32),
    });
    expect(c).toMatchObject({ port: 9000, databaseUrl: 'postgres://u@h:5432/db', demo: false, sessionTtlMs: 3_600_000, secureCookies: true, adminPassword: undefined });
    expect(Buffer.from(c.secretKey ?? []).toString('hex')).toBe('ab'.repeat(32));
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ BULWARK_PORT: 'eighty', BULWARK_ADMIN_PASSWORD: 'short', BULWARK_DEMO: 'maybe', BULWARK_SECRET_KEY: 'abcd' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).details.map((d) => d.path).sort()).toEqual(['BULWARK_ADMIN_PASSWORD', 'BULWARK_DEMO', 'BULWARK_PORT', 'BULWARK_SECRET_KEY']);
    }
  });

  it('keeps events 90 days and keeps /metrics private unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ eventRetentionDays: 90, metricsPublic: false });
    expect(loadConfig({ BULWARK_EVENT_RETENTION_DAYS: '7', BULWARK_METRICS_PUBLIC: '1' })).toMatchObject({ eventRetentionDays: 7, metricsPublic: true });
    for (const bad of ['0', '-3', '1.5', 'forever']) expect(() => loadConfig({ BULWARK_EVENT_RETENTION_DAYS: bad })).toThrow(InputError);
  });
});
