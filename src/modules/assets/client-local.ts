import type { Actor } from '../../platform/access.js';
import { withoutUndefined } from '../../platform/cli-kit/without-undefined.js';
import { parseInput } from '../../platform/validate.js';
import type { AssetService } from './asset.service.js';
import type { AssetClient } from './client-port.js';
import { assetBulkDeleteBody, assetBulkUpdateBody, assetCreateBody, assetPatchBody } from './schemas.js';

/** The asset commands on the database in-process, as the local operator; the API's schemas check the input. */
export function localAssetClient(assets: AssetService, actor: Actor): AssetClient {
  return {
    listAssets: (filter) => assets.list(actor, filter),
    getAsset: (id) => assets.get(actor, id),
    createAsset: (input) => assets.create(actor, parseInput(assetCreateBody, withoutUndefined(input))),
    updateAsset: (id, patch) => assets.update(actor, id, parseInput(assetPatchBody, withoutUndefined(patch))),
    deleteAsset: (id) => assets.remove(actor, id),
    importAssets: (csv, options) => assets.importCsv(actor, csv, options),
    bulkUpdateAssets: (ids, set) => {
      const body = parseInput(assetBulkUpdateBody, { ids, set: withoutUndefined(set) });
      return assets.bulkUpdate(actor, body.ids, body.set);
    },
    bulkDeleteAssets: (ids) => assets.bulkRemove(actor, parseInput(assetBulkDeleteBody, { ids }).ids),
    exportAssets: (selection) => assets.exportCsv(actor, selection),
  };
}
