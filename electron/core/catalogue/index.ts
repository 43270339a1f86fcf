export { ServiceCatalogueCache,  } from './catalogueCache';
export { ServiceDesk,  } from './serviceDesk';
export {  serviceProcedures, wireServiceDesk } from './procedures';
