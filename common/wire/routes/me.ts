import * as citizen from '../citizen';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { OPEN_WITH_TEMPORARY_PASSWORD, signedInCitizen } from './security';

/** The signed-in citizen: profile and inquiries (the changes are in ./edits.ts). */
export const meRoutes = defineRoutes(signedInCitizen('me'), {
  getProfile: {
    method: 'GET',
    url: '/v1/citizens/me',
    config: OPEN_WITH_TEMPORARY_PASSWORD,
    summary: 'The signed-in citizen’s profile',
    headers: citizen.citizenReadHeadersSchema,
    response: { 200: citizen.profileSchema, ...problems(...MTLS, 429) },
  },
  listVisas: {
    method: 'GET',
    url: '/v1/citizens/me/visas',
    summary: 'Exit/re-entry visas (حالة تأشيرة الخروج والعودة)',
    headers: citizen.citizenReadHeadersSchema,
    response: { 200: citizen.visaListSchema, ...problems(...MTLS, 429) },
  },
  listViolations: {
    method: 'GET',
    url: '/v1/citizens/me/violations',
    summary: 'Traffic violations (المخالفات المرورية)',
    headers: citizen.citizenReadHeadersSchema,
    response: { 200: citizen.violationListSchema, ...problems(...MTLS, 429) },
  },
  objectToViolation: {
    method: 'POST',
    url: '/v1/citizens/me/violations/:violationNumber/objection',
    summary: 'Object to an unpaid violation (الاعتراض على المخالفات)',
    params: citizen.violationParamsSchema,
    body: citizen.objectionSchema,
    response: { 201: citizen.objectionFiledSchema, ...problems(...MTLS, 404, 409, 429, ...BODY) },
  },
  listDocuments: {
    method: 'GET',
    url: '/v1/citizens/me/documents',
    summary: 'Document validity',
    headers: citizen.citizenReadHeadersSchema,
    response: { 200: citizen.documentListSchema, ...problems(...MTLS, 429) },
  },
});
