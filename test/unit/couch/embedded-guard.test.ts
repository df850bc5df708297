import { describe, expect, it } from 'vitest'
import {
  adminRefusal,
  bulkDocsRefusal,
  guardDecision,
  pathSegments,
  usersDbRefusal,
} from '../../../couch/embedded-guard'

const decide = (method: string, path: string, query: Record<string, unknown> = {}) =>
  guardDecision({ method, path, query })

describe('guardDecision', () => {
  it('passes ordinary document and replication traffic', () => {
    expect(decide('GET', '/')).toEqual({ kind: 'pass' })
    expect(decide('GET', '/cdd-4301/household:1')).toEqual({ kind: 'pass' })
    expect(decide('GET', '/cdd-4301/_changes', { feed: 'longpoll', since: '0' })).toEqual({ kind: 'pass' })
    expect(decide('POST', '/cdd-4301/_changes', { filter: '_doc_ids' })).toEqual({ kind: 'pass' })
    expect(decide('POST', '/_session')).toEqual({ kind: 'pass' })
    expect(decide('POST', '/cdd-4301/_revs_diff')).toEqual({ kind: 'pass' })
  })

  it('sends database creation and deletion to the admin check', () => {
    expect(decide('PUT', '/cdd-4301')).toEqual({ kind: 'admin-only' })
    expect(decide('DELETE', '/cdd-4301')).toEqual({ kind: 'admin-only' })
    expect(decide('PUT', '/_users')).toEqual({ kind: 'admin-only' })
    expect(decide('GET', '/_all_dbs')).toEqual({ kind: 'admin-only' })
    expect(decide('POST', '/_replicate')).toEqual({ kind: 'admin-only' })
    expect(decide('GET', '/_config/admins')).toEqual({ kind: 'admin-only' })
  })

  it('refuses selector, view and design-doc filters on _changes', () => {
    for (const filter of ['_selector', '_view', 'ddoc/name', 5]) {
      const d = decide('GET', '/cdd-4301/_changes', { filter })
      expect(d).toMatchObject({ kind: 'refuse', refusal: { status: 400, error: 'bad_request' } })
    }
  })

  it('refuses illegal and path-climbing names and bad percent-encoding', () => {
    for (const path of ['/BadName', '/%2e%2e', '/..%2F..%2Fetc', '/1abc', '/a.b']) {
      expect(decide('GET', path)).toMatchObject({ kind: 'refuse', refusal: { status: 400, error: 'illegal_database_name' } })
    }
    expect(decide('GET', '/%E0%A4%A')).toMatchObject({ kind: 'refuse', refusal: { status: 400 } })
  })

  it('refuses _temp_view and _list, checks _bulk_docs, routes _users', () => {
    expect(decide('POST', '/cdd-4301/_temp_view')).toMatchObject({ refusal: { status: 410 } })
    expect(decide('GET', '/cdd-4301/_design/x/_list/a/b')).toMatchObject({ refusal: { status: 400 } })
    expect(decide('POST', '/cdd-4301/_bulk_docs')).toEqual({ kind: 'bulk-docs' })
    expect(decide('GET', '/_users/org.couchdb.user:bob')).toEqual({ kind: 'users-db', docId: 'org.couchdb.user:bob' })
    expect(decide('GET', '/_users/_all_docs')).toEqual({ kind: 'users-db', docId: '_all_docs' })
  })
})

describe('pathSegments', () => {
  it('decodes each segment', () => {
    expect(pathSegments('/cdd-4301/household%3A1')).toEqual(['cdd-4301', 'household:1'])
    expect(pathSegments('/%zz')).toBeUndefined()
  })
})

describe('session rules', () => {
  const anon = { name: null, roles: [] }
  const bob = { name: 'bob', roles: ['district:4301'] }
  const root = { name: 'admin', roles: ['_admin'] }

  it('admin-only refuses everyone but _admin with 401', () => {
    expect(adminRefusal(root)).toBeUndefined()
    expect(adminRefusal(anon)?.status).toBe(401)
    expect(adminRefusal(bob)?.status).toBe(401)
  })

  it('_users: own doc only, no sign-up, no listing', () => {
    expect(usersDbRefusal('GET', 'org.couchdb.user:bob', bob)).toBeUndefined()
    expect(usersDbRefusal('PUT', 'org.couchdb.user:bob', bob)).toBeUndefined()
    expect(usersDbRefusal('GET', 'org.couchdb.user:eve', bob)?.status).toBe(403)
    expect(usersDbRefusal('GET', '_all_docs', bob)?.status).toBe(403)
    expect(usersDbRefusal('PUT', 'org.couchdb.user:eve', anon)?.status).toBe(401)
    expect(usersDbRefusal('GET', '_all_docs', root)).toBeUndefined()
  })
})

describe('bulkDocsRefusal', () => {
  it('accepts a docs array of objects, with or without valid _revisions', () => {
    expect(bulkDocsRefusal({ docs: [] })).toBeUndefined()
    expect(bulkDocsRefusal({ docs: [{ _id: 'a' }], new_edits: false })).toBeUndefined()
    expect(bulkDocsRefusal({ docs: [{ _id: 'a', _rev: '1-x', _revisions: { start: 1, ids: ['x'] } }] })).toBeUndefined()
  })

  it('refuses what express-pouchdb would answer with an HTML 500', () => {
    expect(bulkDocsRefusal([1])?.status).toBe(400)
    expect(bulkDocsRefusal({ docs: 5 })?.status).toBe(400)
    expect(bulkDocsRefusal({ docs: [1, 'x', null] })?.status).toBe(400)
    expect(bulkDocsRefusal({ docs: [{ _revisions: 5 }] })?.status).toBe(400)
  })
})
