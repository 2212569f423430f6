import { lazy } from 'react';

// Its own chunk: the console's first load carries none of it.
export const NotificationsPage = lazy(async () => ({ default: (await import('./notifications-page')).NotificationsPage }));
