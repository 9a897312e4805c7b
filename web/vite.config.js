// Vite build of the console (index.html) and the public portal (portal/index.html)
// into web/dist. Element Plus components are imported on demand by
// unplugin-vue-components; routes and ECharts are split into lazy chunks.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath } from 'node:url'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
// `npm run dev` proxies the API to a running `zhijian serve` (ZJ_API, default :8080).
const api = process.env.ZJ_API || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    Components({
      dirs: [],
      dts: false,
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
    }),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      input: {
        main: here('./index.html'),
        portal: here('./portal/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
})
