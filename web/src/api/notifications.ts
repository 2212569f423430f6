// Alert channels and notification rules as the console reads them; types mirror
// src/modules/detection/notify/types.ts.
import { apiUrl, request, requestNoContent } from './client';

export type ChannelKind = 'webhook' | 'email' | 'mqtt';
export type AlertSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const alertSeverityList: readonly AlertSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface AlertChannel {
  readonly id: string;
  readonly name: string;
  readonly kind: ChannelKind;
  readonly config: { readonly kind: ChannelKind; readonly url?: string; readonly host?: string; readonly port?: number; readonly to?: readonly string[]; readonly topic?: string };
  readonly hasSecret: boolean;
  readonly enabled: boolean;
}

export interface NotificationRule {
  readonly id: string;
  readonly name: string;
  readonly ruleIds: readonly string[];
  readonly techniques: readonly string[];
  readonly minSeverity: AlertSeverity;
  readonly channelIds: readonly string[];
  readonly enabled: boolean;
}

export type ChannelInput =
  | { readonly kind: 'webhook'; readonly name: string; readonly url: string; readonly secret: string }
  | { readonly kind: 'email'; readonly name: string; readonly host: string; readonly port: number; readonly from: string; readonly to: readonly string[]; readonly username?: string; readonly password?: string }
  | { readonly kind: 'mqtt'; readonly name: string; readonly url: string; readonly topic: string; readonly username?: string; readonly password?: string };

export const listChannels = (signal?: AbortSignal) => request<{ items: AlertChannel[] }>(apiUrl('/alert-channels'), signal === undefined ? {} : { signal });
export const addChannel = (input: ChannelInput) => request<AlertChannel>(apiUrl('/alert-channels'), { method: 'POST', json: input });
export const testChannel = (id: string) => request<{ ok: boolean; error: string | null; ms: number }>(apiUrl(`/alert-channels/${encodeURIComponent(id)}/test`), { method: 'POST', json: {} });
export const removeChannel = (id: string) => requestNoContent(apiUrl(`/alert-channels/${encodeURIComponent(id)}`), { method: 'DELETE' });
export const listNotificationRules = (signal?: AbortSignal) => request<{ items: NotificationRule[] }>(apiUrl('/alert-notification-rules'), signal === undefined ? {} : { signal });
export const addNotificationRule = (input: { name: string; techniques?: string[]; minSeverity: AlertSeverity; channelIds: string[] }) =>
  request<NotificationRule>(apiUrl('/alert-notification-rules'), { method: 'POST', json: input });
