export { ServiceCatalogueCache, type CatalogueSource } from './catalogueCache';
export { ServiceDesk, type ServiceResult } from './serviceDesk';
export { catalogueReadiness, serviceProcedures, wireServiceDesk } from './procedures';
