// Raw control-plane checks for what SDK 2.51 hides or no longer sends: exact status codes (201/200/204/404/409),
// JSON error bodies, the older POST /sandboxes with "secure", both connect endpoints, required response
// fields (the Python SDK needs all of them), and envd /health turning 502 after pause and kill.

import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { Sandbox } from 'e2b'
import {
  REQUEST_TIMEOUT_MS,
  RUN_TAG,
  api,
  cleanupAll,
  createSandbox,
  envd,
  killQuietly,
  between,
  near,
  track,
  uniq,
  unknownSandboxId,
} from './helpers.mjs'

after(cleanupAll)

function assertSandboxBody(body, label) {
  assert.equal(typeof body?.sandboxID, 'string', `${label}: no sandboxID in ${JSON.stringify(body)}`)
  assert.match(body.sandboxID, /^[a-z0-9]{20}$/, `${label}: sandboxID`)
  for (const key of ['templateID', 'clientID', 'envdVersion']) {
    assert.equal(typeof body[key], 'string', `${label}: ${key} missing in ${JSON.stringify(body)}`)
  }
}

function assertErrorBody(res, status, label) {
  assert.equal(res.status, status, `${label}: ${res.status} ${res.text}`)
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, `${label}: content type`)
  assert.equal(res.json?.code, status, `${label}: body ${res.text}`)
  assert.equal(typeof res.json?.message, 'string', `${label}: body ${res.text}`)
}

const LISTED_FIELDS = ['templateID', 'sandboxID', 'clientID', 'startedAt', 'endAt', 'cpuCount', 'memoryMB', 'diskSizeMB', 'state', 'envdVersion']

test('POST /v2/sandboxes: 201 with templateID, sandboxID, clientID, envdVersion and envdAccessToken', { timeout: 30_000 }, async () => {
  const res = await api('POST', '/v2/sandboxes', { body: { templateID: 'base', timeout: 30, metadata: { suite: RUN_TAG } } })
  assert.equal(res.status, 201, `${res.status} ${res.text}`)
  assertSandboxBody(res.json, 'create v2')
  track(res.json.sandboxID)
  try {
    assert.equal(typeof res.json.envdAccessToken, 'string')
    assert.ok(res.json.envdAccessToken.length > 0, 'every /v2 sandbox is secured')

    const detail = await api('GET', `/sandboxes/${res.json.sandboxID}`)
    assert.equal(detail.status, 200)
    for (const key of LISTED_FIELDS) assert.ok(key in detail.json, `GET /sandboxes/{id} lacks ${key}: ${detail.text}`)
    assert.equal(detail.json.state, 'running')
    assert.deepEqual(detail.json.metadata, { suite: RUN_TAG })
    near(Date.parse(detail.json.endAt), Date.parse(detail.json.startedAt) + 30_000, 2_000, 'endAt of timeout 30')
  } finally {
    await killQuietly(res.json.sandboxID)
  }
})

test('older POST /sandboxes honours "secure": no token needed when false, required when true', { timeout: 60_000 }, async () => {
  const insecure = await api('POST', '/sandboxes', {
    body: { templateID: 'base', timeout: 30, secure: false, metadata: { suite: RUN_TAG } },
  })
  assert.equal(insecure.status, 201, `${insecure.status} ${insecure.text}`)
  assertSandboxBody(insecure.json, 'create v1 secure:false')
  track(insecure.json.sandboxID)
  const secure = await api('POST', '/sandboxes', {
    body: { templateID: 'base', timeout: 30, secure: true, metadata: { suite: RUN_TAG } },
  })
  assert.equal(secure.status, 201, `${secure.status} ${secure.text}`)
  assertSandboxBody(secure.json, 'create v1 secure:true')
  track(secure.json.sandboxID)
  try {
    assert.ok(!insecure.json.envdAccessToken, `an unsecured sandbox got a token: ${insecure.text}`)
    const open = await envd(insecure.json.sandboxID, 'POST', '/process.Process/List', { json: {} })
    assert.equal(open.status, 200, `RPC on an unsecured sandbox without token: ${open.status} ${open.text}`)

    // The SDK works with an unsecured sandbox too (no X-Access-Token at all).
    const viaSdk = await Sandbox.connect(insecure.json.sandboxID, { requestTimeoutMs: REQUEST_TIMEOUT_MS })
    assert.equal((await viaSdk.commands.run('echo open', { timeoutMs: 10_000 })).stdout, 'open\n')
    const path = `/tmp/${uniq('insecure')}.txt`
    await viaSdk.files.write(path, 'no token')
    assert.equal(await viaSdk.files.read(path), 'no token')

    assert.equal(typeof secure.json.envdAccessToken, 'string')
    assert.ok(secure.json.envdAccessToken.length > 0)
    const closed = await envd(secure.json.sandboxID, 'POST', '/process.Process/List', { json: {} })
    assert.equal(closed.status, 401, `RPC on a secured sandbox without token: ${closed.status} ${closed.text}`)
    const withToken = await envd(secure.json.sandboxID, 'POST', '/process.Process/List', {
      json: {},
      token: secure.json.envdAccessToken,
    })
    assert.equal(withToken.status, 200)
  } finally {
    await killQuietly(insecure.json.sandboxID)
    await killQuietly(secure.json.sandboxID)
  }
})

test('connect answers 200 for a running sandbox and 201 when it resumes a paused one; pause is 204 then 409', { timeout: 60_000 }, async () => {
  const sbx = await createSandbox({ timeoutMs: 30_000 })
  const id = sbx.sandboxId
  try {
    const v2 = await api('POST', `/v2/sandboxes/${id}/connect`, { body: { timeout: 30 } })
    assert.equal(v2.status, 200, `v2 connect running: ${v2.status} ${v2.text}`)
    assertSandboxBody(v2.json, 'v2 connect')
    assert.equal(v2.json.sandboxID, id)
    assert.equal(typeof v2.json.envdAccessToken, 'string')
    const v1 = await api('POST', `/sandboxes/${id}/connect`, { body: { timeout: 30 } })
    assert.equal(v1.status, 200, `v1 connect running: ${v1.status} ${v1.text}`)
    assert.equal(v1.json?.sandboxID, id)

    const pause = await api('POST', `/sandboxes/${id}/pause`, { body: {} })
    assert.equal(pause.status, 204, `pause: ${pause.status} ${pause.text}`)
    assertErrorBody(await api('POST', `/sandboxes/${id}/pause`, { body: {} }), 409, 'second pause')
    const health = await envd(id, 'GET', '/health')
    assert.equal(health.status, 502, `/health of a paused sandbox: ${health.status} ${health.text}`)

    const resumedV1 = await api('POST', `/sandboxes/${id}/connect`, { body: { timeout: 30 } })
    assert.equal(resumedV1.status, 201, `v1 connect paused: ${resumedV1.status} ${resumedV1.text}`)
    assert.equal((await envd(id, 'GET', '/health')).status, 204)

    assert.equal((await api('POST', `/sandboxes/${id}/pause`, { body: { memory: false } })).status, 204)
    const resumedV2 = await api('POST', `/v2/sandboxes/${id}/connect`, { body: {} })
    assert.equal(resumedV2.status, 201, `v2 connect paused: ${resumedV2.status} ${resumedV2.text}`)
    assert.equal(resumedV2.json?.sandboxID, id)
    assert.equal((await envd(id, 'GET', '/health')).status, 204)

    const unknown = unknownSandboxId()
    assertErrorBody(await api('POST', `/v2/sandboxes/${unknown}/connect`, { body: {} }), 404, 'v2 connect unknown')
    assertErrorBody(await api('POST', `/sandboxes/${unknown}/connect`, { body: { timeout: 30 } }), 404, 'v1 connect unknown')
    assertErrorBody(await api('POST', `/sandboxes/${unknown}/pause`, { body: {} }), 404, 'pause unknown')
  } finally {
    await killQuietly(sbx)
  }
})

test('timeout 204, metrics array, DELETE 204 then 404, and a killed sandbox is 404 / 502', { timeout: 60_000 }, async () => {
  const sbx = await createSandbox({ timeoutMs: 60_000 })
  const id = sbx.sandboxId
  try {
    const t0 = Date.now()
    const timeout = await api('POST', `/sandboxes/${id}/timeout`, { body: { timeout: 20 } })
    const t0done = Date.now()
    assert.equal(timeout.status, 204, `timeout: ${timeout.status} ${timeout.text}`)
    const detail = await api('GET', `/sandboxes/${id}`)
    assert.equal(detail.status, 200)
    between(Date.parse(detail.json.endAt), t0 + 20_000, t0done + 20_000, 50, 'endAt after POST timeout 20')

    const metrics = await api('GET', `/sandboxes/${id}/metrics`)
    assert.equal(metrics.status, 200, `metrics: ${metrics.status} ${metrics.text}`)
    assert.ok(Array.isArray(metrics.json), `metrics is not an array: ${metrics.text}`)

    const listed = await api(
      'GET',
      `/v2/sandboxes?metadata=${encodeURIComponent(new URLSearchParams({ suite: RUN_TAG }).toString())}`,
    )
    assert.equal(listed.status, 200)
    const item = listed.json.find((s) => s.sandboxID === id)
    assert.ok(item, `GET /v2/sandboxes does not list ${id}: ${listed.text}`)
    for (const key of LISTED_FIELDS) assert.ok(key in item, `listed sandbox lacks ${key}: ${JSON.stringify(item)}`)
    assert.equal(listed.headers.get('x-next-token'), null, 'X-Next-Token on a single page')

    const del = await api('DELETE', `/sandboxes/${id}`)
    assert.equal(del.status, 204, `DELETE: ${del.status} ${del.text}`)
    assertErrorBody(await api('DELETE', `/sandboxes/${id}`), 404, 'second DELETE')
    assertErrorBody(await api('GET', `/sandboxes/${id}`), 404, 'GET after kill')
    assertErrorBody(await api('POST', `/sandboxes/${id}/timeout`, { body: { timeout: 20 } }), 404, 'timeout after kill')
    assertErrorBody(await api('GET', `/sandboxes/${id}/metrics`), 404, 'metrics after kill')
    const health = await envd(id, 'GET', '/health')
    assert.equal(health.status, 502, `/health after kill: ${health.status} ${health.text}`)
    assert.match(health.headers.get('content-type') ?? '', /application\/json/, '/health 502 body should be JSON')
  } finally {
    await killQuietly(sbx)
  }
})
