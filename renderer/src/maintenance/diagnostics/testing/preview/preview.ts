import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-600.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import '../../../../styles/theme.css';
import '../../../../styles/base.css';
import { createApp } from 'vue';
import { createMaintenanceI18n } from '../../../testing/maintenanceI18n';
import { installKioskHost } from '../../../../host';
import DiagnosticsPanel from '../../DiagnosticsPanel.vue';
import { createDiagnosticsKiosk } from '../mountPanel';
import ReadinessPanel from '../../../readiness/ReadinessPanel.vue';

/**
 * Test-only page (served by Vite from test/e2e/maintenancePanels.spec.ts, never built
 * into the product): one maintenance panel against the renderer's fake core,
 * until the maintenance overlay (another branch) mounts them for real.
 * ?panel=diagnostics|readiness&lang=ar|en&hc=1 (high contrast + large text).
 */
const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'ar';
const root = document.documentElement;
root.lang = lang;
root.dir = lang === 'ar' ? 'rtl' : 'ltr';
if (params.get('hc') === '1') root.classList.add('theme-high-contrast', 'text-large');

const kiosk = createDiagnosticsKiosk();
installKioskHost(kiosk.host);
const i18n = createMaintenanceI18n();
i18n.global.locale.value = lang;
createApp(params.get('panel') === 'readiness' ? ReadinessPanel : DiagnosticsPanel)
  .use(i18n)
  .mount('#app');
Object.assign(window, { previewDiagnostics: kiosk.diagnostics });
