// What `bulwark alerts channels ...` needs, locally (in-process, as the operator) or from a server.
import type { ChannelInput, NotificationRuleInput } from './schemas.js';
import type { AlertChannel, Delivery, NotificationRule } from './types.js';

export interface NotifyClient {
  listChannels(orgId: string | undefined): Promise<AlertChannel[]>;
  addChannel(input: ChannelInput): Promise<AlertChannel>;
  testChannel(id: string): Promise<{ ok: boolean; error: string | null; ms: number }>;
  removeChannel(id: string): Promise<void>;
  deliveries(id: string, limit?: number): Promise<Delivery[]>;
  listRules(orgId: string | undefined): Promise<NotificationRule[]>;
  addRule(input: NotificationRuleInput): Promise<NotificationRule>;
  removeRule(id: string): Promise<void>;
}
