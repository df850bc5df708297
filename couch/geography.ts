/**
 * The area plan a province is provisioned from: province → districts (อำเภอ) → sub-districts (ตำบล).
 * Codes nest (43 → 4301 → 430101), which the parser checks so a typo cannot create a stray database.
 */
import { z } from 'zod'

const thaiName = z.string().trim().min(1).max(120)

const subdistrict = z.object({ code: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit sub-district code' }), name: thaiName })
const district = z.object({
  code: z.string().regex(/^\d{4}$/, { error: 'expected a 4-digit district code' }),
  name: thaiName,
  nameEn: z.string().optional(),
  subdistricts: z.array(subdistrict),
})

export const geographySchema = z
  .object({
    province: z.object({ code: z.string().regex(/^\d{2}$/, { error: 'expected a 2-digit province code' }), name: thaiName, nameEn: z.string().optional() }),
    districts: z.array(district).min(1),
  })
  .superRefine((geo, ctx) => {
    const seen = new Set<string>()
    geo.districts.forEach((d, i) => {
      if (!d.code.startsWith(geo.province.code)) {
        ctx.addIssue({ code: 'custom', path: ['districts', i, 'code'], message: `district ${d.code} is not in province ${geo.province.code}` })
      }
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: ['districts', i, 'code'], message: `duplicate district ${d.code}` })
      seen.add(d.code)
      d.subdistricts.forEach((s, j) => {
        if (!s.code.startsWith(d.code)) {
          ctx.addIssue({ code: 'custom', path: ['districts', i, 'subdistricts', j, 'code'], message: `sub-district ${s.code} is not in district ${d.code}` })
        }
        if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: ['districts', i, 'subdistricts', j, 'code'], message: `duplicate code ${s.code}` })
        seen.add(s.code)
      })
    })
  })

export type Geography = z.infer<typeof geographySchema>
export type District = Geography['districts'][number]

/** Parses a geography file's JSON (extra keys such as `_note` are ignored); throws naming the field. */
export function parseGeography(json: unknown): Geography {
  const result = geographySchema.safeParse(json)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  throw new Error(`invalid geography:\n  ${lines.join('\n  ')}`)
}

/** The database of a district or province: `cdd-<code>`. */
export function dbNameFor(areaCode: string): string {
  return `cdd-${areaCode}`
}
