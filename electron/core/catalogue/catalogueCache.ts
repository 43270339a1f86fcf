import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { type CatalogueEntry, serviceCatalogueSchema, type ServiceCatalogueDocument } from '../../../common/wire/catalogue';
import type { CatalogueView, CatalogueTile } from '../../contract/catalogue';
import type { ServiceDefinition } from '../../contract/services';
import { appendAudit } from '../store/auditLog';
import { readCached, writeCached } from '../store/centralCache';
import type { Store } from '../store/store';
import type { CentralError } from '../sync/centralError';
import type { ConfigFetch } from '../sync/centralClient';
import { qrMatrix } from './qr';

const CACHE_KEY = 'serviceCatalogue';

export type CatalogueSource = (etag: string | null) => Promise<Result<ConfigFetch, CentralError>>;
export type CatalogueRefresh = { status: 'unchanged' | 'applied'; version: string | null } | { status: 'rejected'; reasons: string[] };

function validate(body: unknown): Result<ServiceCatalogueDocument, string[]> {
  const parsed = serviceCatalogueSchema.safeParse(body);
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/**
 * The catalogue central publishes, as this kiosk holds it: kept in the
 * store's central cache with its ETag (so it survives a restart and a central
 * that is down), fetched again when the configuration names a new version,
 * and validated whole before it replaces the one in use. A bad one is refused
 * (audited) and the old one stays.
 */
export class ServiceCatalogueCache {
  private document: ServiceCatalogueDocument | null = null;
  private view: CatalogueView = { version: null, groups: [], services: [] };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: { store: Store; now: () => number }) {}

  get version(): string | null {
    return this.document?.catalogueVersion ?? null;
  }

  entry(id: string): CatalogueEntry | undefined {
    return this.document?.services.find((s) => s.id === id);
  }

  current(): CatalogueView {
    return this.view;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The catalogue stored by an earlier run, validated again (the schema may have moved on since). */
  async restore(): Promise<void> {
    const cached = await this.options.store.read((tx) => readCached(tx, CACHE_KEY));
    const checked = cached ? validate(cached.body) : null;
    if (checked?.ok) this.use(checked.value);
  }

  async refresh(source: CatalogueSource): Promise<Result<CatalogueRefresh, CentralError>> {
    const { store, now } = this.options;
    const cached = await store.read((tx) => readCached(tx, CACHE_KEY));
    const fetched = await source(this.document ? (cached?.etag ?? null) : null);
    if (!fetched.ok) return fetched;
    if (fetched.value.status === 'notModified') return ok({ status: 'unchanged', version: this.version });
    const { body, etag } = fetched.value;
    const checked = validate(body);
    if (!checked.ok) {
      await store.write((tx) => appendAudit(tx, { actor: 'central', action: 'catalogue.rejected', detail: { reasons: checked.error } }, now()));
      return ok({ status: 'rejected', reasons: checked.error });
    }
    const previous = this.version;
    await store.write(function* (tx) {
      yield* writeCached(tx, CACHE_KEY, { etag, body, fetchedAt: now() });
      yield* appendAudit(tx, { actor: 'central', action: 'catalogue.applied', detail: { version: checked.value.catalogueVersion, previous } }, now());
    });
    this.use(checked.value);
    return ok({ status: previous === checked.value.catalogueVersion ? 'unchanged' : 'applied', version: checked.value.catalogueVersion });
  }

  /** What availability reads: each service's group, and whether it needs central or a device. */
  definitions(): ServiceDefinition[] | null {
    return this.document && this.document.services.map((s) => ({ id: s.id, group: s.group, needsCentral: s.kind !== 'portal', needsDevices: s.devices }));
  }

  private use(document: ServiceCatalogueDocument): void {
    this.document = document;
    const sorted = [...document.services].sort((a, b) => a.order - b.order);
    const groups: string[] = [];
    for (const s of sorted) if (!groups.includes(s.group)) groups.push(s.group);
    this.view = { version: document.catalogueVersion, groups, services: sorted.map(tileOf) };
    for (const listener of this.listeners) listener();
  }
}

function tileOf(entry: CatalogueEntry): CatalogueTile {
  const tile: CatalogueTile = {
    id: entry.id,
    group: entry.group,
    kind: entry.kind,
    audience: entry.audience,
    title: entry.title,
    description: entry.description,
    icon: entry.icon,
    keywords: entry.keywords ?? [],
  };
  if (entry.kind === 'portal') tile.portal = { needs: entry.needs, url: entry.url, qr: qrMatrix(entry.url) };
  return tile;
}
