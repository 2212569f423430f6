// Alert notifications: where an organisation wants to hear about alerts (channels), which alerts
// (notification rules), and what happened to each message (deliveries).
import type { AlertSeverity } from '../types.js';

export const channelKinds = ['webhook', 'email', 'mqtt'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** What a channel is configured with, its secret left out (sealed at rest, never answered). */
export type ChannelConfig =
  | { readonly kind: 'webhook'; readonly url: string }
  | { readonly kind: 'email'; readonly host: string; readonly port: number; readonly secure: boolean; readonly username: string | null; readonly from: string; readonly to: readonly string[] }
  | { readonly kind: 'mqtt'; readonly url: string; readonly topic: string; readonly username: string | null; readonly qos: 0 | 1 };

export interface AlertChannel {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly kind: ChannelKind;
  readonly config: ChannelConfig;
  /** A webhook's signing key or a password is set (it is never shown). */
  readonly hasSecret: boolean;
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NotificationRule {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  /** Alerts of these rules (`<rule id>`, `indicator:<stix id>`, `knowledge:kev` ...); empty: any rule. */
  readonly ruleIds: readonly string[];
  /** Alerts with one of these techniques; empty: any. */
  readonly techniques: readonly string[];
  readonly minSeverity: AlertSeverity;
  readonly channelIds: readonly string[];
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface Delivery {
  readonly id: string;
  readonly alertId: string;
  readonly channelId: string;
  readonly notificationRuleId: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

/** What a channel sends: the alert as JSON (webhook body, MQTT payload) or as text (e-mail). */
export interface AlertMessage {
  readonly type: 'alert' | 'test';
  readonly alert: {
    readonly id: string;
    readonly orgId: string;
    readonly ruleId: string;
    readonly ruleTitle: string;
    readonly severity: AlertSeverity;
    readonly entity: string;
    readonly techniques: readonly string[];
    readonly count: number;
    readonly firstSeen: string;
    readonly lastSeen: string;
  };
  readonly notificationRule: string | null;
}
