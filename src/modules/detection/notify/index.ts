// Alert notifications: channels, rules, the notifier loop and its routes.
export { createNotificationService, type NotificationService, type NotificationServiceOptions } from './notify.service.js';
export { createNotifier, selects, type Notifier, type NotifierOptions } from './notifier.js';
export { notificationRoutes } from './routes.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody, verifySignature } from './senders.js';
export type * from './types.js';
