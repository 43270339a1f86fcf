import type { LocalizedText } from './journeys';
import type { NoInput } from './noInput';

/**
 * The service catalogue as the renderer draws it (issue 14): what central
 * published, validated by the core, without the parts only the core needs
 * (endpoints, result layouts). Every `inquiry` and `form` runs on one engine
 * in the core, whose screen is `snapshot.service`; a `portal` service is
 * explained with a QR code the core drew.
 */

export type CatalogueKind = 'journey' | 'inquiry' | 'form' | 'portal';
export type CatalogueAudience = 'anyone' | 'signedIn' | 'citizen' | 'resident';

/** A QR code's modules, row by row ('1' dark, '0' light), to draw as SVG rects. */
export interface QrMatrix {
  size: number;
  rows: string[];
}

export interface CatalogueTile {
  id: string;
  group: string;
  kind: CatalogueKind;
  audience: CatalogueAudience;
  title: LocalizedText;
  description: LocalizedText;
  icon: string;
  keywords: string[];
  /** `portal`: what the person needs, the portal page and its QR code. */
  portal?: { needs: LocalizedText[]; url: string; qr: QrMatrix };
}

export interface CatalogueView {
  /** null: no catalogue from central yet (the kiosk lists its built-in journeys). */
  version: string | null;
  /** In the catalogue's order, group by group. */
  groups: string[];
  services: CatalogueTile[];
}

export type ValueTone = 'ok' | 'warning' | 'problem' | 'neutral';

/** One value of a result, typed and checked by the core; masked numbers arrive masked. */
export type ResultValue =
  | { type: 'text' | 'maskedNumber'; text: string }
  | { type: 'localized'; text: LocalizedText }
  | { type: 'date'; date: string }
  | { type: 'money'; amount: number }
  | { type: 'number' | 'days'; count: number }
  | { type: 'status'; status: string; label: LocalizedText; tone: ValueTone }
  | { type: 'none' };

export interface ResultCell {
  key: string;
  label: LocalizedText;
  value: ResultValue;
}

export type ResultSectionView =
  | { type: 'fields'; title?: LocalizedText; fields: ResultCell[] }
  | { type: 'table'; key: string; title?: LocalizedText; rows: ResultCell[][]; empty: LocalizedText };

export interface ServiceInputView {
  key: string;
  label: LocalizedText;
  hint?: LocalizedText;
  rule: 'idNumber' | 'mobile' | 'digits' | 'freeText' | 'choice';
  length?: number;
  optional?: boolean;
  options?: { value: string; label: LocalizedText }[];
}

/** A row a form can be about, as the inquiry it comes from shows it, and whether it may be chosen. */
export interface PickRow {
  cells: ResultCell[];
  eligible: boolean;
  reason: LocalizedText | null;
}

export type ServiceStep = 'inputs' | 'loading' | 'result' | 'pick' | 'form' | 'confirm' | 'submitting' | 'done' | 'failed';

/** The inquiry or form on screen (`snapshot.service`): never a secret, masked numbers only. */
export interface ServiceView {
  service: string;
  kind: 'inquiry' | 'form';
  title: LocalizedText;
  step: ServiceStep;
  busy: boolean;
  inputs: ServiceInputView[];
  /** What was typed, as the core normalised it (echoed back so the screen keeps it). */
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  /** `result` / `done`: the answer laid out. */
  result: ResultSectionView[] | null;
  /** `pick`: the rows of the source inquiry; `chosen` the one picked (form, confirm). */
  rows: PickRow[] | null;
  /** `pick` with no row: what the source inquiry says when it has none. */
  pickEmpty: LocalizedText | null;
  chosen: number | null;
  confirm: LocalizedText | null;
  /** `failed`: central's problem code or the kiosk's own (`central_unavailable`, `invalid_answer`). */
  error: { code: string; retryable: boolean } | null;
  /** The result can be printed / sent by SMS (see `snapshot.receipt`). */
  receipt: boolean;
}

export type ServiceEvent =
  | { type: 'SUBMIT_INPUTS'; inputs: Record<string, string> }
  | { type: 'PICK'; row: number }
  | { type: 'CONFIRM' }
  | { type: 'BACK' }
  | { type: 'RETRY' };

export interface ServiceProcedureInputs {
  /** The catalogue as the core holds it now (it changes with `snapshot.catalogueVersion`). */
  getCatalogue: NoInput;
  /** Begin an inquiry or a form of the catalogue; signed in, and only one the catalogue offers now. */
  startService: { service: string };
  serviceEvent: ServiceEvent;
  /** Leave the inquiry or form (back to the signed-in services); its result is dropped. */
  closeService: NoInput;
}
