// Event import jobs as others see them (the HTTP assembly, tests).
export * from './types.js';
export { createEventImportService, type EventImportService, type EventImportServiceOptions } from './imports.service.js';
export { eventImportRoutes, eventImportMediaTypes } from './routes.js';
