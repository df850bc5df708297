import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../src/app/i18n/messages'
import { MESSAGES_FORMS } from '../../src/app/i18n/messages-forms'
import { MESSAGES_SUPERVISOR } from '../../src/app/i18n/messages-supervisor'
import { MESSAGES_SYNC } from '../../src/app/i18n/messages-sync'
import { MESSAGES_REVIEW } from '../../src/app/i18n/messages-review'
import { MESSAGES_DASH } from '../../src/app/i18n/messages-dash'
import { MESSAGES_PHOTOS } from '../../src/app/i18n/messages-photos'
import { MESSAGES_LISTS } from '../../src/app/i18n/messages-lists'
import { interpolate, makeTranslator } from '../../src/app/i18n'
import { parseRoute, hrefFor } from '../../src/app/router'

describe('i18n table', () => {
  it('has a Thai and an English text for every key, with the same placeholders', () => {
    const all = { ...MESSAGES, ...MESSAGES_FORMS, ...MESSAGES_SUPERVISOR, ...MESSAGES_SYNC, ...MESSAGES_REVIEW, ...MESSAGES_DASH, ...MESSAGES_PHOTOS, ...MESSAGES_LISTS }
    const keys = [MESSAGES, MESSAGES_FORMS, MESSAGES_SUPERVISOR, MESSAGES_SYNC, MESSAGES_REVIEW, MESSAGES_DASH, MESSAGES_PHOTOS, MESSAGES_LISTS].flatMap((table) => Object.keys(table))
    expect(new Set(keys).size, 'no key defined twice across the tables').toBe(keys.length)
    for (const [key, entry] of Object.entries(all) as [string, { th: string; en: string }][]) {
      expect(entry.th.trim(), `${key}.th`).not.toBe('')
      expect(entry.en.trim(), `${key}.en`).not.toBe('')
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(names(entry.th), key).toEqual(names(entry.en))
    }
  })

  it('is Thai first, English when chosen, with Thai digits on request', () => {
    expect(makeTranslator('th', false).t('nav.home')).toBe('หน้าหลัก')
    expect(makeTranslator('en', false).t('nav.home')).toBe('Home')
    expect(makeTranslator('th', true).t('settings.dateExample', { date: 'x' })).toBe('ตัวอย่างวันที่: x')
    expect(interpolate('{n} ครัวเรือน', { n: 1234 }, { lang: 'th', thaiDigits: true })).toBe('๑,๒๓๔ ครัวเรือน')
    expect(makeTranslator('th', true).date('2022-01-20')).toBe('๒๐ ม.ค. ๒๕๖๕')
  })

  it('shows an unknown key rather than nothing', () => {
    expect(makeTranslator('th', false).t('no.such.key')).toBe('no.such.key')
  })
})

describe('routes', () => {
  it('round-trips every route through its href', () => {
    const routes = [
      { name: 'home' },
      { name: 'villages' },
      { name: 'village', code: '43010101' },
      { name: 'dashboards' },
      { name: 'dashboards', sub: 'village/43010101' },
      { name: 'sync' },
      { name: 'settings' },
      { name: 'record', kind: 'household', id: 'household:43010101:12/1', parent: undefined },
      { name: 'record', kind: 'mentor-visit', id: undefined, parent: 'household:43010101:12' },
      { name: 'complaints', filter: undefined, area: undefined },
      { name: 'complaints', filter: 'resolved', area: '430101' },
      { name: 'uploads' },
    ] as const
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route)
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' })
  })
})
