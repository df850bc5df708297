import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { VitePWA } from 'vite-plugin-pwa'
import { readFileSync } from 'node:fs'
import { routePreload } from './scripts/route-preload.ts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

// The service worker is our own (src/sw.ts, injectManifest): it claims the first page at once but
// waits for the user's word before replacing an older version, so no form is ever reloaded away.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    preact(),
    // A cold start straight onto a form or the dashboards fetches their chunks at once.
    routePreload({ '#/record': '/src/app/screens/record.tsx', '#/dashboards': '/src/app/screens/dashboards.tsx' }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'สำรวจงานพัฒนาชุมชน',
        short_name: 'พช.สำรวจ',
        description: 'บันทึกข้อมูลภาคสนามและติดตามภารกิจสำคัญของกรมการพัฒนาชุมชน ใช้งานได้แม้ไม่มีสัญญาณ',
        lang: 'th',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,woff2,png,svg,ico,webmanifest}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
  },
})
