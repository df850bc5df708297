import { describe, expect, it } from 'vitest'
import { daysBetween, householdChips, isDueVisit, localToday, plotChips, visitsNeeded } from '../../../src/forms/work'
import { targetSize, photoName } from '../../../src/forms/photos'
import { reasonOf, toGpsFix } from '../../../src/forms/gps'
import { dueHouseholds } from '../../../src/app/screens/home'
import type { HouseholdRow } from '../../../src/store/local-db'

describe('due visits (≥ 2 mentor visits per complete month after the plan month)', () => {
  const today = '2022-03-15'
  it('is due from the month after the plan until 2 visits this month', () => {
    expect(isDueVisit({ visits: [] }, today)).toBe(false) // no plan
    expect(isDueVisit({ planOn: '2022-03-01', visits: [] }, today)).toBe(false) // plan month is not judged
    expect(isDueVisit({ planOn: '2022-02-28', visits: [] }, today)).toBe(true)
    expect(isDueVisit({ planOn: '2022-02-28', visits: ['2022-02-28', '2022-03-02'] }, today)).toBe(true)
    expect(visitsNeeded({ planOn: '2022-02-28', visits: ['2022-03-02'] }, today)).toBe(1)
    expect(isDueVisit({ planOn: '2022-02-28', visits: ['2022-03-02', '2022-03-10'] }, today)).toBe(false)
    expect(isDueVisit({ planOn: '2022-04-01', visits: [] }, today)).toBe(false) // plan in the future
    expect(isDueVisit({ planOn: '2021-12-25', visits: ['2022-02-01', '2022-02-15'] }, today)).toBe(true) // last month's visits do not count
  })

  it('orders the home list by visits still needed', () => {
    const row = (id: string, visits: string[]): HouseholdRow => ({ id, district: '4301', villageCode: '43010101', tambonCode: '430101', houseId: id, headName: id, targetPersons: 1, inTpmap: true, planOn: '2022-01-10', visits, assisted: {}, updatedAt: '', conflicted: 0 })
    expect(dueHouseholds([row('2', ['2022-03-01']), row('1', []), row('3', ['2022-03-01', '2022-03-02'])], today).map((h) => h.id)).toEqual(['1', '2'])
  })

  it('status chips say verified / plan / visits this month / surviving', () => {
    expect(householdChips({ inTpmap: true, visits: [] }, today).map((c) => c.key)).toEqual(['chip.notVerified'])
    const chips = householdChips({ inTpmap: false, verifiedOn: '2021-12-01', planOn: '2021-12-10', visits: ['2022-03-01'], survivingOn: '2022-03-01' }, today)
    expect(chips.map((c) => c.key)).toEqual(['chip.exclusion', 'chip.verified', 'chip.plan', 'chip.visits', 'chip.surviving'])
    expect(chips[3]).toMatchObject({ tone: 'bad', params: { n: 1, of: 2 } })
    expect(plotChips({}).map((c) => c.key)).toEqual(['chip.notAssessed'])
    expect(plotChips({ latest: { on: '2022-01-01', success: true } }).map((c) => c.key)).toEqual(['chip.assessed', 'chip.success'])
  })

  it('counts calendar days and knows Bangkok’s today whatever the device zone', () => {
    expect(daysBetween('2022-01-03', '2022-01-10')).toBe(7)
    expect(daysBetween('2021-12-31', '2022-03-01')).toBe(60)
    expect(localToday(new Date('2022-01-31T18:00:00Z'))).toBe('2022-02-01')
  })
})

describe('photo target size', () => {
  it('keeps the longest side ≤ 1280 and the aspect ratio, never enlarges', () => {
    expect(targetSize(4000, 3000)).toEqual({ width: 1280, height: 960 })
    expect(targetSize(3000, 4000)).toEqual({ width: 960, height: 1280 })
    expect(targetSize(1280, 720)).toEqual({ width: 1280, height: 720 })
    expect(targetSize(800, 600)).toEqual({ width: 800, height: 600 })
    expect(targetSize(10000, 10)).toEqual({ width: 1280, height: 1 })
    expect(targetSize(0, 100)).toEqual({ width: 0, height: 0 })
    expect(targetSize(2000, 1000, 500)).toEqual({ width: 500, height: 250 })
  })
  it('names photos uniquely and sortably', () => {
    expect(photoName(1_650_000_000_000, 0)).not.toBe(photoName(1_650_000_000_000, 1))
    expect(photoName(1_650_000_000_000, 0)).toMatch(/^photo-[a-z0-9]+-0\.jpg$/)
  })
})

describe('GPS', () => {
  it('keeps what a phone can tell, with accuracy in metres', () => {
    expect(toGpsFix({ coords: { latitude: 17.8782345678, longitude: 102.7412345678, accuracy: 8.04 } as GeolocationCoordinates, timestamp: Date.UTC(2022, 1, 1, 3) })).toEqual({ lat: 17.878235, lng: 102.741235, accuracyM: 8, at: '2022-02-01T03:00:00.000Z' })
    expect(reasonOf({ code: 1 })).toBe('denied')
    expect(reasonOf({ code: 2 })).toBe('unavailable')
    expect(reasonOf({ code: 3 })).toBe('timeout')
  })
})
