import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { InputError } from '../../platform/errors.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { ExploreService } from './explore.service.js';
import { nodeKinds } from './explore.service.js';
import { boundedNeighbourhood } from './graph/bounded-graph.js';
import type { KnowledgeService } from './knowledge.service.js';
import { correlateBody, decisionBody, exposureParams, exposureQuery, importBody, lifecycleBody, productQuery, reliabilityBody, searchQuery, submissionBody, uploadQuery, vendorQuery } from './schemas.js';

// Response bodies are documented loosely (z.any) where they are large read models; inputs are strict.
const body = z.any();

export function knowledgeRoutes(knowledge: KnowledgeService, explore: ExploreService, options: { uploadLimit: number }): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploaded advisories: JSON documents (CSAF, CVE 5, NVD, OSV, KEV, STIX) or CNVD XML, read as text.
    app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: options.uploadLimit }, (_r, b, done) => done(null, b));

    app.get('/kb/vulnerabilities', {
      schema: { tags: ['knowledge'], summary: 'Search vulnerabilities: full text, filters, facets', querystring: searchQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => {
      const { sort, limit, offset, ...filter } = request.query;
      return knowledge.search(actorOf(request), filter, { sort, limit, offset });
    });

    app.get('/kb/vulnerabilities/:id', {
      schema: { tags: ['knowledge'], summary: 'One vulnerability by Bulwark id or any alias (CVE, CNVD, GHSA...)', params: idParams, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.get(actorOf(request), request.params.id));

    app.get('/kb/vulnerabilities/:id/history', {
      schema: { tags: ['knowledge'], summary: 'Lifecycle history', params: idParams, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await knowledge.history(actorOf(request), request.params.id) }));

    app.post('/kb/vulnerabilities', {
      schema: { tags: ['knowledge'], summary: 'Submit a vulnerability your organisation found (starts as collected)', body: submissionBody, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await knowledge.submit(actorOf(request), request.body)));

    app.post('/kb/vulnerabilities/:id/lifecycle', {
      schema: { tags: ['knowledge'], summary: 'Move through collected → verified → published → remediated → closed', params: idParams, body: lifecycleBody, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.transition(actorOf(request), request.params.id, request.body.to, request.body.note));

    app.post('/kb/imports', {
      schema: { tags: ['knowledge'], summary: 'Import from a public URL (CSAF document, ROLIE feed, provider metadata) or, for admins, a path below BULWARK_IMPORT_DIR; outside the root organisation the records become your submissions', body: importBody, response: { 200: body, ...commonErrors } },
    }, async (request) => {
      const { location, format, tlp, sharedUpward } = request.body;
      return knowledge.importFrom(actorOf(request), location, format, { tlp, sharedUpward });
    });

    app.post('/kb/imports/upload', {
      bodyLimit: options.uploadLimit,
      schema: { tags: ['knowledge'], summary: 'Import one uploaded document (JSON or CNVD XML); outside the root organisation the records become your submissions (tlp, default amber; sharedUpward, default true)', querystring: uploadQuery, response: { 200: body, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema } },
    }, async (request) => {
      const raw = request.body;
      // No body (or no Content-Type, so nothing parsed): nothing to import, said as such.
      if (raw === undefined || raw === null || raw === '') throw new InputError('the upload is empty', [{ path: 'body', message: 'send one JSON document (CSAF, CVE 5, NVD 2.0, OSV, KEV, ATT&CK) or CNVD XML as the body' }]);
      const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
      const { name, format, tlp, sharedUpward } = request.query;
      const report = await knowledge.importDocument(actorOf(request), name ?? 'upload', text, format, { tlp, sharedUpward });
      // One document that yielded nothing, for reasons the issues give, is bad input (the run is kept and named).
      if (report.stats.records === 0 && report.issues.length > 0) {
        throw new InputError('nothing in the document could be imported', [
          ...report.issues.slice(0, 50).map((i) => ({ path: i.pointer === '' ? 'body' : `body${i.pointer.replaceAll('/', '.')}`, message: i.message })),
          { path: 'body', message: `import run ${report.runId} records the attempt`, code: 'run' },
        ]);
      }
      return report;
    });

    app.get('/kb/imports', {
      schema: { tags: ['knowledge'], summary: 'Recent import runs with their statistics and issues', response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await knowledge.importRuns(actorOf(request)) }));

    app.get('/kb/sources', {
      schema: { tags: ['knowledge'], summary: 'Sources and their reliability (Admiralty A–F)', response: { 200: body, ...commonErrors } },
    }, async () => ({ items: await knowledge.sources() }));

    app.patch('/kb/sources/:id', {
      schema: { tags: ['knowledge'], summary: 'Set a source’s reliability; displayed values are re-decided', params: idParams, body: reliabilityBody, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.setReliability(actorOf(request), request.params.id, request.body.reliability));

    app.post('/kb/correlate', {
      schema: { tags: ['knowledge'], summary: 'Recompute asset exposures (all assets, or the given ones)', body: correlateBody, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.correlate(actorOf(request), request.body.assetIds));

    app.get('/assets/:id/exposures', {
      schema: { tags: ['assets'], summary: 'Known vulnerabilities that may affect this asset, paged: known-exploited first, affected before unknown, rejected matches only when asked (decision=rejected), each with its confidence, reasons and decision', params: idParams, querystring: exposureQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.exposures.forAsset(actorOf(request), request.params.id, request.query));

    app.get('/exposures', {
      schema: { tags: ['knowledge'], summary: 'Exposures of every asset you may see, paged, with filters (kev, verdict, grade, minConfidence, decision) and counts per group', querystring: exposureQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.exposures.list(actorOf(request), request.query));

    app.put('/assets/:id/exposures/:vulnId/decision', {
      schema: { tags: ['assets'], summary: 'Confirm or reject a match for this asset, with a comment (admins and analysts of the asset’s organisation); kept across recorrelation', params: exposureParams, body: decisionBody, response: { 200: body, ...commonErrors } },
    }, async (request) => knowledge.exposures.decide(actorOf(request), request.params.id, request.params.vulnId, request.body.decision, request.body.comment));

    app.delete('/assets/:id/exposures/:vulnId/decision', {
      schema: { tags: ['assets'], summary: 'Withdraw the decision on a match', params: exposureParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await knowledge.exposures.clearDecision(actorOf(request), request.params.id, request.params.vulnId);
      return reply.status(204).send(null);
    });

    const node = z.string().regex(new RegExp(`^(${nodeKinds.join('|')}):.+`), '<kind>:<id>, kind one of ' + nodeKinds.join(', ')).max(300);

    app.get('/kb/vendors', {
      schema: { tags: ['knowledge'], summary: 'Vendors (normalized), with product and vulnerability counts', querystring: vendorQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await explore.vendors(actorOf(request), request.query.q) }));

    app.get('/kb/vendors/:id', {
      schema: { tags: ['knowledge'], summary: 'A vendor and its products', params: idParams, response: { 200: body, ...commonErrors } },
    }, async (request) => explore.vendor(actorOf(request), request.params.id));

    app.get('/kb/products', {
      schema: { tags: ['knowledge'], summary: 'A product and the vulnerabilities that affect it', querystring: productQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => explore.product(actorOf(request), request.query.id));

    app.get('/kb/attack/matrix', {
      schema: { tags: ['knowledge'], summary: 'ATT&CK for ICS matrix with mitigation coverage and relevance to your inventory', response: { 200: body, ...commonErrors } },
    }, async (request) => explore.attackMatrix(actorOf(request)));

    app.get('/kb/graph', {
      schema: {
        tags: ['knowledge'],
        summary: 'Knowledge graph: the neighbourhood of an entity (depth 1–3; at most `limit` neighbours per relation, the rest as "N more" nodes), or the shortest path to another',
        querystring: z.strictObject({ node, depth: z.coerce.number().int().min(1).max(3).optional(), to: node.optional(), limit: z.coerce.number().int().min(1).max(40).optional() }),
        response: { 200: body, ...commonErrors },
      },
    }, async (request) => {
      const { node: start, depth, to, limit } = request.query;
      return to === undefined ? boundedNeighbourhood(explore, actorOf(request), start, depth ?? 1, { perRelation: limit }) : explore.path(actorOf(request), start, to);
    });
  };
}
