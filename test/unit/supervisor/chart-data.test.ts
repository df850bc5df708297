import { describe, expect, it } from 'vitest'
import { monthlySeries, monthsUpTo } from '../../../src/app/screens/dashboards/chart-data'
import type { PostRow } from '../../../src/store/local-db'
import { household } from './rows'

describe('month-by-month chart data', () => {
  it('runs over the fiscal year up to asOf, the current month marked partial', () => {
    expect(monthsUpTo('2021-12-15')).toEqual(['2021-10', '2021-11', '2021-12'])
    expect(monthsUpTo('2023-01-01')).toHaveLength(12)
    expect(monthsUpTo('2021-09-30')).toEqual([])
  })

  it('counts visits up to 2 per household-month after the plan month, against 2 × households due', () => {
    const a = household('43010101', '1', { planOn: '2021-10-20', visits: ['2021-11-01', '2021-11-02', '2021-11-03', '2021-12-05'] })
    const b = household('43010101', '2', { planOn: '2021-11-05', visits: ['2021-12-01', '2021-12-09'] })
    const c = household('43010101', '3', { visits: ['2021-12-01'] })
    const s = monthlySeries([a, b, c], [], '2021-12-20').visits
    expect(s).toEqual([
      { month: '2021-10', actual: 0, required: 0, partial: false },
      { month: '2021-11', actual: 2, required: 2, partial: false },
      { month: '2021-12', actual: 3, required: 4, partial: true },
    ])
  })

  it('counts posts per mission: mission 1 against 2 per ISO week starting in the month, mission 2 against 10', () => {
    const post = (on: string, mission: 'm1' | 'm2'): PostRow => ({ id: `post:${on}:${mission}`, district: '4301', on, channel: 'facebook', mission })
    const s = monthlySeries([], [post('2021-11-03', 'm1'), post('2021-11-04', 'm1'), post('2021-11-20', 'm2'), post('2021-12-01', 'm1')], '2021-11-30')
    // November 2021 has Mondays 1, 8, 15, 22, 29: five weeks start in it.
    expect(s.postsM1[1]).toEqual({ month: '2021-11', actual: 2, required: 10, partial: false })
    expect(s.postsM2[1]).toEqual({ month: '2021-11', actual: 1, required: 10, partial: false })
    expect(s.postsM1).toHaveLength(2)
  })
})
