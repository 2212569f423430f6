export { createCaptureService, type CaptureService } from './capture.service.js';
export { captureRoutes } from './routes.js';
