import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { assetsList } from './assets-list.js';
import { captureCli, captureCore } from './capture.js';
import { captureOracle } from './capture-oracle.js';
import { cliStart } from './cli-start.js';
import { captureE2eCases } from './capture-e2e.js';
import { coldStart } from './cold-start.js';
import { intelMatch } from './intel-match.js';
import { detectionSigma } from './detection-sigma.js';
import { detectionIndicators } from './detection-indicators.js';
import { detectionAlerts } from './detection-alerts.js';
import { detectionQuality } from './detection-quality.js';
import { captureAlerts } from './capture-alerts.js';
import { detectionFalseAlarms } from './detection-false-alarms.js';
import { intelExtract } from './intel-extract.js';
import { intelValidate } from './intel-validate.js';
import { cacaoValidate } from './cacao-validate.js';
import { knowledgeBase, stopAllWorkers } from './kb.js';
import { kbPrecision } from './kb-precision.js';
import { intelImport } from './intel-import.js';
import { taxiiServer } from './taxii.js';
import { stopAllServers } from './server-process.js';
import { disposeAllStorage, storageBackends } from './storage-backends.js';
import { eventsIngest, eventsIngestLarge } from './events-ingest.js';
import { eventsParse } from './events-parse.js';
import { eventsNats } from './events-nats.js';
import { sensorLivePipe } from './sensor.js';
import { eventsQuery } from './events-query.js';
import { syslogListener } from './syslog.js';
import { progress, serverEntry, type BenchCase } from './support.js';

// Usage: tsx bench/run.ts [filter...]; a case runs when its id (e.g. cold-start/pglite) contains any filter.
const cases: readonly BenchCase[] = [
  ...storageBackends.map(coldStart),
  cliStart,
  ...storageBackends.map(assetsList),
  ...storageBackends.map(knowledgeBase),
  captureOracle,
  captureCore,
  ...storageBackends.map(captureCli),
  ...captureE2eCases,
  ...storageBackends.map(intelImport),
  ...storageBackends.map(taxiiServer),
  intelExtract,
  intelValidate,
  cacaoValidate,
  intelMatch,
  detectionSigma,
  detectionIndicators,
  detectionAlerts,
  detectionQuality,
  captureAlerts,
  detectionFalseAlarms,
  kbPrecision,
  ...storageBackends.map(eventsIngest),
  eventsIngestLarge,
  eventsNats,
  sensorLivePipe,
  syslogListener,
  eventsParse,
  eventsQuery,
];

const filters = process.argv.slice(2);
const selected = cases.filter((c) => filters.length === 0 || filters.some((f) => c.id.includes(f)));

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  progress(`${signal}: stopping servers and dropping scratch databases`);
  stopAllWorkers();
  await stopAllServers();
  await disposeAllStorage();
  process.exit(130);
}
process.once('SIGINT', (s) => void interrupted(s));
process.once('SIGTERM', (s) => void interrupted(s));

if (!existsSync(serverEntry)) {
  progress(`${serverEntry} is missing: build the server first (npm run build, or npx tsc -p tsconfig.build.json)`);
  process.exit(2);
}
if (selected.length === 0) {
  progress(`no benchmark matches ${filters.join(' ')}; cases: ${cases.map((c) => c.id).join(', ')}`);
  process.exit(2);
}

const failed: string[] = [];
for (const c of selected) {
  // Other load on the machine skews every figure; the load average helps read them.
  progress(`${c.id}: start (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const startedAt = performance.now();
  try {
    await c.run();
    progress(`${c.id}: done in ${Math.round((performance.now() - startedAt) / 1000)} s`);
  } catch (error) {
    // One failing case should not hide the figures of the others, but the run must fail.
    failed.push(c.id);
    progress(`${c.id}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
if (failed.length > 0) {
  progress(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
