import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-600.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import './styles/theme.css';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import KioskApp from './KioskApp.vue';
import { bindHostToStores } from './app/bindHost';
import { createKioskI18n } from './app/i18n';
import { createKioskHost, installKioskHost } from './host';
import { storeRegistry } from './stores/registry';

const pinia = createPinia();
pinia.use(storeRegistry);
// Installed before any store exists: Pinia runs plugins (the wipe registry) only for stores made after.
const app = createApp(KioskApp).use(pinia).use(createKioskI18n());
const host = createKioskHost();
installKioskHost(host);
bindHostToStores(host, pinia);
app.mount('#app');
