// /api/v1/playbooks: thin (validate the envelope, call the service). Import answers 400 with every
// problem of the document in error.details, each with its JSON Pointer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { PlaybookService } from './playbook.service.js';
import { playbookDeleteQuery, playbookDocument, playbookExportQuery, playbookIdParams, playbookImportQuery, playbookListQuery, playbookShowQuery } from './schemas.js';

// Read models are documented loosely; inputs are strict.
const body = z.any();
const tags = ['response'];

export function playbookRoutes(service: PlaybookService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/playbooks', {
      schema: { tags, summary: 'CACAO playbooks you may see (your organisation’s, and those shared upward to you at CLEAR, GREEN or AMBER): the latest version of each', querystring: playbookListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.list(actorOf(request), request.query) }));

    app.post('/playbooks', {
      schema: { tags, summary: 'Import a CACAO 2.0 playbook (the JSON document as body). Same id and modified again: nothing changes; other content under a stored version: 409; invalid: 400 with every problem and its JSON Pointer; signatures must verify (admins, analysts)', querystring: playbookImportQuery, body: playbookDocument, response: { 200: body, 201: body, ...commonErrors, 409: body } },
    }, async (request, reply) => {
      const result = await service.import(actorOf(request), request.body, { tlp: request.query.tlp, sharedUpward: request.query.shared });
      return reply.status(result.created ? 201 : 200).send(result);
    });

    app.post('/playbooks/validate', {
      schema: { tags, summary: 'Validate a CACAO 2.0 playbook without storing it: every problem with its JSON Pointer (200 either way)', body: playbookDocument, response: { 200: body, ...commonErrors } },
    }, async (request) => service.validate(request.body, actorOf(request)));

    app.get('/playbooks/:id', {
      schema: { tags, summary: 'One playbook: the latest version, or ?modified= for another; authentication secrets are blank', params: playbookIdParams, querystring: playbookShowQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.show(actorOf(request), request.params.id, request.query.modified));

    app.get('/playbooks/:id/versions', {
      schema: { tags, summary: 'Versions of a playbook you may see, newest first', params: playbookIdParams, querystring: z.strictObject({}), response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.versions(actorOf(request), request.params.id) }));

    app.get('/playbooks/:id/export', {
      schema: { tags, summary: 'The CACAO document of a version; secrets=true puts authentication secrets back (admins of the owning organisation); sign=true signs it with the operator’s key (JSS)', params: playbookIdParams, querystring: playbookExportQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.export(actorOf(request), request.params.id, request.query));

    app.delete('/playbooks/:id', {
      schema: { tags, summary: 'Delete a playbook of your organisation (every version, or ?modified= one) (admins, analysts)', params: playbookIdParams, querystring: playbookDeleteQuery, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await service.delete(actorOf(request), request.params.id, request.query.modified);
      return reply.status(204).send(null);
    });
  };
}
