import { checkServiceInputs } from '../../../common/rules';
import type { Result } from '../../../common/result';
import type { FormEntry, InquiryEntry, ResultSection } from '../../../common/wire/catalogue';
import type { ServiceEvent, ServiceStep, ServiceView, PickRow, ResultSectionView } from '../../contract/catalogue';
import { KioskError } from '../../contract/errors';
import type { Language } from '../../contract/session';
import type { Logger } from '../log';
import type { JourneyPorts } from '../journeys/ports';
import type { CitizenCallError } from '../sync';
import type { ServiceCatalogueCache } from './catalogueCache';
import { readCells, readResult, tableRows } from './resultView';

interface ServiceDeskOptions {
  catalogue: ServiceCatalogueCache;
  ports: Pick<JourneyPorts, 'callCitizen' | 'newTransactionId'>;
  /** The signed-in person's session token (null: nobody is signed in). */
  citizenToken: () => string | null;
  language: () => Language | null;
  luhn: () => boolean;
  log: Logger;
  onChange: () => void;
}

/** The result on screen, for its receipt: the entry, what the screen shows and the transaction it came from. */
export interface ServiceResult {
  entry: InquiryEntry | FormEntry;
  sections: ResultSectionView[];
  reference: string;
}

interface Run {
  entry: InquiryEntry | FormEntry;
  step: ServiceStep;
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  result: ResultSectionView[] | null;
  /** Form: the source table's rows as central sent them (the picked row's key is sent back, never shown whole). */
  raw: Record<string, unknown>[];
  rows: PickRow[] | null;
  pickEmpty: ServiceView['pickEmpty'];
  chosen: number | null;
  error: ServiceView['error'];
  failedAt: 'load' | 'submit' | null;
  /** The transaction id of the call whose answer is on screen (a form's is kept for a retry: central applies it once). */
  reference: string | null;
}

function failure(error: CitizenCallError): { code: string; retryable: boolean } {
  if (error.type === 'centralUnavailable') return { code: 'central_unavailable', retryable: true };
  if (error.type === 'problem') return { code: error.code, retryable: false };
  return { code: 'invalid_answer', retryable: true };
}

/**
 * The one engine every `inquiry` and `form` of the catalogue runs on (issue
 * 14): inputs checked by the shared rules the entry names, central asked
 * through the two generic routes, its answer read with the entry's layout.
 * Signed-in only, one at a time, dropped whole when the person leaves it or
 * the session ends. Adding an inquiry is a catalogue entry and a central
 * endpoint: nothing here names a service.
 */
export class ServiceDesk {
  private run: Run | null = null;
  /** Each run's number: an answer for a run that is gone is dropped. */
  private generation = 0;

  constructor(private readonly options: ServiceDeskOptions) {}

  start(serviceId: string): void {
    const token = this.options.citizenToken();
    if (!token) throw new KioskError('not_allowed', 'inquiries and forms are for a signed-in person');
    const entry = this.options.catalogue.entry(serviceId);
    if (!entry || (entry.kind !== 'inquiry' && entry.kind !== 'form')) throw new KioskError('not_allowed', `${serviceId} is not an inquiry or form of the catalogue`);
    this.generation += 1;
    this.run = { entry, step: 'loading', values: {}, fieldErrors: {}, result: null, raw: [], rows: null, pickEmpty: null, chosen: null, error: null, failedAt: null, reference: null };
    if (entry.kind === 'inquiry' && entry.inputs.length > 0) this.go({ step: 'inputs' });
    else this.load();
  }

  send(event: ServiceEvent): void {
    const run = this.run;
    if (!run) throw new KioskError('not_allowed', 'no inquiry or form is under way');
    const refuse = (): never => {
      throw new KioskError('not_allowed', `${event.type} is not accepted at ${run.entry.id}.${run.step}`);
    };
    switch (event.type) {
      case 'SUBMIT_INPUTS': {
        if (run.step !== 'inputs' && run.step !== 'form') return refuse();
        const fields = run.entry.inputs;
        const checked = checkServiceInputs(fields, event.inputs, { luhn: this.options.luhn() });
        const typed = Object.fromEntries(fields.map((f) => [f.key, event.inputs[f.key] ?? '']));
        if (!checked.ok) return this.go({ values: typed, fieldErrors: checked.fields });
        if (run.step === 'inputs') {
          this.go({ values: checked.values, fieldErrors: {} });
          return this.load();
        }
        return this.go({ values: checked.values, fieldErrors: {}, step: 'confirm', reference: null });
      }
      case 'PICK': {
        const row = run.rows?.[event.row];
        if (run.step !== 'pick' || !row) return refuse();
        if (!row.eligible) throw new KioskError('not_allowed', 'this row cannot be chosen');
        return this.go({ chosen: event.row, step: 'form', values: {}, fieldErrors: {} });
      }
      case 'CONFIRM':
        if (run.step !== 'confirm') return refuse();
        return this.submit();
      case 'BACK': {
        const back: Partial<Record<ServiceStep, ServiceStep>> = { result: run.entry.inputs.length > 0 && run.entry.kind === 'inquiry' ? 'inputs' : undefined, form: 'pick', confirm: 'form' };
        const to = back[run.step];
        if (!to) return refuse();
        return this.go({ step: to, error: null, ...(to === 'pick' ? { chosen: null } : {}) });
      }
      case 'RETRY':
        if (run.step !== 'failed' || !run.error?.retryable) return refuse();
        return run.failedAt === 'submit' ? this.submit() : this.load();
    }
  }

  /** The person left it: back to their services, nothing of it kept. */
  close(): void {
    if (!this.run) throw new KioskError('not_allowed', 'no inquiry or form is under way');
    this.forget();
  }

  /** Session over or signed out: every value of the person is dropped. */
  forget(): void {
    if (!this.run) return;
    this.run = null;
    this.generation += 1;
    this.options.onChange();
  }

  view(): ServiceView | null {
    const run = this.run;
    if (!run) return null;
    return {
      service: run.entry.id,
      kind: run.entry.kind,
      title: run.entry.title,
      step: run.step,
      busy: run.step === 'loading' || run.step === 'submitting',
      inputs: run.entry.inputs.map((f) => ({ ...f, ...(f.options ? { options: f.options.map((o) => ({ ...o })) } : {}) })),
      values: { ...run.values },
      fieldErrors: { ...run.fieldErrors },
      result: run.result,
      rows: run.rows,
      pickEmpty: run.pickEmpty,
      chosen: run.chosen,
      confirm: run.entry.kind === 'form' ? run.entry.confirm : null,
      error: run.error,
      receipt: run.entry.receipt && (run.step === 'result' || run.step === 'done'),
    };
  }

  /** The result on screen (null while none is). */
  result(): ServiceResult | null {
    const run = this.run;
    if (!run?.result || !run.reference || (run.step !== 'result' && run.step !== 'done')) return null;
    return { entry: run.entry, sections: run.result, reference: run.reference };
  }

  private go(change: Partial<Run>): void {
    if (!this.run) return;
    this.run = { ...this.run, ...change };
    this.options.onChange();
  }

  /** The inquiry itself, or the one a form picks its row from. */
  private load(): void {
    const run = this.run;
    if (!run) return;
    const source = run.entry.kind === 'form' ? this.options.catalogue.entry(run.entry.pick.inquiry) : run.entry;
    if (source?.kind !== 'inquiry') return this.go({ step: 'failed', error: { code: 'service_not_found', retryable: false }, failedAt: 'load' });
    const reference = this.options.ports.newTransactionId();
    const inputs = run.entry.kind === 'inquiry' ? run.values : {};
    this.go({ step: 'loading', error: null, reference });
    void this.ask(reference, (token) =>
      this.options.ports.callCitizen({ route: 'runInquiry', idempotencyKey: reference, sessionToken: token, ...this.lang(), params: { serviceId: source.id }, body: { inputs } }),
    ).then((answer) => {
      if (!answer) return;
      if (run.entry.kind === 'inquiry') return this.show(run.entry.result, answer, 'result');
      this.pickFrom(run.entry, source, answer);
    });
  }

  private submit(): void {
    const run = this.run;
    if (!run || run.entry.kind !== 'form' || run.chosen === null) return;
    const form = run.entry;
    const key = run.raw[run.chosen]?.[form.pick.rowKey];
    if (typeof key !== 'string' && typeof key !== 'number') return this.go({ step: 'failed', error: { code: 'invalid_answer', retryable: false }, failedAt: 'submit' });
    // The same transaction id on a retry: central applies the form once.
    const reference = run.failedAt === 'submit' && run.reference ? run.reference : this.options.ports.newTransactionId();
    this.go({ step: 'submitting', error: null, reference });
    const inputs = { ...run.values, [form.pick.rowKey]: String(key) };
    void this.ask(reference, (token) =>
      this.options.ports.callCitizen({ route: 'submitForm', idempotencyKey: reference, sessionToken: token, ...this.lang(), params: { serviceId: form.id }, body: { inputs } }),
    ).then((answer) => {
      if (answer) this.show(form.result, answer, 'done');
    });
  }

  private lang(): { language?: Language } {
    const language = this.options.language();
    return language ? { language } : {};
  }

  /** One call for the current run: its answer, or null when it failed (shown) or the run is gone. */
  private async ask(reference: string, call: (token: string) => Promise<Result<unknown, CitizenCallError>>): Promise<unknown> {
    const generation = this.generation;
    const failedAt = this.run?.step === 'submitting' ? 'submit' : 'load';
    const token = this.options.citizenToken();
    if (!token) {
      this.go({ step: 'failed', error: { code: 'session_invalid', retryable: false }, failedAt });
      return null;
    }
    const answer = await call(token);
    if (generation !== this.generation || this.run?.reference !== reference) return null;
    if (answer.ok) return answer.value;
    this.options.log.info({ event: 'service.failed', service: this.run.entry.id, error: answer.error.type, code: answer.error.type === 'problem' ? answer.error.code : undefined }, 'inquiry or form refused');
    this.go({ step: 'failed', error: failure(answer.error), failedAt });
    return null;
  }

  private show(layout: readonly ResultSection[], answer: unknown, step: 'result' | 'done'): void {
    const read = readResult(layout, answer);
    if (!read.ok) {
      this.options.log.warn({ event: 'service.invalidAnswer', service: this.run?.entry.id, detail: read.error }, 'central answer does not fit the result layout');
      return this.go({ step: 'failed', error: { code: 'invalid_answer', retryable: true }, failedAt: step === 'done' ? 'submit' : 'load' });
    }
    this.go({ step, result: read.value, failedAt: null });
  }

  private pickFrom(form: FormEntry, source: InquiryEntry, answer: unknown): void {
    const table = source.result.find((s) => s.type === 'table' && s.key === form.pick.table);
    const rows = tableRows(answer, form.pick.table);
    if (!table || table.type !== 'table' || !rows.ok) return this.go({ step: 'failed', error: { code: 'invalid_answer', retryable: true }, failedAt: 'load' });
    const picked: PickRow[] = [];
    for (const row of rows.value) {
      const cells = readCells(table.columns, row);
      if (!cells.ok) return this.go({ step: 'failed', error: { code: 'invalid_answer', retryable: true }, failedAt: 'load' });
      const reason = row[form.pick.reasonKey];
      picked.push({ cells: cells.value, eligible: row[form.pick.eligibleKey] === true, reason: typeof reason === 'string' ? (form.pick.reasons[reason] ?? null) : null });
    }
    this.go({ step: 'pick', raw: rows.value, rows: picked, pickEmpty: table.empty, chosen: null, failedAt: null });
  }
}
