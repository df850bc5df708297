/**
 * Builds `_design/media`, the write rules of the district media stores (`cdd-<district>-media`), from
 * the hand-written ES5 template validate-media.js and the limits in src/schema/media.ts (so the phone
 * and the server agree on types and sizes).
 */
import { readFileSync } from 'node:fs'
import { MAX_MEDIA_BYTES, MEDIA_ATTACHMENT, MEDIA_DOC_TYPE, MEDIA_TYPES } from '../../src/schema/media'

export const MEDIA_DESIGN_DOC_ID = '_design/media'

export interface MediaDesignDoc {
  _id: typeof MEDIA_DESIGN_DOC_ID
  _rev?: string
  language: 'javascript'
  validate_doc_update: string
}

const TEMPLATE_URL = new URL('./validate-media.js', import.meta.url)

export function mediaLimits() {
  return { docType: MEDIA_DOC_TYPE, attachment: MEDIA_ATTACHMENT, types: [...MEDIA_TYPES], maxBytes: MAX_MEDIA_BYTES }
}

export function buildValidateMedia(limits = mediaLimits()): string {
  const template = readFileSync(TEMPLATE_URL, 'utf8')
  const marker = 'export default function (newDoc'
  const start = template.indexOf(marker) + 'export default '.length
  const end = template.lastIndexOf('}')
  if (start < marker.length || end < start) throw new Error('validate-media.js: cannot find the function')
  return template.slice(start, end + 1).replace('__LIMITS__', () => JSON.stringify(limits))
}

export function buildMediaDesignDoc(): MediaDesignDoc {
  return { _id: MEDIA_DESIGN_DOC_ID, language: 'javascript', validate_doc_update: buildValidateMedia() }
}
