import { ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { appendAudit } from '../store/auditLog';
import type { Tx, TxWork } from '../store/statements';
import type { Store } from '../store/store';
import type { CentralError } from './centralError';
import type { ConfigFetch } from './centralClient';

/** Asks central for the document, conditionally when given the ETag of the copy in use. */
export type DocumentFetch = (etag: string | null) => Promise<Result<ConfigFetch, CentralError>>;

export type DocumentRefresh =
  | { status: 'unchanged'; version: string | null }
  | { status: 'applied'; version: string }
  | { status: 'rejected'; version: string | null; reasons: string[] };

/** The copy the kiosk keeps: its ETag and version, and whether it is the one in use (one that no longer validates is not, and is fetched afresh). */
interface KeptDocument {
  readonly etag: string | null;
  readonly version: string | null;
  readonly inUse: boolean;
}

interface CentralDocumentOptions<T> {
  /** The audit entries are `<name>.applied` and `<name>.rejected`. */
  readonly name: string;
  readonly store: Store;
  readonly now: () => number;
  kept(): Promise<KeptDocument | null>;
  /** The whole document checked: the reasons a bad one is refused. */
  validate(body: unknown): Result<T, string[]>;
  versionOf(document: T): string;
  /** The version a refused document claims, for the audit entry. */
  claimedVersion(body: unknown): string | null;
  /** Stores the new copy, in the transaction that audits it. */
  keep(tx: Tx, copy: { etag: string | null; body: unknown; document: T; at: number }): TxWork<void>;
  /** The new document, once stored. Synchronous: the kiosk swaps it in one step. */
  use(document: T): void;
}

/** At most this many reasons of a refusal are kept in the audit entry. */
const MAX_REASONS = 10;

/**
 * A document central publishes and the kiosk keeps (its configuration, the
 * service catalogue): fetched with the ETag of the copy in use, validated
 * whole, stored with an audit entry in one transaction, then used. A bad one
 * is refused, on the record, and the last good one stays. One fetch at a
 * time: a refresh asked for while one runs gets that one's answer.
 */
export class CentralDocument<T> {
  readonly #options: CentralDocumentOptions<T>;
  #inFlight: Promise<Result<DocumentRefresh, CentralError>> | undefined;

  constructor(options: CentralDocumentOptions<T>) {
    this.#options = options;
  }

  refresh(fetch: DocumentFetch): Promise<Result<DocumentRefresh, CentralError>> {
    this.#inFlight ??= this.#refresh(fetch).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #refresh(fetch: DocumentFetch): Promise<Result<DocumentRefresh, CentralError>> {
    const { name, store, now } = this.#options;
    const kept = await this.#options.kept();
    const fetched = await fetch(kept?.inUse ? kept.etag : null);
    if (!fetched.ok) return fetched;
    if (fetched.value.status === 'notModified') return ok({ status: 'unchanged', version: kept?.version ?? null });
    const { body, etag } = fetched.value;
    const checked = this.#options.validate(body);
    if (!checked.ok) {
      const version = this.#options.claimedVersion(body);
      const reasons = checked.error.slice(0, MAX_REASONS);
      await store.write((tx) => appendAudit(tx, { actor: 'central', action: `${name}.rejected`, detail: { version, reasons } }, now()));
      return ok({ status: 'rejected', version, reasons });
    }
    const document = checked.value;
    const version = this.#options.versionOf(document);
    if (kept?.inUse && kept.version === version && kept.etag === etag) return ok({ status: 'unchanged', version });
    const keep = this.#options.keep;
    await store.write(function* (tx) {
      yield* keep(tx, { etag, body, document, at: now() });
      yield* appendAudit(tx, { actor: 'central', action: `${name}.applied`, detail: { version, previous: kept?.version ?? null } }, now());
    });
    this.#options.use(document);
    return ok({ status: 'applied', version });
  }
}
