/** The demo's dev dock, core side. start.ts imports this only when a lab or an embedded central runs. */
export { DevDockService } from './service';
export { dockCentralOf } from './embeddedCentral';
