import type { Actor } from '../../../platform/access.js';
import type { NotifyClient } from './client-port.js';
import type { NotificationService } from './notify.service.js';

/** The notification commands on the database in-process, as the local operator. */
export function localNotifyClient(service: NotificationService, actor: Actor): NotifyClient {
  return {
    listChannels: (orgId) => service.channels.list(actor, orgId),
    addChannel: (input) => service.channels.create(actor, input),
    testChannel: (id) => service.channels.test(actor, id),
    removeChannel: (id) => service.channels.remove(actor, id),
    deliveries: (id, limit) => service.channels.deliveries(actor, id, limit),
    listRules: (orgId) => service.rules.list(actor, orgId),
    addRule: (input) => service.rules.create(actor, input),
    removeRule: (id) => service.rules.remove(actor, id),
  };
}
