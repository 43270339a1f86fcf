import { createNanoEvents } from 'nanoevents';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { type CatalogueEntry, serviceCatalogueSchema, type ServiceCatalogueDocument } from '../../../common/wire/catalogue';
import type { CatalogueView, CatalogueTile } from '../../contract/catalogue';
import type { ServiceDefinition } from '../../contract/services';
import { readCached, writeCached } from '../store/centralCache';
import type { Store } from '../store/store';
import { CentralDocument, type DocumentFetch, type DocumentRefresh } from '../sync/centralDocument';
import type { CentralError } from '../sync/centralError';
import { qrMatrix } from './qr';

const CACHE_KEY = 'serviceCatalogue';

type CatalogueSource = DocumentFetch;
type CatalogueRefresh = DocumentRefresh;

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
  private readonly events = createNanoEvents<{ change: () => void }>();
  private readonly fetched: CentralDocument<ServiceCatalogueDocument>;

  constructor(private readonly options: { store: Store; now: () => number }) {
    const { store } = options;
    this.fetched = new CentralDocument({
      name: 'catalogue',
      store,
      now: options.now,
      kept: async () => {
        const cached = await store.read((tx) => readCached(tx, CACHE_KEY));
        return { etag: cached?.etag ?? null, version: this.version, inUse: this.document !== null };
      },
      validate,
      versionOf: (document) => document.catalogueVersion,
      claimedVersion: (body) => {
        const version = (body as { catalogueVersion?: unknown } | null)?.catalogueVersion;
        return typeof version === 'string' ? version : null;
      },
      keep: (tx, copy) => writeCached(tx, CACHE_KEY, { etag: copy.etag, body: copy.body, fetchedAt: copy.at }),
      use: (document) => this.use(document),
    });
  }

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
    return this.events.on('change', listener);
  }

  /** The catalogue stored by an earlier run, validated again (the schema may have moved on since). */
  async restore(): Promise<void> {
    const cached = await this.options.store.read((tx) => readCached(tx, CACHE_KEY));
    const checked = cached ? validate(cached.body) : null;
    if (checked?.ok) this.use(checked.value);
  }

  /** One fetch at a time (sync/centralDocument.ts). */
  refresh(source: CatalogueSource): Promise<Result<CatalogueRefresh, CentralError>> {
    return this.fetched.refresh(source);
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
    this.events.emit('change');
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
