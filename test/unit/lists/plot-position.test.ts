import { describe, expect, it } from 'vitest'
import { compass, niceLength, offsetMetres, plotSketch } from '../../../src/store/plot-position'

describe('plot position sketch', () => {
  const plot = { lat: 17.8, lng: 102.7 }

  it('measures metres east and north on a flat projection about the plot', () => {
    const north = offsetMetres(plot, { lat: 17.801, lng: 102.7 })
    expect(north.east).toBeCloseTo(0, 6)
    expect(north.north).toBeCloseTo(110.6, 0)
    // A degree of longitude shrinks with the cosine of the latitude (cos 17.8° ≈ 0.952).
    expect(offsetMetres(plot, { lat: 17.8, lng: 102.701 }).east).toBeCloseTo(106.0, 0)
  })

  it('names directions and picks a round scale length', () => {
    expect([compass(0, 1), compass(1, 1), compass(1, 0), compass(0, -1), compass(-1, 0), compass(-1, 1)]).toEqual(['n', 'ne', 'e', 's', 'w', 'nw'])
    expect([niceLength(7), niceLength(19), niceLength(48), niceLength(120), niceLength(999)]).toEqual([5, 10, 20, 100, 500])
  })

  it('alone: the accuracy circle with room around it, and a scale bar in proportion', () => {
    const s = plotSketch(plot, 10, [], 240)
    expect(s.radiusM).toBe(25)
    expect(s.others).toEqual([])
    expect(s.nearest).toBeUndefined()
    // 108 px for 25 m: 10 m of accuracy is 43.2 px; the scale bar (10 m) too.
    expect(s.accuracyPx).toBeCloseTo(43.2, 5)
    expect(s.scale).toEqual({ metres: 10, px: expect.closeTo(43.2, 5) })
  })

  it('reaches the nearest other plot, draws the ones inside and counts the far ones', () => {
    const others = [
      { id: 'east', lat: 17.8, lng: 102.702 }, // ≈ 212 m east
      { id: 'south', lat: 17.7995, lng: 102.7 }, // ≈ 55 m south
      { id: 'far', lat: 17.9, lng: 102.7 }, // ≈ 11 km north
    ]
    const s = plotSketch(plot, 8, others, 240)
    expect(s.nearest).toMatchObject({ id: 'south', direction: 's' })
    expect(s.nearest!.distanceM).toBeCloseTo(55.3, 0)
    expect(s.radiusM).toBeCloseTo(55.3 * 1.15, 0)
    expect(s.others.map((o) => o.id)).toEqual(['south'])
    expect(s.outside).toBe(2)
    // South is below the centre on screen, at the sketch's edge minus the 15 % room.
    expect(s.others[0]!.x).toBeCloseTo(120, 5)
    expect(s.others[0]!.y).toBeCloseTo(120 + 108 / 1.15, 0)
  })
})
