import * as catalogue from '../catalogue';
import { ifNoneMatchHeaders, notModified } from './conditional';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { KIOSK, signedInCitizen } from './security';

/**
 * The service catalogue (issue 14) and the two generic routes its `inquiry`
 * and `form` services run on: which one is named in the path, and central
 * answers with the document the entry's result layout reads.
 */
export const catalogueRoutes = defineRoutes(signedInCitizen('me'), {
  getServiceCatalogue: {
    method: 'GET',
    url: '/v1/kiosks/catalogue',
    tag: 'kiosk',
    config: {
      access: 'kiosk',
      rateLimitClass: 'none',
      rateLimitExemption:
        'Fetched when the configuration names a new catalogue version, and answered 304 from memory while the ETag is current; changes nothing.',
    },
    summary: 'The versioned service catalogue',
    description: 'Answers with an ETag; send it back as If-None-Match to get 304 Not Modified while unchanged. Its version is also in the kiosk configuration (catalogueVersion), so a kiosk refreshes it with its configuration.',
    security: KIOSK,
    headers: ifNoneMatchHeaders,
    response: {
      200: catalogue.serviceCatalogueSchema,
      ...notModified,
      ...problems(...MTLS),
    },
  },
  runInquiry: {
    method: 'POST',
    url: '/v1/citizens/me/inquiries/:serviceId',
    summary: 'Run one inquiry of the catalogue (استعلامات) for the signed-in person',
    description: 'A read: nothing changes (the Idempotency-Key, as on every citizen POST, names the transaction a receipt of the result would carry). 404 service_not_found for a service that is not an inquiry; 403 service_not_for_you when the audience does not match; 422 input_invalid with the fields.',
    params: catalogue.serviceParamsSchema,
    body: catalogue.serviceInputsSchema,
    response: { 200: catalogue.serviceAnswerSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  submitForm: {
    method: 'POST',
    url: '/v1/citizens/me/forms/:serviceId',
    summary: 'Submit one form of the catalogue (e.g. an objection to a traffic violation)',
    description: 'Applied once per Idempotency-Key. 409 objection_not_allowed / objection_exists when the rules refuse it.',
    params: catalogue.serviceParamsSchema,
    body: catalogue.serviceInputsSchema,
    response: { 201: catalogue.serviceAnswerSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
});
