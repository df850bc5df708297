import { describe, expect, it } from 'vitest'
import { complaintDays, complaintList } from '../../../src/store/complaint-list'

const row = (id: string, receivedOn: string, resolvedOn?: string, tambonCode = '430101', plotId?: string) => ({ id, subject: `เรื่อง ${id}`, tambonCode, plotId, receivedOn, resolvedOn })

describe('all complaints list', () => {
  const rows = [
    row('complaint:a', '2026-01-10', '2026-01-25'),
    row('complaint:b', '2026-02-01'),
    row('complaint:c', '2026-02-01', '2026-02-01'),
    row('complaint:d', '2025-12-31', undefined, '430102', 'plot:430102:HLM-1'),
    row('complaint:e', '2026-03-01', undefined, '430201'),
  ]
  const today = '2026-03-01'

  it('counts the days a resolved complaint took from its own dates, and an open one so far', () => {
    expect(complaintDays(rows[0]!, today)).toBe(15)
    expect(complaintDays(rows[1]!, today)).toBe(28)
    expect(complaintDays(rows[2]!, today)).toBe(0)
    // Across a year end and a leap-less February.
    expect(complaintDays(rows[3]!, today)).toBe(60)
    // A resolution dated before receipt never makes negative days.
    expect(complaintDays(row('x', '2026-02-10', '2026-02-05'), today)).toBe(0)
  })

  it('lists newest received first (same day: the later id first), filtered by status', () => {
    const all = complaintList(rows, today)
    expect(all.items.map((c) => c.id)).toEqual(['complaint:e', 'complaint:c', 'complaint:b', 'complaint:a', 'complaint:d'])
    expect(all.counts).toEqual({ all: 5, open: 3, resolved: 2 })
    const open = complaintList(rows, today, { filter: 'open' })
    expect(open.items.map((c) => c.id)).toEqual(['complaint:e', 'complaint:b', 'complaint:d'])
    expect(open.items.every((c) => c.open)).toBe(true)
    expect(open.counts).toEqual(all.counts)
    const resolved = complaintList(rows, today, { filter: 'resolved' })
    expect(resolved.items.map((c) => [c.id, c.days])).toEqual([
      ['complaint:c', 0],
      ['complaint:a', 15],
    ])
  })

  it('narrows to an area by its sub-district, or a village through the complaint’s plot', () => {
    const plotVillages = new Map([['plot:430102:HLM-1', '43010203']])
    expect(complaintList(rows, today, { area: '4301' }).items.map((c) => c.id)).toEqual(['complaint:c', 'complaint:b', 'complaint:a', 'complaint:d'])
    expect(complaintList(rows, today, { area: '430102', plotVillages }).items).toMatchObject([{ id: 'complaint:d', villageCode: '43010203', days: 60 }])
    expect(complaintList(rows, today, { area: '43010203', plotVillages }).items.map((c) => c.id)).toEqual(['complaint:d'])
    expect(complaintList(rows, today, { area: '43' }).counts.all).toBe(5)
  })
})
