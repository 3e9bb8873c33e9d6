// Authentication: the control plane's X-API-KEY (SDK AuthenticationError for a wrong key, 401 JSON without
// one) and envd's X-Access-Token (RPCs and /files refuse a wrong or missing token; /health is exempt),
// checked both through the SDK and with raw requests.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { AuthenticationError, Sandbox } from 'e2b'
import {
  API_KEY,
  REQUEST_TIMEOUT_MS,
  RUN_TAG,
  accessTokenOf,
  api,
  cleanupAll,
  createSandbox,
  envd,
  killQuietly,
  uniq,
} from './helpers.mjs'

const WRONG_KEY = API_KEY === 'e2b_' + 'f'.repeat(40) ? 'e2b_' + 'e'.repeat(40) : 'e2b_' + 'f'.repeat(40)
const wrong = { apiKey: WRONG_KEY, requestTimeoutMs: REQUEST_TIMEOUT_MS }

/** @type {import('e2b').Sandbox} */
let sbx

before(async () => {
  sbx = await createSandbox()
})

after(async () => {
  await killQuietly(sbx)
  await cleanupAll()
})

test('a wrong API key gets AuthenticationError on create, list, getInfo and kill', { timeout: 30_000 }, async () => {
  await assert.rejects(Sandbox.create({ ...wrong, timeoutMs: 30_000, metadata: { suite: RUN_TAG } }), AuthenticationError)
  await assert.rejects(Sandbox.list(wrong).nextItems(), AuthenticationError)
  await assert.rejects(Sandbox.getInfo(sbx.sandboxId, wrong), AuthenticationError)
  await assert.rejects(Sandbox.kill(sbx.sandboxId, wrong), AuthenticationError)
  await assert.rejects(Sandbox.connect(sbx.sandboxId, wrong), AuthenticationError)
  // Nothing was done on the refused calls.
  assert.equal(await sbx.isRunning(), true)
  assert.equal((await sbx.getInfo()).state, 'running')
})

test('control plane without X-API-KEY: 401 with a JSON error body', { timeout: 30_000 }, async () => {
  for (const [method, path, body] of [
    ['GET', '/v2/sandboxes'],
    ['GET', `/sandboxes/${sbx.sandboxId}`],
    ['POST', '/v2/sandboxes', { templateID: 'base', timeout: 30, metadata: { suite: RUN_TAG } }],
    ['DELETE', `/sandboxes/${sbx.sandboxId}`],
  ]) {
    const res = await api(method, path, { apiKey: null, body })
    assert.equal(res.status, 401, `${method} ${path} without a key: ${res.status} ${res.text}`)
    assert.match(res.headers.get('content-type') ?? '', /application\/json/)
    assert.equal(res.json?.code, 401, `${method} ${path}: body ${res.text}`)
    assert.equal(typeof res.json?.message, 'string')
  }
  const wrongKey = await api('GET', '/v2/sandboxes', { apiKey: WRONG_KEY })
  assert.equal(wrongKey.status, 401)
  assert.equal(wrongKey.json?.code, 401)
  assert.equal(await sbx.isRunning(), true)
})

test('envd RPC: a wrong or missing X-Access-Token is 401, the right one is 200', { timeout: 30_000 }, async () => {
  const token = accessTokenOf(sbx)
  assert.equal(typeof token, 'string', 'the create answer carried no envdAccessToken')
  assert.ok(token.length > 0)

  const ok = await envd(sbx.sandboxId, 'POST', '/process.Process/List', { token, json: {} })
  assert.equal(ok.status, 200, `List with the right token: ${ok.status} ${ok.text}`)
  assert.ok(Array.isArray(ok.json?.processes ?? []), ok.text)

  const bad = await envd(sbx.sandboxId, 'POST', '/process.Process/List', { token: 'wrong-token', json: {} })
  assert.equal(bad.status, 401, `List with a wrong token: ${bad.status} ${bad.text}`)
  const none = await envd(sbx.sandboxId, 'POST', '/process.Process/List', { json: {} })
  assert.equal(none.status, 401, `List without a token: ${none.status} ${none.text}`)
  const stat = await envd(sbx.sandboxId, 'POST', '/filesystem.Filesystem/Stat', { token: 'wrong-token', json: { path: '/tmp' } })
  assert.equal(stat.status, 401, `Stat with a wrong token: ${stat.status} ${stat.text}`)

  // /health is exempt from the token.
  const health = await envd(sbx.sandboxId, 'GET', '/health')
  assert.equal(health.status, 204, `/health without a token: ${health.status} ${health.text}`)
})

test('the SDK with a wrong access token cannot run commands or touch files', { timeout: 30_000 }, async () => {
  const info = await sbx.getInfo()
  const impostor = new Sandbox({
    sandboxId: sbx.sandboxId,
    envdVersion: info.envdVersion,
    envdAccessToken: 'wrong-token',
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  })
  await assert.rejects(impostor.commands.run('echo should-not-run', { timeoutMs: 10_000 }), AuthenticationError)
  await assert.rejects(impostor.commands.list(), AuthenticationError)
  await assert.rejects(impostor.files.list('/tmp'), AuthenticationError)
  await assert.rejects(impostor.files.read('/etc/hostname'), AuthenticationError)
  await assert.rejects(impostor.files.write(`/tmp/${uniq('impostor')}.txt`, 'x'), AuthenticationError)
  assert.equal(await impostor.isRunning(), true) // /health needs no token
})

test('/files with neither token nor signature is 401 (read and write)', { timeout: 30_000 }, async () => {
  const path = `/tmp/${uniq('nosig')}.txt`
  await sbx.files.write(path, 'guarded')
  const q = `/files?path=${encodeURIComponent(path)}`

  const read = await envd(sbx.sandboxId, 'GET', q)
  assert.equal(read.status, 401, `GET ${q} without token or signature: ${read.status} ${read.text}`)
  assert.notEqual(read.text, 'guarded')
  const readWrong = await envd(sbx.sandboxId, 'GET', q, { token: 'wrong-token' })
  assert.equal(readWrong.status, 401, `GET ${q} with a wrong token: ${readWrong.status}`)
  const readRight = await envd(sbx.sandboxId, 'GET', q, { token: accessTokenOf(sbx) })
  assert.equal(readRight.status, 200)
  assert.equal(readRight.text, 'guarded')

  const form = new FormData()
  form.append('file', new Blob(['overwritten']), path)
  const write = await envd(sbx.sandboxId, 'POST', q, { body: form })
  assert.equal(write.status, 401, `POST ${q} without token or signature: ${write.status} ${write.text}`)
  assert.equal(await sbx.files.read(path), 'guarded')
  await sbx.files.remove(path)
})
