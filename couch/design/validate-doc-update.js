/*
 * CouchDB validate_doc_update for every cdd-* database: the template. build-design-doc.ts replaces
 * __SCHEMAS__ (the JSON Schema of each doc type, generated from src/schema with z.toJSONSchema) and
 * __RULES__ (the reference and append-only type lists), and stores the function text from
 * `function (newDoc` to its closing brace as `_design/cdd`.validate_doc_update (the `export default`
 * only keeps this file a valid module for linters; it is not part of what CouchDB runs).
 *
 * ES5 ONLY: CouchDB 3 runs this in an old SpiderMonkey, and the embedded server in strict mode. No
 * arrow functions, let/const, template strings, for..of, require, instanceof Array (docs come from
 * another realm), and no regex flags or syntax newer than ES5. A unit test parses it as ES5.
 *
 * Messages follow CouchDB's convention, throw({forbidden: 'field: what is wrong'}), naming the field as
 * a dotted path (gps.lat, dataUpdatedMonths[0]) so the app can show it next to the input.
 */
/* global __SCHEMAS__, __RULES__, __RUBRIC_SCHEMA__ */
export default function (newDoc, oldDoc, userCtx) {
  var SCHEMAS = __SCHEMAS__
  var RULES = __RULES__

  var FORMATS = {
    date: function (s) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
      if (!m) return false
      var y = +m[1]
      var mo = +m[2]
      var d = +m[3]
      if (mo < 1 || mo > 12 || d < 1) return false
      var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
      var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
      return d <= days
    },
    'date-time': function (s) {
      var m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s)
      return !!m && FORMATS.date(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60
    },
    uri: function (s) {
      return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(s)
    }
  }

  function forbid(message) {
    throw { forbidden: message }
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key)
  }

  function isArray(v) {
    return Object.prototype.toString.call(v) === '[object Array]'
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !isArray(v)
  }

  function show(v) {
    return JSON.stringify(v)
  }

  function at(path, message) {
    return (path === '' ? '(document)' : path) + ': ' + message
  }

  function typeOk(type, v) {
    if (type === 'string') return typeof v === 'string'
    if (type === 'number') return typeof v === 'number' && isFinite(v)
    if (type === 'integer') return typeof v === 'number' && isFinite(v) && Math.floor(v) === v
    if (type === 'boolean') return typeof v === 'boolean'
    if (type === 'object') return isObject(v)
    if (type === 'array') return isArray(v)
    if (type === 'null') return v === null
    return false
  }

  // The property every branch of a oneOf/anyOf pins to a different const (zod's discriminated union:
  // `kind`, `mission`), so a refusal can name the branch's real problem instead of "no branch matched".
  function discriminator(branches) {
    var first = branches[0] && branches[0].properties
    if (!first) return null
    for (var key in first) {
      if (!has(first, key) || first[key] === null || !has(first[key], 'const')) continue
      var seen = {}
      var distinct = true
      for (var i = 0; i < branches.length; i++) {
        var p = branches[i].properties && branches[i].properties[key]
        if (!p || !has(p, 'const') || has(seen, show(p['const']))) {
          distinct = false
          break
        }
        seen[show(p['const'])] = true
      }
      if (distinct) return key
    }
    return null
  }

  function checkUnion(schema, branches, v, path, exactlyOne) {
    var key = isObject(v) ? discriminator(branches) : null
    var i
    if (key !== null) {
      var allowed = []
      for (i = 0; i < branches.length; i++) {
        var c = branches[i].properties[key]['const']
        if (v[key] === c) return check(branches[i], v, path)
        allowed.push(show(c))
      }
      var where = path === '' ? key : path + '.' + key
      return v[key] === undefined
        ? at(where, 'required')
        : at(where, 'expected one of ' + allowed.join(', ') + ', got ' + show(v[key]))
    }
    var firstError = null
    var matches = 0
    for (i = 0; i < branches.length; i++) {
      var err = check(branches[i], v, path)
      if (err === null) matches++
      else if (firstError === null) firstError = err
    }
    if (matches === 0) return firstError
    if (exactlyOne && matches > 1) return at(path, 'matches more than one allowed shape')
    return null
  }

  // A JSON Schema subset: exactly the keywords z.toJSONSchema emits for src/schema (the generator
  // refuses to build if a schema uses any other). Returns null or 'path: message'.
  function check(schema, v, path) {
    var i, key, err
    if (schema === true || schema === undefined) return null
    if (schema === false) return at(path, 'is not allowed')
    if (schema.oneOf) {
      err = checkUnion(schema, schema.oneOf, v, path, true)
      if (err !== null) return err
    }
    if (schema.anyOf) {
      err = checkUnion(schema, schema.anyOf, v, path, false)
      if (err !== null) return err
    }
    if (schema.allOf) {
      for (i = 0; i < schema.allOf.length; i++) {
        err = check(schema.allOf[i], v, path)
        if (err !== null) return err
      }
    }
    if (has(schema, 'const') && v !== schema['const']) {
      return at(path, 'expected ' + show(schema['const']) + ', got ' + show(v))
    }
    if (schema['enum']) {
      var found = false
      for (i = 0; i < schema['enum'].length; i++) if (schema['enum'][i] === v) found = true
      if (!found) {
        var names = []
        for (i = 0; i < schema['enum'].length; i++) names.push(show(schema['enum'][i]))
        return at(path, 'expected one of ' + names.join(', ') + ', got ' + show(v))
      }
    }
    if (schema.type !== undefined) {
      var types = isArray(schema.type) ? schema.type : [schema.type]
      var ok = false
      for (i = 0; i < types.length; i++) if (typeOk(types[i], v)) ok = true
      if (!ok) return at(path, 'expected ' + types.join(' or ') + ', got ' + show(v))
    }
    if (typeof v === 'string') {
      if (schema.minLength !== undefined && v.length < schema.minLength) {
        return at(path, 'must be at least ' + schema.minLength + ' characters')
      }
      if (schema.maxLength !== undefined && v.length > schema.maxLength) {
        return at(path, 'must be at most ' + schema.maxLength + ' characters')
      }
      // Format before pattern: zod also emits a pattern for dates, but "expected a valid date" reads
      // better than the pattern.
      if (schema.format !== undefined && FORMATS[schema.format] && !FORMATS[schema.format](v)) {
        return at(path, 'expected a valid ' + schema.format + ', got ' + show(v))
      }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(v)) {
        return at(path, 'does not match ' + schema.pattern + ': ' + show(v))
      }
    }
    if (typeof v === 'number') {
      if (schema.minimum !== undefined && v < schema.minimum) return at(path, 'must be at least ' + schema.minimum)
      if (schema.maximum !== undefined && v > schema.maximum) return at(path, 'must be at most ' + schema.maximum)
      if (schema.exclusiveMinimum !== undefined && v <= schema.exclusiveMinimum) {
        return at(path, 'must be more than ' + schema.exclusiveMinimum)
      }
      if (schema.exclusiveMaximum !== undefined && v >= schema.exclusiveMaximum) {
        return at(path, 'must be less than ' + schema.exclusiveMaximum)
      }
    }
    if (isArray(v)) {
      if (schema.minItems !== undefined && v.length < schema.minItems) {
        return at(path, 'must have at least ' + schema.minItems + ' items')
      }
      if (schema.maxItems !== undefined && v.length > schema.maxItems) {
        return at(path, 'must have at most ' + schema.maxItems + ' items')
      }
      if (schema.items !== undefined) {
        for (i = 0; i < v.length; i++) {
          err = check(schema.items, v[i], path + '[' + i + ']')
          if (err !== null) return err
        }
      }
    }
    if (isObject(v)) {
      var props = schema.properties || {}
      var prefix = path === '' ? '' : path + '.'
      if (schema.required) {
        for (i = 0; i < schema.required.length; i++) {
          if (v[schema.required[i]] === undefined) return at(prefix + schema.required[i], 'required')
        }
      }
      for (key in props) {
        if (has(props, key) && v[key] !== undefined) {
          err = check(props[key], v[key], prefix + key)
          if (err !== null) return err
        }
      }
      for (key in v) {
        if (!has(v, key) || has(props, key) || v[key] === undefined) continue
        if (schema.propertyNames !== undefined) {
          err = check(schema.propertyNames, key, prefix + key)
          if (err !== null) return err
        }
        if (schema.additionalProperties === false) return at(prefix + key, 'is not an allowed field')
        if (isObject(schema.additionalProperties)) {
          err = check(schema.additionalProperties, v[key], prefix + key)
          if (err !== null) return err
        }
      }
    }
    return null
  }

  function contains(list, item) {
    for (var i = 0; i < list.length; i++) if (list[i] === item) return true
    return false
  }

  var roles = (userCtx && userCtx.roles) || []
  var isAdmin = contains(roles, '_admin')
  var isSupervisor = isAdmin || contains(roles, 'supervisor')
  var user = userCtx ? userCtx.name : null
  var id = String(newDoc._id)
  // A deleted winner is no doc at all for these rules: writing over it creates afresh.
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null

  if (id.indexOf('_design/') === 0) {
    if (!isAdmin) forbid('_id: design documents may only be written by server admins')
    return
  }

  // Provisioning's own docs (config:districts in the province db, read by the app at login): server
  // admins only, and outside the app's doc types.
  if (id.indexOf('config:') === 0) {
    if (!isAdmin) forbid('_id: config documents may only be written by server admins')
    return
  }

  // --- Rubric editions (issue 13) ---------------------------------------------------------------
  // `rubric:<Buddhist-Era year>` docs in the province db: published by supervisors only, the edition's
  // shape checked against its JSON Schema (src/scoring/edition-doc.ts). Returns before the doc-type rules.
  if (id.indexOf('rubric:') === 0) {
    if (!isSupervisor) forbid('_id: rubric editions may only be published by supervisors')
    if (newDoc._deleted === true) return
    var rubricDb = /^cdd-(\d{2}|\d{4})$/.exec(String((userCtx && userCtx.db) || ''))
    if (rubricDb && rubricDb[1].length !== 2) forbid('_id: rubric editions belong in the province database cdd-' + rubricDb[1].slice(0, 2))
    var rubricError = check(__RUBRIC_SCHEMA__, newDoc, '')
    if (rubricError !== null) forbid(rubricError)
    if (id !== 'rubric:' + newDoc.edition.year) forbid('_id: expected rubric:' + newDoc.edition.year + ' (the edition year)')
    if (rubricDb && newDoc.province !== rubricDb[1]) forbid('province: expected ' + rubricDb[1] + ', got ' + newDoc.province)
    return
  }
  // --- end of rubric editions ---------------------------------------------------------------------

  // ── Ownership comes from the _id, never from oldDoc ──────────────────────────────────────────
  // A revision with no parent (`new_edits: false` with a fresh `_revisions`) reaches this function
  // with oldDoc = null on CouchDB, so who may write or delete a doc is read from its _id: append-only
  // docs, complaints and officer-added households carry their author's user name in it; reference
  // docs and TPMAP households have ids only supervisors may write (src/schema/ids.ts).
  var OWNED = RULES.ownedIds === true
  var ULID = '[0-9A-HJKMNP-TV-Z]{26}'

  function keyPart(value) {
    return String(value).replace(/^\s+|\s+$/g, '').replace(/[:\s]+/g, '-')
  }

  // What an id says about its doc, from the id alone: {kind, author (null: none in the id)}; null
  // when it matches no app id.
  function idOwner(docId) {
    var m = new RegExp('^(visit|assist|assess|complaint|post|report):(.+)$').exec(docId)
    if (m) {
      var rest = m[2]
      var tail = new RegExp('^(.*?)(?::)?(' + ULID + ')$').exec(rest)
      if (!tail) return null
      var head = tail[1]
      var parts = head === '' ? [] : head.split(':')
      if (m[1] === 'complaint' || m[1] === 'post' || m[1] === 'report') {
        if (parts.length === 0) return { kind: m[1], author: null }
        if (parts.length === 1) return { kind: m[1], author: parts[0] }
        return null
      }
      // A child: <parent>:<author>:<ulid>, or (before authors were in ids) <parent>:<ulid>. Parents
      // are household:V:H, household:V:H:<author> and plot:T:P.
      var parentKind = m[1] === 'assess' ? 'plot' : 'household'
      if (parts[0] !== parentKind) return null
      if (parts.length === 3) return { kind: m[1], author: null }
      if (parts.length === 4 || (parentKind === 'household' && parts.length === 5)) {
        return { kind: m[1], author: parts[parts.length - 1] }
      }
      return null
    }
    var segs = docId.split(':')
    if (segs[0] === 'household' && segs.length === 3) return { kind: 'household', author: null, tpmap: true }
    if (segs[0] === 'household' && segs.length === 4) return { kind: 'household', author: segs[3], tpmap: false }
    if ((segs[0] === 'village' && segs.length === 2) || ((segs[0] === 'plot' || segs[0] === 'facts') && segs.length === 3)) {
      return { kind: segs[0], author: null, reference: true }
    }
    return null
  }

  var ID_PREFIX = { 'mentor-visit': 'visit', assistance: 'assist', 'plot-assessment': 'assess', complaint: 'complaint', 'pr-post': 'post', 'monitoring-report': 'report' }

  // The id a doc of this type and these fields must have: null if it does, else the refusal.
  function idProblem(doc) {
    var t = doc.type
    var want
    if (t === 'village') want = ['village:' + keyPart(doc.code)]
    else if (t === 'plot') want = ['plot:' + keyPart(doc.tambonCode) + ':' + keyPart(doc.plotNo)]
    else if (t === 'province-facts') want = ['facts:' + keyPart(doc.province) + ':' + keyPart(doc.mission)]
    else if (t === 'household') {
      var base = 'household:' + keyPart(doc.villageCode) + ':' + keyPart(doc.houseId)
      if (doc.inTpmap === true) {
        if (id !== base) return '_id: a TPMAP household is ' + base + ', got ' + show(id)
        return null
      }
      if (id === base) {
        if (isSupervisor) return null
        return '_id: a household TPMAP missed is recorded as ' + base + ':' + user + '; ' + base + ' is a TPMAP household, written by supervisors'
      }
      if (id !== base + ':' + keyPart(doc.createdBy)) return '_id: expected ' + base + ':' + keyPart(doc.createdBy) + ' (the creator in the id), got ' + show(id)
      return null
    } else if (has(ID_PREFIX, t)) {
      var owner = idOwner(id)
      var parent = t === 'mentor-visit' || t === 'assistance' ? doc.householdId : t === 'plot-assessment' ? doc.plotId : null
      var start = ID_PREFIX[t] + ':' + (parent === null ? '' : parent + ':')
      var legacy = new RegExp('^' + ULID + '$').test(id.slice(start.length))
      if (id.indexOf(start) !== 0 || !owner || owner.kind !== ID_PREFIX[t] || (owner.author === null) !== legacy) {
        return '_id: expected ' + start + '<author>:<time-ordered id>, got ' + show(id)
      }
      if (owner.author === null) {
        // Ids from before authors were in them: kept readable, written only by supervisors
        // (complaints are shared district work: any member may edit one).
        return isSupervisor || t === 'complaint' ? null : '_id: ' + t + ' ids carry their author: expected ' + start + user + ':<time-ordered id>'
      }
      if (owner.author !== doc.createdBy) return '_id: the author in the id (' + owner.author + ') is not createdBy (' + doc.createdBy + ')'
      if (!isSupervisor && t !== 'complaint' && owner.author !== user) {
        return '_id: ' + t + ' documents are their author’s (' + owner.author + '); you are ' + user
      }
      return null
    } else {
      return null
    }
    for (var w = 0; w < want.length; w++) if (id === want[w]) return null
    return '_id: expected ' + want.join(' or ') + ', got ' + show(id)
  }

  // Depth and size of everything in the doc, named by the schema or not (a loose object keeps
  // unknown fields): one doc nested 10,000 deep would stop every phone's pull of the district.
  // Iterative, so a deep doc cannot overflow this function's own stack.
  function structureProblem(doc) {
    var stack = [[doc, '', 0]]
    var nodes = 0
    var chars = 0
    while (stack.length) {
      var item = stack.pop()
      var v = item[0]
      var path = item[1]
      var depth = item[2]
      nodes++
      if (nodes > RULES.limits.maxValues) return at('', 'more than ' + RULES.limits.maxValues + ' values')
      if (typeof v === 'string') {
        if (path.indexOf('_attachments.') === 0 || path === '_attachments') continue
        chars += v.length
        if (v.length > RULES.limits.maxString) return at(path, 'longer than ' + RULES.limits.maxString + ' characters')
        if (chars > RULES.limits.maxChars) return at(path, 'the document is over ' + RULES.limits.maxChars + ' characters of text')
        continue
      }
      if (v === null || typeof v !== 'object') continue
      if (depth >= RULES.limits.maxDepth) return at(path.split(/[.[]/)[0], 'nested deeper than ' + RULES.limits.maxDepth + ' levels')
      if (isArray(v)) {
        for (var i = 0; i < v.length; i++) stack.push([v[i], path + '[' + i + ']', depth + 1])
      } else {
        for (var k in v) {
          if (!has(v, k)) continue
          chars += k.length
          stack.push([v[k], path === '' ? k : path + '.' + k, depth + 1])
        }
      }
    }
    return null
  }

  if (OWNED) {
    var structure = structureProblem(newDoc)
    if (structure !== null) forbid(structure)
  }

  if (newDoc._deleted === true) {
    if (OWNED) {
      // A tombstone is a deletion, nothing else: a body on it would replicate to every phone.
      for (var field in newDoc) {
        if (has(newDoc, field) && field !== '_id' && field !== '_rev' && field !== '_deleted' && field !== '_revisions') {
          forbid(field + ': a deleted document carries only _id, _rev and _deleted')
        }
      }
      if (!isSupervisor) {
        var o = idOwner(id)
        if (!o) forbid('_deleted: only supervisors may delete ' + show(id))
        if (o.reference) forbid('_deleted: ' + o.kind + ' documents may only be deleted by supervisors')
        if (o.tpmap) forbid('_deleted: TPMAP households may only be deleted by supervisors')
        if (o.author === null) forbid('_deleted: only a supervisor may delete this ' + o.kind + ' (its id names no author)')
        if (o.author !== user) forbid('_deleted: only its author (' + o.author + ') or a supervisor may delete this ' + o.kind)
      }
      return
    }
    if (old && !isSupervisor) {
      if (contains(RULES.referenceTypes, old.type)) {
        forbid('_deleted: ' + old.type + ' documents may only be deleted by supervisors')
      }
      if (contains(RULES.appendOnlyTypes, old.type) && old.createdBy !== user) {
        forbid('_deleted: only the creator (' + old.createdBy + ') or a supervisor may delete this ' + old.type)
      }
    }
    return
  }

  if (typeof newDoc.type !== 'string' || !has(SCHEMAS, newDoc.type)) {
    forbid(newDoc.type === undefined ? 'type: required' : 'type: unknown document type ' + show(newDoc.type))
  }
  var type = newDoc.type

  var shapeError = check(SCHEMAS[type], newDoc, '')
  if (shapeError !== null) forbid(shapeError)

  // The db is cdd-<district> (4 digits) or cdd-<province> (2 digits): its docs carry that code.
  var dbMatch = /^cdd-(\d{2}|\d{4})$/.exec(String((userCtx && userCtx.db) || ''))
  if (dbMatch) {
    var area = dbMatch[1]
    if (newDoc.district !== area) forbid('district: expected ' + area + ', got ' + newDoc.district)
    var provinceDb = area.length === 2
    if (provinceDb && type !== 'province-facts') {
      forbid('type: only province-facts belong in the province database ' + userCtx.db + ', got ' + show(type))
    }
    if (!provinceDb && type === 'province-facts') {
      forbid('type: province-facts belong in the province database cdd-' + area.slice(0, 2))
    }
    if (type === 'province-facts' && newDoc.province !== area) {
      forbid('province: expected ' + area + ', got ' + newDoc.province)
    }
  }

  if (old) {
    if (newDoc.createdBy !== old.createdBy) forbid('createdBy: may not change (was ' + old.createdBy + ')')
    if (newDoc.createdAt !== old.createdAt) forbid('createdAt: may not change (was ' + old.createdAt + ')')
    if (old.type !== undefined && newDoc.type !== old.type) forbid('type: may not change (was ' + old.type + ')')
  } else if (!isAdmin && newDoc.createdBy !== user) {
    forbid('createdBy: expected ' + user + ' (the user writing), got ' + newDoc.createdBy)
  }

  if (OWNED) {
    var idError = idProblem(newDoc)
    if (idError !== null) forbid(idError)
    if (!isAdmin && newDoc.updatedBy !== user) forbid('updatedBy: expected ' + user + ' (the user writing), got ' + show(newDoc.updatedBy))
    var atts = newDoc._attachments
    if (atts !== undefined) {
      for (var name in atts) {
        if (!has(atts, name)) continue
        var a = atts[name]
        if (!contains(RULES.attachments.types, a.content_type)) {
          forbid('_attachments.' + name + ': expected ' + RULES.attachments.types.join(', ') + ', got ' + show(a.content_type))
        }
        // CouchDB gives the length of every attachment it has the bytes of; a streamed standalone
        // PUT arrives without one ("undefined"), and so is refused: photos travel inline.
        var bytes = a.length
        if (typeof bytes !== 'number' && typeof a.data === 'string') {
          bytes = Math.floor((a.data.length * 3) / 4) - (/==$/.test(a.data) ? 2 : /=$/.test(a.data) ? 1 : 0)
        }
        if (typeof bytes !== 'number') forbid('_attachments.' + name + '.length: unknown (send attachments inline, base64)')
        if (bytes > RULES.attachments.maxBytes) {
          forbid('_attachments.' + name + '.length: ' + bytes + ' bytes, at most ' + RULES.attachments.maxBytes)
        }
      }
    }
  }

  if (contains(RULES.referenceTypes, type) && !isSupervisor) {
    forbid('type: ' + type + ' documents may only be written by supervisors')
  }

  if (type === 'household' && !isSupervisor) {
    if (!old && newDoc.inTpmap === true) {
      forbid('inTpmap: only supervisors may add TPMAP target households')
    }
    if (old) {
      var locked = ['inTpmap', 'villageCode', 'houseId']
      for (var i = 0; i < locked.length; i++) {
        if (newDoc[locked[i]] !== old[locked[i]]) {
          forbid(locked[i] + ': only supervisors may change it (was ' + show(old[locked[i]]) + ')')
        }
      }
    }
  }

  if (old && contains(RULES.appendOnlyTypes, type) && !isSupervisor) {
    forbid('_rev: ' + type + ' documents are append-only; only a supervisor may correct one')
  }

  // ── Reviews and edit history (issue 15) ── begin ──────────────────────────────────────────────
  // Ids are <type>:<recordId>:<author>:<ulid>: the author lives in the id, so ownership never rests
  // on oldDoc (null for a parentless revision on real CouchDB). Server admins (imports, tests) pass.
  if ((type === 'review' || type === 'history') && !isAdmin) {
    var idParts = id.split(':')
    var idAuthor = idParts.length >= 4 ? idParts[idParts.length - 2] : null
    if (idParts[0] !== type || idAuthor !== user) {
      forbid('_id: a ' + type + ' id is ' + type + ':<record>:' + user + ':<id> (its author), got ' + show(id))
    }
    if (idParts.slice(1, -2).join(':') !== newDoc.recordId) {
      forbid('recordId: expected the record named in the id, got ' + show(newDoc.recordId))
    }
    if (old) forbid('_rev: ' + type + ' documents are never changed; write a new one')
  }
  if (type === 'review' && !isAdmin) {
    // Supervisors of the area: the supervisor role and the district's or its province's role.
    var inArea = !dbMatch || contains(roles, 'district:' + dbMatch[1]) || contains(roles, 'province:' + dbMatch[1].slice(0, 2))
    if (!contains(roles, 'supervisor') || !inArea) forbid('type: only supervisors of this area may review records')
  }
  // ── Reviews and edit history (issue 15) ── end ────────────────────────────────────────────────
  // ── Office settings (issue 15, lists) ── begin ─────────────────────────────────────────────────
  // One doc per district, named by it; written by supervisors of that district or its province only
  // (officers receive it by sync and may not change it: referenceTypes refuses them above).
  if (type === 'office-settings' && !isAdmin) {
    if (id !== 'office-settings:' + newDoc.district) forbid('_id: expected office-settings:' + newDoc.district + ', got ' + show(id))
    var settingsInArea = !dbMatch || contains(roles, 'district:' + dbMatch[1]) || contains(roles, 'province:' + dbMatch[1].slice(0, 2))
    if (!contains(roles, 'supervisor') || !settingsInArea) forbid('type: only supervisors of this area may change its office settings')
  }
  // ── Office settings (issue 15, lists) ── end ───────────────────────────────────────────────────
}
