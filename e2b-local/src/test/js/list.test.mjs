// Sandbox.list through the official SDK: metadata filter, limit + nextToken pagination (X-Next-Token only
// when more pages exist, newest first), state filter (running/paused), and metadata values with
// characters that the SDK's triple percent-encoding must carry through.

import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { Sandbox } from 'e2b'
import { REQUEST_TIMEOUT_MS, RUN_TAG, cleanupAll, createSandbox, killQuietly, sleep, uniq } from './helpers.mjs'

after(cleanupAll)

/** Walks every page of a paginator; returns the pages (arrays of SandboxInfo). */
async function allPages(paginator, maxPages = 20) {
  const pages = []
  while (paginator.hasNext) {
    assert.ok(pages.length < maxPages, `more than ${maxPages} pages: the server never stops sending X-Next-Token`)
    pages.push(await paginator.nextItems())
  }
  return pages
}

function list(query, extra = {}) {
  return Sandbox.list({ requestTimeoutMs: REQUEST_TIMEOUT_MS, query, ...extra })
}

const ids = (items) => items.map((s) => s.sandboxId).sort()

test('limit 1 walks all pages with nextToken, newest first; the last page has no token', { timeout: 90_000 }, async () => {
  const group = uniq('page')
  const created = []
  try {
    for (let i = 0; i < 3; i++) {
      created.push(await createSandbox({ metadata: { group } }))
      await sleep(50) // distinct start times
    }
    const query = { metadata: { suite: RUN_TAG, group } }

    const paginator = list(query, { limit: 1 })
    assert.equal(paginator.hasNext, true)
    const pages = []
    const tokens = []
    while (paginator.hasNext) {
      assert.ok(pages.length < 3, 'a 4th page was announced (X-Next-Token on the last page)')
      const page = await paginator.nextItems()
      pages.push(page)
      tokens.push(paginator.nextToken)
    }
    assert.deepEqual(
      pages.map((p) => p.length),
      [1, 1, 1],
    )
    assert.equal(typeof tokens[0], 'string')
    assert.equal(typeof tokens[1], 'string')
    assert.equal(tokens[2], undefined, 'the last page carried an X-Next-Token')
    assert.equal(paginator.hasNext, false)
    const items = pages.flat()
    assert.deepEqual(ids(items), ids(created))
    await assert.rejects(paginator.nextItems(), /No more items to fetch/)

    for (const item of items) {
      assert.equal(item.state, 'running')
      assert.equal(item.metadata.group, group)
      assert.equal(item.metadata.suite, RUN_TAG)
      assert.ok(item.startedAt < item.endAt)
      assert.equal(typeof item.templateId, 'string')
      assert.equal(typeof item.cpuCount, 'number')
      assert.equal(typeof item.memoryMB, 'number')
      assert.equal(typeof item.envdVersion, 'string')
    }

    // Newest first: start times never increase along the pages.
    for (let i = 1; i < items.length; i++) {
      assert.ok(items[i - 1].startedAt >= items[i].startedAt, 'list is not ordered newest first')
    }
    const startTimes = items.map((s) => s.startedAt.getTime())
    if (new Set(startTimes).size === 3) {
      assert.deepEqual(
        items.map((s) => s.sandboxId),
        created.map((s) => s.sandboxId).reverse(),
        'distinct start times, but the order is not newest first',
      )
    }

    // limit 3 with exactly 3 matches: one page and no token.
    const single = list(query, { limit: 3 })
    const onePage = await single.nextItems()
    assert.equal(onePage.length, 3)
    assert.equal(single.hasNext, false, 'X-Next-Token sent although no more sandboxes match')

    // limit 2: 2 + 1.
    const pagesOf2 = await allPages(list(query, { limit: 2 }))
    assert.deepEqual(
      pagesOf2.map((p) => p.length),
      [2, 1],
    )
    assert.deepEqual(ids(pagesOf2.flat()), ids(created))

    // No limit: everything on one page.
    const unlimited = await allPages(list(query))
    assert.equal(unlimited.length, 1)
    assert.deepEqual(ids(unlimited[0]), ids(created))
  } finally {
    await Promise.all(created.map((s) => killQuietly(s)))
  }
})

test("order 'asc' lists oldest first and 'desc' newest first, page by page", { timeout: 90_000 }, async () => {
  const group = uniq('order')
  const created = []
  try {
    for (let i = 0; i < 3; i++) {
      created.push(await createSandbox({ metadata: { group } }))
    }
    const query = { metadata: { suite: RUN_TAG, group } }
    const oldestFirst = created.map((s) => s.sandboxId)

    const ascending = (await allPages(list(query, { limit: 1, order: 'asc' }))).flat()
    assert.deepEqual(ascending.map((s) => s.sandboxId), oldestFirst, "order 'asc' is not oldest first")
    const descending = (await allPages(list(query, { limit: 2, order: 'desc' }))).flat()
    assert.deepEqual(descending.map((s) => s.sandboxId), [...oldestFirst].reverse(), "order 'desc' is not newest first")
    const byDefault = (await allPages(list(query))).flat()
    assert.deepEqual(byDefault.map((s) => s.sandboxId), [...oldestFirst].reverse(), 'the default is not newest first')
  } finally {
    await Promise.all(created.map((s) => killQuietly(s)))
  }
})

test('state filter: paused and running sandboxes are told apart', { timeout: 90_000 }, async () => {
  const group = uniq('state')
  const created = await Promise.all([0, 1, 2].map(() => createSandbox({ metadata: { group } })))
  try {
    const [pausedOne, ...running] = created
    assert.equal(await pausedOne.pause(), true)
    const query = { metadata: { suite: RUN_TAG, group } }

    const paused = await allPages(list({ ...query, state: ['paused'] }))
    assert.deepEqual(ids(paused.flat()), [pausedOne.sandboxId])
    assert.equal(paused.flat()[0].state, 'paused')

    const runningOnly = (await allPages(list({ ...query, state: ['running'] }))).flat()
    assert.deepEqual(ids(runningOnly), ids(running))
    assert.ok(runningOnly.every((s) => s.state === 'running'))

    const both = (await allPages(list({ ...query, state: ['running', 'paused'] }))).flat()
    assert.deepEqual(ids(both), ids(created))

    // No state filter: running and paused.
    const byDefault = (await allPages(list(query))).flat()
    assert.deepEqual(ids(byDefault), ids(created))
    assert.equal(byDefault.find((s) => s.sandboxId === pausedOne.sandboxId).state, 'paused')
  } finally {
    await Promise.all(created.map((s) => killQuietly(s)))
  }
})

test('metadata with space, "/", "&", "=", "+" and "%" round-trips through the filter', { timeout: 60_000 }, async () => {
  const group = uniq('meta')
  const key = 'odd key/with&and=eq'
  const value = 'v a/b&c=d+e%20f'
  const [match, other] = await Promise.all([
    createSandbox({ metadata: { group, [key]: value } }),
    createSandbox({ metadata: { group, [key]: 'v a/b&c=d' } }), // a prefix of the value: must not match
  ])
  try {
    const info = await match.getInfo()
    assert.equal(info.metadata[key], value)

    const found = (await allPages(list({ metadata: { suite: RUN_TAG, group, [key]: value } }))).flat()
    assert.deepEqual(ids(found), [match.sandboxId])
    assert.equal(found[0].metadata[key], value)
    assert.equal(found[0].metadata.group, group)

    // Filters are ANDed; the group alone matches both.
    const byGroup = (await allPages(list({ metadata: { suite: RUN_TAG, group } }))).flat()
    assert.deepEqual(ids(byGroup), ids([match, other]))

    const none = (await allPages(list({ metadata: { suite: RUN_TAG, group, [key]: `${value}x` } }))).flat()
    assert.deepEqual(none, [])
  } finally {
    await Promise.all([killQuietly(match), killQuietly(other)])
  }
})
