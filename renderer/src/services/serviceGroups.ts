import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CatalogueView, ServiceAvailability, ServiceUnavailableReason } from '../contract';
import { useSessionStore } from '../stores/session';

/** A heading and the services under it, in the catalogue's order. */
interface ServiceGroup {
  group: string;
  ids: string[];
}

/**
 * The catalogue's groups in its order, each with the services `keep` lets
 * through; a group left with none is not shown.
 */
export function catalogueGroups(view: CatalogueView, keep: (service: CatalogueView['services'][number]) => boolean = () => true): ServiceGroup[] {
  const kept = view.services.filter(keep);
  return view.groups.map((group) => ({ group, ids: kept.filter((s) => s.group === group).map((s) => s.id) })).filter((g) => g.ids.length > 0);
}

/**
 * Whether each service can be used now, as the core's snapshot lists it,
 * and the words for a group's heading: what the main menu and the
 * signed-in home both show.
 */
export function useServiceAvailability() {
  const { t, te } = useI18n();
  const session = useSessionStore();
  const availability = computed(() => new Map<string, ServiceAvailability>(session.services.map((service) => [service.id, service])));
  /** A service the core did not list is treated as out of service, never as available. */
  const stateOf = (id: string): ServiceAvailability => availability.value.get(id) ?? { id, group: '', available: false, reason: 'outOfService' };
  /** Why a tap on this service explains instead of opening: its own reason, or "not here" for one that is available elsewhere. */
  const reasonOf = (id: string): ServiceUnavailableReason => {
    const state = stateOf(id);
    return state.available ? 'notBuilt' : (state.reason ?? 'outOfService');
  };
  /** Central's name for a catalogue group, else the kiosk's own. */
  const groupTitle = (group: string): string => (te(`catalogue.groups.${group}`) ? t(`catalogue.groups.${group}`) : t(`services.groups.${group}`));
  return { stateOf, reasonOf, groupTitle };
}
