export { createCaptureService, type CaptureService } from './capture.service.js';
export { captureRoutes } from './routes.js';
export { assetActivity } from './asset-appearances.js';
export type { AssetAppearance, AssetCaptureActivity, AssetCommunication, AssetOperation } from './asset-activity.js';
export { conflictSchema } from './schemas.js';
export { createLiveAnalysis, type LiveAnalysis, type LiveAnalysisOptions } from './live-analysis.js';
export type { CommunicationPair, DiscoveredHost, OperationRecord } from './analysis/types.js';
export { evidenceFile, readFrames, type EvidencePacket } from './evidence.js';
