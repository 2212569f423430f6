import { sql, type Kysely } from 'kysely';

// Alert notifications (issue 13): an organisation's channels (signed webhook, SMTP e-mail, MQTT; their
// secrets sealed, ADR 008), its rules saying which alerts go to which channels, and the delivery queue
// and log the notifier works through with retries (ADR 021).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert_channels (
      id text primary key,
      org_id text not null references organisations(id),
      name text not null,
      kind text not null check (kind in ('webhook', 'email', 'mqtt')),
      config jsonb not null default '{}'::jsonb,
      sealed_secret text,
      enabled boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, name)
    )`.execute(db);
  await sql`
    create table alert_notification_rules (
      id text primary key,
      org_id text not null references organisations(id),
      name text not null,
      rule_ids text[] not null default '{}',
      techniques text[] not null default '{}',
      min_severity text not null default 'high' check (min_severity in ('info', 'low', 'medium', 'high', 'critical')),
      channel_ids text[] not null,
      enabled boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, name)
    )`.execute(db);
  await sql`
    create table alert_deliveries (
      id text primary key,
      org_id text not null references organisations(id),
      alert_id text not null references alerts(id) on delete cascade,
      channel_id text not null references alert_channels(id) on delete cascade,
      notification_rule_id text,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (alert_id, channel_id)
    )`.execute(db);
  await sql`create index alert_deliveries_due_idx on alert_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index alert_deliveries_channel_idx on alert_deliveries (channel_id, created_at desc)`.execute(db);
  // The notifier reads new alerts by creation time, from where it left off (alerts before this migration are not notified).
  await sql`create index alerts_created_idx on alerts (created_at)`.execute(db);
  await sql`create table alert_notify_state (id integer primary key check (id = 1), cursor timestamptz not null)`.execute(db);
  await sql`insert into alert_notify_state (id, cursor) values (1, now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists alert_notify_state`.execute(db);
  await sql`drop index if exists alerts_created_idx`.execute(db);
  await sql`drop table if exists alert_deliveries`.execute(db);
  await sql`drop table if exists alert_notification_rules`.execute(db);
  await sql`drop table if exists alert_channels`.execute(db);
}
