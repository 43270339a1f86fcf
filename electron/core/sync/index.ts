export { SyncService } from './syncService';
export { openKioskData, startSync } from './startSync';
export type { KioskData } from './startSync';
export { statusFromSnapshot } from './heartbeatStatus';
export type { AnyCitizenCall, CitizenCall, CitizenCallError, CitizenRoute } from './citizenCalls';
export { answerSchema, routePath } from './route';
export type { RouteAnswer, RouteInput } from './route';
