import { createNanoEvents } from 'nanoevents';
import { createHash } from 'node:crypto';
import { type CatalogueEntry, serviceCatalogueSchema, type ServiceCatalogueDocument } from '../../common/wire/catalogue';
import { accountEntries } from './entries/account';
import { inquiryEntries } from './entries/inquiries';
import { civilEntries, generalEntries, passportEntries } from './entries/portalGroups';
import { trafficEntries } from './entries/traffic';

/** Every service the portal names (RULES.md "Service catalogue"), in the order the kiosk lists them. */
export function defaultCatalogueEntries(): CatalogueEntry[] {
  return [...accountEntries, ...inquiryEntries, ...passportEntries, ...trafficEntries, ...civilEntries, ...generalEntries];
}

/**
 * The catalogue central publishes. Its version is a digest of the content, so
 * it changes exactly when the content does; the kiosk configuration carries
 * it (`catalogueVersion`), so a kiosk refetches the catalogue with its
 * configuration. Every change is checked with the wire schema first.
 */
export class CatalogueStore {
  private services: CatalogueEntry[];
  private version = '';
  private readonly events = createNanoEvents<{ change: (version: string) => void }>();

  constructor(services: CatalogueEntry[] = defaultCatalogueEntries()) {
    this.services = services;
    this.restamp();
  }

  private restamp(): void {
    this.version = createHash('sha256').update(JSON.stringify(this.services)).digest('hex').slice(0, 16);
    serviceCatalogueSchema.parse(this.current());
  }

  current(): ServiceCatalogueDocument {
    return { catalogueVersion: this.version, services: structuredClone(this.services) };
  }

  get catalogueVersion(): string {
    return this.version;
  }

  get etag(): string {
    return `"${this.version}"`;
  }

  find(id: string): CatalogueEntry | undefined {
    return this.services.find((s) => s.id === id);
  }

  private withEntry(entry: CatalogueEntry): CatalogueEntry[] {
    return [...this.services.filter((s) => s.id !== entry.id), entry];
  }

  /** What would be wrong with the catalogue with this entry added or replaced, or null: nothing changes. */
  check(entry: CatalogueEntry): string | null {
    const checked = serviceCatalogueSchema.safeParse({ catalogueVersion: 'check', services: this.withEntry(entry) });
    return checked.success ? null : checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  }

  /** Adds or replaces one entry (the dev route and specs); refused, changing nothing, when the result is not a valid catalogue. */
  put(entry: CatalogueEntry): ServiceCatalogueDocument {
    const next = this.withEntry(entry);
    serviceCatalogueSchema.parse({ catalogueVersion: 'check', services: next });
    this.services = next;
    this.restamp();
    this.events.emit('change', this.version);
    return this.current();
  }

  onChange(listener: (version: string) => void): void {
    this.events.on('change', listener);
  }
}
