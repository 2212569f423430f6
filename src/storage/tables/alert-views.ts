import type { CreatedAt, Json } from './columns.js';

/** An alert queue's filters saved under a name by one person. */
export interface AlertViewsTable {
  id: string;
  user_id: string;
  name: string;
  filter: Json;
  created_at: CreatedAt;
}
