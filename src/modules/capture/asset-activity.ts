// What the captures say about one asset, as the asset page shows it (types only: the console reads them too).

export interface AssetAppearance {
  readonly jobId: string;
  readonly jobName: string;
  readonly capturedAt: string;
  readonly hostKey: string;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly deviceType: string | null;
  readonly serves: string[];
  readonly uses: string[];
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface AssetCommunication {
  readonly jobId: string;
  readonly peer: string;
  /** Whether the asset was the client (it opened the conversations) or the server. */
  readonly role: 'client' | 'server';
  readonly transport: string;
  readonly port: number | null;
  readonly protocol: string | null;
  readonly packets: number;
  readonly bytes: number;
  readonly lastSeen: string;
}

export interface AssetOperation {
  readonly jobId: string;
  readonly time: string;
  readonly protocol: string;
  readonly operation: string;
  readonly name: string;
  readonly source: string;
  readonly destination: string;
  readonly target: string | null;
  readonly result: string | null;
  readonly count: number;
}

export interface AssetCaptureActivity {
  readonly captures: AssetAppearance[];
  readonly communications: AssetCommunication[];
  readonly operations: AssetOperation[];
}
