import { z } from 'zod'
import { MAX_MEDIA_BYTES, MEDIA_DOC_TYPE, MEDIA_TYPES } from './media-names'

export * from './media-names'

/* The schemas of photo refs and media docs (media-names.ts: the ids, names and limits). */

/** One photo of a record: its full-size doc in the media store and its thumbnail attachment. */
export const photoRef = z.object({
  id: z.string().min(1).max(400),
  /** Attachment name of the thumbnail in this record (absent when none could be made). */
  thumb: z.string().min(1).max(100).optional(),
  type: z.enum(MEDIA_TYPES).optional(),
  /** Size of the full photo, to say how much opening it costs. */
  bytes: z.number().int().min(0).max(MAX_MEDIA_BYTES).optional(),
})
export const photoRefs = z.array(photoRef).max(20)
export type PhotoRef = z.infer<typeof photoRef>

/** A media doc as written by the phone (the server's rules are in couch/design/validate-media.js). */
export const mediaDoc = z.strictObject({
  _id: z.string().min(1).max(500),
  _rev: z.string().optional(),
  _attachments: z.record(z.string(), z.looseObject({ content_type: z.enum(MEDIA_TYPES) })),
  type: z.literal(MEDIA_DOC_TYPE),
  schema: z.literal(1),
  district: z.string().regex(/^\d{4}$/),
  recordId: z.string().min(1).max(400),
  createdBy: z.string().min(1).max(100),
  createdAt: z.iso.datetime(),
  device: z.string().min(1).max(100),
})
export type MediaDoc = z.infer<typeof mediaDoc>
