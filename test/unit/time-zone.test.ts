import { describe, expect, it } from 'vitest'

/*
 * The unit suite runs once per time zone (vitest.config.ts, `env.TZ` of each unit project). This
 * checks that the zone really is in force in the tests, so a config that stopped applying it (the
 * suite quietly running three times in the machine's zone) fails here.
 */

// Minutes west of UTC on 2022-01-15 and 2022-07-15 (Los Angeles keeps daylight saving; the others do not).
const OFFSETS: Record<string, [number, number]> = {
  'Asia/Bangkok': [-420, -420],
  'America/Los_Angeles': [480, 420],
  UTC: [0, 0],
}

describe('the time zone of this run', () => {
  it('is the one its project names, in force for Date', () => {
    const zone = process.env.TZ
    expect(Object.keys(OFFSETS)).toContain(zone)
    expect([new Date(2022, 0, 15).getTimezoneOffset(), new Date(2022, 6, 15).getTimezoneOffset()]).toEqual(OFFSETS[zone!])
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone)
  })
})
