// Routes as the OpenAPI document declares them, and as the router really holds them, so that a
// generated suite covers every route and a route missing from the document is noticed.
import type { FastifyInstance } from 'fastify';

/** The part of JSON Schema (as fastify-type-provider-zod emits it) that the fuzz suite reads. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly default?: unknown;
  readonly $ref?: string;
}

export interface Parameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  readonly method: HttpMethod;
  /** As the document writes it: /api/v1/assets/{id}. */
  readonly path: string;
  readonly pathParams: readonly Parameter[];
  readonly queryParams: readonly Parameter[];
  /** The JSON body's schema, when the route reads a JSON body. */
  readonly body: JsonSchema | undefined;
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { parameters?: Array<Parameter & { in: string }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  readonly components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the document, with `$ref`s resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref === undefined) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (target === undefined) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target);
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) }));
      const json = op.requestBody?.content['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as HttpMethod,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: json === undefined ? undefined : resolve(json),
      });
    }
  }
  return operations;
}

/** Turns /api/v1/assets/{id} into the router's /api/v1/assets/:id. */
export const routerPath = (openApiPath: string): string => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

export interface RouterRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * Every route the router holds (HEAD excepted: Fastify adds it beside each GET), read from
 * printRoutes' tree: each line is one node, its depth given by the width of the tree drawing.
 */
export function routerRoutes(app: FastifyInstance): RouterRoute[] {
  const routes: RouterRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const url = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) routes.push({ method, url });
  }
  // A parser that misread the drawing would name routes the router does not have.
  for (const r of routes) {
    if (r.url.endsWith('*')) continue; // hasRoute does not match wildcards by their own spelling
    if (!app.hasRoute({ method: r.method as HttpMethod, url: r.url })) throw new Error(`printRoutes misread: ${r.method} ${r.url}`);
  }
  return routes;
}
