import * as citizen from '../citizen';
import { BODY, MTLS, problems } from './problems';
import { CITIZEN } from './security';

/** Every citizen action: its Idempotency-Key and the session's language (Accept-Language). */
const action = citizen.citizenHeadersSchema;

/** The signed-in citizen: profile and inquiries (the changes are in ./edits.ts). */
export const meRoutes = {
  getProfile: {
    method: 'GET',
    url: '/v1/citizens/me',
    config: { access: 'citizen', rateLimitClass: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'getProfile',
      tags: ['me'],
      summary: 'The signed-in citizen’s profile',
      security: CITIZEN,
      headers: citizen.citizenReadHeadersSchema,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 429) },
    },
  },
  listVisas: {
    method: 'GET',
    url: '/v1/citizens/me/visas',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'listVisas',
      tags: ['me'],
      summary: 'Exit/re-entry visas (حالة تأشيرة الخروج والعودة)',
      security: CITIZEN,
      headers: citizen.citizenReadHeadersSchema,
      response: { 200: citizen.visaListSchema, ...problems(...MTLS, 429) },
    },
  },
  listViolations: {
    method: 'GET',
    url: '/v1/citizens/me/violations',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'listViolations',
      tags: ['me'],
      summary: 'Traffic violations (المخالفات المرورية)',
      security: CITIZEN,
      headers: citizen.citizenReadHeadersSchema,
      response: { 200: citizen.violationListSchema, ...problems(...MTLS, 429) },
    },
  },
  objectToViolation: {
    method: 'POST',
    url: '/v1/citizens/me/violations/:violationNumber/objection',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'objectToViolation',
      tags: ['me'],
      summary: 'Object to an unpaid violation (الاعتراض على المخالفات)',
      security: CITIZEN,
      headers: action,
      params: citizen.violationParamsSchema,
      body: citizen.objectionSchema,
      response: { 201: citizen.objectionFiledSchema, ...problems(...MTLS, 404, 409, 429, ...BODY) },
    },
  },
  listDocuments: {
    method: 'GET',
    url: '/v1/citizens/me/documents',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'listDocuments',
      tags: ['me'],
      summary: 'Document validity',
      security: CITIZEN,
      headers: citizen.citizenReadHeadersSchema,
      response: { 200: citizen.documentListSchema, ...problems(...MTLS, 429) },
    },
  },
} as const;
