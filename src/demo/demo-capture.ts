// The demo's packet capture: the built-in simulated water plant, analyzed once for Riverside so a
// fresh start shows a finished capture job with hosts, communications and operations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../platform/access.js';
import type { Services } from '../services.js';
import { writeSimulatedCapture } from '../modules/capture/simulator/index.js';
import { demoCapture } from './demo-data.js';

/**
 * Analyzes the simulated capture for `orgId` unless a job of that name exists there (whatever its
 * state): restarts and repeated `bulwark demo` runs add no second job. Returns the jobs added.
 */
export async function seedDemoCapture(services: Services, actor: Actor, orgId: string, now: Date = new Date()): Promise<number> {
  const existing = await services.database.db
    .selectFrom('capture_jobs')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', demoCapture.name)
    .executeTakeFirst();
  if (existing !== undefined) return 0;
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-demo-capture-'));
  try {
    const path = join(dir, 'riverside-wtp.pcap');
    // Traffic from the last few minutes, whole minutes, so the timeline reads like today's capture.
    const startTime = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (demoCapture.minutes + 5) * 60_000);
    await writeSimulatedCapture(path, { seed: demoCapture.seed, minutes: demoCapture.minutes, startTime });
    // A failed analysis stays visible as a failed job; the demo itself goes on.
    await services.captures.analyzeFile(actor, path, { name: demoCapture.name, orgId, tlp: 'amber', sharedUpward: true, mergeAssets: true });
    return 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
