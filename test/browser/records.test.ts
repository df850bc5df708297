import { afterAll, describe, expect, it } from 'vitest'
import { openRecordDb, type RecordDb } from '../../src/store/pouch'
import { openLocalDb } from '../../src/store/local-db'
import { createProjectionRunner } from '../../src/store/projection-runner'
import { createRepository } from '../../src/store/repository'
import { householdForm, hlmAssessmentForm } from '../../src/forms/definitions'
import { initialValues, toDocValues } from '../../src/forms/values'
import { validateForm } from '../../src/forms/validate'
import { MAX_PHOTO_SIDE, resizeImage } from '../../src/forms/photos'

/*
 * Real IndexedDB in real Chromium: PouchDB's idb adapter, Dexie, the projector and the repository,
 * exactly as the app runs them. Each test uses fresh, uniquely named databases.
 */

const run = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
const opened: RecordDb[] = []
const author = { name: 'off4301', district: '4301' }

function records(name: string): RecordDb {
  const db = openRecordDb(`test-${name}-${run}`)
  opened.push(db)
  return db
}

const envelope = { schema: 1, district: '4301', createdBy: 'sup43', createdAt: '2021-10-01T02:00:00.000Z', updatedBy: 'sup43', updatedAt: '2021-10-01T02:00:00.000Z', device: 'test' }
const household = (n: number) => ({ _id: `household:43010101:${n}`, type: 'household', ...envelope, villageCode: '43010101', houseId: String(n), headName: `นางทดสอบ ${n}`, targetPersons: 3, inTpmap: true })

afterAll(async () => {
  for (const db of opened) await db.destroy().catch(() => undefined)
})

describe('records on real IndexedDB', () => {
  it('saves a household check through the form and the repository; after reopening the dbs it is there, projected', async () => {
    const name = 'check'
    let recordDb = records(name)
    await recordDb.put(household(12))
    const repository = createRepository({ records: recordDb, author, device: 'dev-test' })
    const existing = await repository.get('household:43010101:12')
    const ctx = { today: '2022-01-31', household: existing }
    const values = { ...initialValues(householdForm, ctx, existing), verifiedOn: '2021-12-20', planOn: '2021-12-25', targetPersons: '๔', failing: { income: true, health: false, living: false, education: false, access: false } }
    expect(validateForm(householdForm, values, ctx)).toEqual([])
    await repository.save('household', toDocValues(householdForm, values, ctx) as never, { id: 'household:43010101:12', baseRev: existing?._rev as string })
    await recordDb.close()

    recordDb = records(name)
    const doc = await recordDb.get('household:43010101:12')
    expect(doc).toMatchObject({ verifiedOn: '2021-12-20', planOn: '2021-12-25', targetPersons: 4, createdBy: 'sup43', updatedBy: 'off4301', device: 'dev-test' })
    expect(doc._rev.startsWith('2-')).toBe(true)

    const local = openLocalDb(`test-local-${name}-${run}`)
    await createProjectionRunner(recordDb, local).run()
    expect(await local.households.get('household:43010101:12')).toMatchObject({ verifiedOn: '2021-12-20', targetPersons: 4 })
    local.close()
    const reopened = openLocalDb(`test-local-${name}-${run}`)
    expect(await reopened.households.get('household:43010101:12')).toMatchObject({ planOn: '2021-12-25' })
    reopened.close()
  })

  it('refuses an edit made on a stale revision (the draft is kept by the caller)', async () => {
    const recordDb = records('stale')
    const first = await recordDb.put(household(3))
    const repository = createRepository({ records: recordDb, author, device: 'dev-test' })
    await repository.save('household', { ...household(3), verifiedOn: '2021-12-01' } as never, { id: 'household:43010101:3', baseRev: first.rev })
    await expect(repository.save('household', { ...household(3), verifiedOn: '2021-12-02' } as never, { id: 'household:43010101:3', baseRev: first.rev })).rejects.toMatchObject({ name: 'WriteConflictError' })
  })

  it('photo attachments round-trip: resized on the device, saved with the assessment, read back as the same JPEG', async () => {
    const recordDb = records('photos')
    const repository = createRepository({ records: recordDb, author, device: 'dev-test' })
    const canvas = new OffscreenCanvas(800, 600)
    const g = canvas.getContext('2d')!
    g.fillStyle = '#2a7'
    g.fillRect(0, 0, 800, 600)
    const photo = await resizeImage(await canvas.convertToBlob({ type: 'image/png' }))
    const ctx = { today: '2022-03-01', parent: 'plot:430101:H-001' }
    const values = { ...initialValues(hlmAssessmentForm, ctx), reducesExpenses: true, selfReliant: true, gps: { lat: 17.88, lng: 102.74, accuracyM: 8, at: '2022-03-01T03:00:00.000Z' } }
    const saved = await repository.save('plot-assessment', toDocValues(hlmAssessmentForm, values, ctx) as never, { photos: [{ name: 'photo-1.jpg', blob: photo }] })
    const back = await repository.photo(saved.id, 'photo-1.jpg')
    expect(back.type).toBe('image/jpeg')
    expect(back.size).toBe(photo.size)
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(new Uint8Array(await photo.arrayBuffer()))
    const doc = await repository.get(saved.id)
    expect(Object.keys(doc?._attachments as object)).toEqual(['photo-1.jpg'])
  })

  it('the resizer turns a large camera-sized image into a JPEG with its longest side ≤ 1280 px', async () => {
    const canvas = new OffscreenCanvas(4000, 3000)
    const g = canvas.getContext('2d')!
    // Noise-like content so the encoder has real work (a flat image compresses to nothing).
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`
      g.fillRect((i * 97) % 4000, (i * 53) % 3000, 300, 200)
    }
    const big = await canvas.convertToBlob({ type: 'image/png' })
    const small = await resizeImage(big)
    expect(small.type).toBe('image/jpeg')
    const bitmap = await createImageBitmap(small)
    expect(Math.max(bitmap.width, bitmap.height)).toBe(MAX_PHOTO_SIDE)
    expect(bitmap.width / bitmap.height).toBeCloseTo(4 / 3, 2)
    expect(small.size).toBeLessThan(big.size)
    const tall = new OffscreenCanvas(1500, 3000)
    tall.getContext('2d')!.fillRect(0, 0, 10, 10)
    const portrait = await createImageBitmap(await resizeImage(await tall.convertToBlob({ type: 'image/png' })))
    expect([portrait.width, portrait.height]).toEqual([640, 1280])
  })

})
