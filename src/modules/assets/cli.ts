import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { AssetClient } from './client-port.js';
import { criticalities, type Asset, type Criticality } from './types.js';

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openAssetClient(connection: Connection): Promise<AssetClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpAssetClient(connection.api);
  return (await import('./client-local.js')).localAssetClient((await connection.services()).assets, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const assetFlags = { name: '<name>', firmwareVersion: '--firmware', sharedUpward: '--share-upward', ip: '--ip', mac: '--mac', zone: '--zone', vendor: '--vendor', model: '--model', criticality: '--criticality', tlp: '--tlp' };

const withAssets = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<AssetClient>) => Promise<T>) => withClient(ctx, cmd, openAssetClient, fn, assetFlags);

const columns = ['name', 'orgName', 'zone', 'ip', 'vendor', 'model', 'firmwareVersion', 'criticality', 'tlp'];

export function assetCommand(ctx: CliContext): Command {
  const asset = new Command('asset').description('the asset inventory: PLCs, RTUs, HMIs, workstations, network devices');
  asset
    .command('list')
    .description('list assets')
    .option('-q, --query <text>', 'search name, IP, MAC, vendor, model, zone')
    .option('--org <idOrName>', 'only this organisation')
    .option('--zone <zone>', 'only this zone')
    .option('--vendor <vendor>', 'only this vendor')
    .addOption(new Option('--criticality <level>', 'only this criticality').choices(criticalities))
    .option('--limit <n>', 'page size', (v) => Number.parseInt(v, 10), 100)
    .option('--all', 'follow every page')
    .action(
      async (
        o: { query?: string; org?: string; zone?: string; vendor?: string; criticality?: Criticality; limit: number; all?: boolean },
        cmd: Command,
      ) =>
        withAssets(ctx, cmd, async ({ client, orgs }) => {
          const orgId = await orgs.find(o.org);
          const items: Asset[] = [];
          let cursor: string | undefined;
          do {
            const page = await client.listAssets({ q: o.query, orgId, zone: o.zone, vendor: o.vendor, criticality: o.criticality, limit: o.limit, cursor });
            items.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (o.all === true && cursor !== undefined);
          emit(ctx, cmd, items, () => ctx.out.table(items, columns));
        }),
    );
  asset
    .command('create <name>')
    .description('create an asset')
    .option('--org <idOrName>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .option('--zone <zone>')
    .option('--ip <ip>')
    .option('--mac <mac>')
    .option('--vendor <vendor>')
    .option('--model <model>')
    .option('--firmware <version>')
    .addOption(new Option('--criticality <level>').choices(criticalities))
    .addOption(new Option('--tlp <marking>').choices(tlpLevels))
    .option('--share-upward', 'let analysts of parent organisations see it (TLP permitting)')
    .action(
      async (
        name: string,
        o: { org?: string; zone?: string; ip?: string; mac?: string; vendor?: string; model?: string; firmware?: string; criticality?: Criticality; tlp?: Tlp; shareUpward?: boolean },
        cmd: Command,
      ) =>
        withAssets(ctx, cmd, async ({ client, orgs }) => {
          const orgId = await orgs.choose(o.org);
          const created = await client.createAsset({
            name,
            orgId,
            zone: o.zone,
            ip: o.ip,
            mac: o.mac,
            vendor: o.vendor,
            model: o.model,
            firmwareVersion: o.firmware,
            criticality: o.criticality,
            tlp: o.tlp,
            sharedUpward: o.shareUpward,
          });
          emit(ctx, cmd, created, () => ctx.out.line(`created asset ${created.name} (${created.id})`));
        }),
    );
  asset
    .command('import <file>')
    .description('import a CSV inventory (columns: name, zone, ip, mac, vendor, model, firmware_version, criticality, tlp, shared_upward)')
    .option('--org <idOrName>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .option('--dry-run', 'check the file, write nothing')
    .action(async (file: string, o: { org?: string; dryRun?: boolean }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        const report = await client.importAssets(await readFile(file, 'utf8'), { orgId, dryRun: o.dryRun });
        emit(ctx, cmd, report, () =>
          ctx.out.line(
            report.dryRun
              ? `${report.rows} rows valid; nothing written (dry run)`
              : `${report.rows} rows: ${report.created} created, ${report.updated} updated`,
          ),
        );
      }),
    );
  asset
    .command('delete <id>')
    .description('delete an asset')
    .action(async (id: string, _o, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client }) => {
        await client.deleteAsset(id);
        emit(ctx, cmd, { deleted: id }, () => ctx.out.line(`deleted ${id}`));
      }),
    );
  return asset;
}
