/** Where the parts of a capture job live in the console. */
export const captureViews = ['summary', 'inventory', 'communications', 'operations'] as const;
export type CaptureView = (typeof captureViews)[number];

export function isCaptureView(value: string): value is CaptureView {
  return (captureViews as readonly string[]).includes(value);
}

export function capturePath(id: string, view: CaptureView = 'summary', query: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams(view === 'summary' ? query : { view, ...query }).toString();
  return `/capture/${encodeURIComponent(id)}${params === '' ? '' : `?${params}`}`;
}

