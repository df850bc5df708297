/*
 * CouchDB validate_doc_update of every media store `cdd-<district>-media` (full-size photos):
 * the template. build-media-design-doc.ts replaces __LIMITS__ with the limits of src/schema/media.ts
 * and stores the function text as `_design/media`.validate_doc_update.
 *
 * A media doc is one photo: `{_id: 'photo:<recordId>:<author>:<26-char id>', type: 'photo', schema: 1,
 * district, recordId, createdBy, createdAt, device, _attachments: {photo: …}}` and nothing else.
 * Ownership is in the id (a parentless revision reaches this function with oldDoc = null on real
 * CouchDB), and docs never change once written.
 *
 * Sizes: CouchDB hands this function attachment stubs. An attachment sent inline (base64 in the
 * JSON, as the app's uploader does) carries its decoded `length`; one sent as a standalone PUT
 * arrives with length "undefined" (streamed, unknown yet) — so a number is required: what cannot
 * be measured here is refused.
 *
 * ES5 ONLY (see validate-doc-update.js).
 */
/* global __LIMITS__ */
export default function (newDoc, oldDoc, userCtx) {
  var LIMITS = __LIMITS__

  function forbid(message) {
    throw { forbidden: message }
  }
  function contains(list, item) {
    for (var i = 0; i < list.length; i++) if (list[i] === item) return true
    return false
  }
  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key)
  }
  function isString(v, max) {
    return typeof v === 'string' && v.length > 0 && v.length <= max
  }

  var roles = (userCtx && userCtx.roles) || []
  var isAdmin = contains(roles, '_admin')
  var user = userCtx ? userCtx.name : null
  var id = String(newDoc._id)
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null

  if (id.indexOf('_design/') === 0) {
    if (!isAdmin) forbid('_id: design documents may only be written by server admins')
    return
  }
  if (newDoc._deleted === true) {
    if (!isAdmin && !contains(roles, 'supervisor')) forbid('_deleted: photos may only be removed by supervisors')
    return
  }
  if (old && !isAdmin) forbid('_rev: a photo is never changed once stored')

  var allowed = ['_id', '_rev', '_revisions', '_attachments', 'type', 'schema', 'district', 'recordId', 'createdBy', 'createdAt', 'device']
  for (var key in newDoc) {
    if (has(newDoc, key) && !contains(allowed, key)) forbid(key + ': not allowed in a photo document')
  }
  if (newDoc.type !== LIMITS.docType) forbid('type: expected ' + JSON.stringify(LIMITS.docType) + ', got ' + JSON.stringify(newDoc.type))
  if (newDoc.schema !== 1) forbid('schema: expected 1')

  var dbMatch = /^cdd-(\d{4})-media$/.exec(String((userCtx && userCtx.db) || ''))
  if (!dbMatch) forbid('(document): photos belong in a district media store cdd-<district>-media')
  var district = dbMatch[1]
  if (newDoc.district !== district) forbid('district: expected ' + district + ', got ' + newDoc.district)

  if (!isString(newDoc.createdBy, 100)) forbid('createdBy: required')
  if (!isAdmin && newDoc.createdBy !== user) forbid('createdBy: expected ' + user + ' (the user writing), got ' + newDoc.createdBy)
  if (!isString(newDoc.device, 100)) forbid('device: required')
  if (typeof newDoc.createdAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(newDoc.createdAt)) {
    forbid('createdAt: expected a timestamp')
  }
  if (!isString(newDoc.recordId, 400)) forbid('recordId: required')
  // A plot assessment's id names its plot's sub-district, which lies in one district.
  var plot = /^assess:plot:(\d{6}):/.exec(newDoc.recordId)
  if (plot && plot[1].slice(0, 4) !== district) forbid('recordId: ' + newDoc.recordId + ' is not a record of district ' + district)

  var prefix = 'photo:' + newDoc.recordId + ':' + newDoc.createdBy + ':'
  if (id.indexOf(prefix) !== 0 || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id.slice(prefix.length))) {
    forbid('_id: expected ' + prefix + '<26-character id>')
  }

  var atts = newDoc._attachments
  if (!atts || typeof atts !== 'object') forbid('_attachments: a photo document carries its photo')
  var names = []
  for (var name in atts) if (has(atts, name)) names.push(name)
  if (names.length !== 1 || names[0] !== LIMITS.attachment) forbid('_attachments: exactly one attachment, named ' + JSON.stringify(LIMITS.attachment))
  var att = atts[LIMITS.attachment]
  if (!contains(LIMITS.types, att.content_type)) {
    forbid('_attachments.' + LIMITS.attachment + '.content_type: ' + JSON.stringify(att.content_type) + ' is not one of ' + LIMITS.types.join(', '))
  }
  var length = att.length
  // The stand-in server hands the base64 data instead of a stub.
  if (typeof length !== 'number' && typeof att.data === 'string') length = Math.floor((att.data.replace(/=+$/, '').length * 3) / 4)
  if (typeof length !== 'number') forbid('_attachments.' + LIMITS.attachment + ': send the photo inline (its size must be known)')
  if (length > LIMITS.maxBytes) forbid('_attachments.' + LIMITS.attachment + ': ' + length + ' bytes, more than ' + LIMITS.maxBytes)
  if (length === 0) forbid('_attachments.' + LIMITS.attachment + ': empty')
}
