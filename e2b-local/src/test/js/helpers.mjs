// Shared helpers for the conformance suite: environment checks, sandbox creation with a per-run
// metadata tag, cleanup, polling, and raw HTTP helpers for the control plane and envd.
// Not a test file (node --test only runs *.test.mjs here).

import { randomBytes } from 'node:crypto'
import { Sandbox } from 'e2b'

for (const name of ['E2B_API_URL', 'E2B_SANDBOX_URL', 'E2B_API_KEY']) {
  if (!process.env[name]) {
    // Refuse to run rather than let the SDK fall back to the public E2B cloud.
    throw new Error(`${name} is not set: this suite must run against a local e2b-local server`)
  }
}

export const API_URL = process.env.E2B_API_URL.replace(/\/+$/, '')
export const SANDBOX_URL = process.env.E2B_SANDBOX_URL.replace(/\/+$/, '')
export const API_KEY = process.env.E2B_API_KEY
export const ISOLATED = process.env.E2B_LOCAL_ISOLATED === 'true'
export const NOT_ISOLATED_REASON =
  'E2B_LOCAL_ISOLATED is not "true": sandboxes share the host file system and user, so this cannot be checked'

export const ENVD_PORT = 49983
/** Bound for every single request the SDK makes (control plane and envd). */
export const REQUEST_TIMEOUT_MS = 20_000
/** Default lifetime of the sandboxes the suite creates: short, so a crashed run leaks little. */
export const SANDBOX_TIMEOUT_MS = 90_000

/** One tag per test file process, put into the metadata of every sandbox this process creates. */
export const RUN_TAG = `conf-${randomBytes(6).toString('hex')}`

export function uniq(prefix = 'x') {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `probe` until it returns a truthy value; returns that value, or throws after `timeoutMs`. */
export async function waitFor(probe, { timeoutMs = 5_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await probe()
    if (last) return last
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(intervalMs)
  }
}

/** Races a promise against a timer so a hanging server cannot hang the test. */
export async function within(ms, promise, what = 'operation') {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const created = new Set()

/**
 * Sandbox.create with the suite's defaults: metadata tag, short lifetime, bounded requests.
 * `opts.metadata` is merged over the tag; pass `timeoutMs: undefined` explicitly to send no timeout.
 */
export async function createSandbox(opts = {}) {
  const merged = {
    timeoutMs: SANDBOX_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    ...opts,
    metadata: { suite: RUN_TAG, ...(opts.metadata ?? {}) },
  }
  if ('timeoutMs' in opts && opts.timeoutMs === undefined) delete merged.timeoutMs
  const sbx = await Sandbox.create(merged)
  created.add(sbx.sandboxId)
  return sbx
}

/** Registers a sandbox id created by other means (raw HTTP) for the final cleanup. */
export function track(sandboxId) {
  created.add(sandboxId)
}

export async function killQuietly(sbxOrId) {
  if (!sbxOrId) return
  const id = typeof sbxOrId === 'string' ? sbxOrId : sbxOrId.sandboxId
  try {
    await Sandbox.kill(id, { requestTimeoutMs: REQUEST_TIMEOUT_MS })
  } catch {
    // best effort
  }
  created.delete(id)
}

/** Creates a sandbox, runs `fn(sbx)`, and always kills the sandbox afterwards. */
export async function withSandbox(opts, fn) {
  const sbx = await createSandbox(opts)
  try {
    return await fn(sbx)
  } finally {
    await killQuietly(sbx)
  }
}

/** Safety net for a file's `after` hook: kills what this process created and anything left with its tag. */
export async function cleanupAll() {
  for (const id of [...created]) await killQuietly(id)
  try {
    const paginator = Sandbox.list({ query: { metadata: { suite: RUN_TAG } }, requestTimeoutMs: REQUEST_TIMEOUT_MS })
    while (paginator.hasNext) {
      for (const info of await paginator.nextItems()) await killQuietly(info.sandboxId)
    }
  } catch {
    // best effort
  }
}

/** Raw control-plane request. `apiKey: null` sends no X-API-KEY header. Returns {status, headers, text, json}. */
export async function api(method, path, { body, apiKey = API_KEY, headers = {} } = {}) {
  const h = { ...headers }
  if (apiKey != null) h['X-API-KEY'] = apiKey
  if (body !== undefined) h['Content-Type'] = 'application/json'
  const res = await fetch(`${API_URL}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  return readResponse(res)
}

/**
 * Raw envd request routed by E2b-Sandbox-Id. `token` is sent as X-Access-Token when not null.
 * `json` (an object) is sent as a Connect unary JSON body.
 */
export async function envd(sandboxId, method, path, { token = null, json, body, headers = {} } = {}) {
  const h = { 'E2b-Sandbox-Id': sandboxId, 'E2b-Sandbox-Port': String(ENVD_PORT), ...headers }
  if (token != null) h['X-Access-Token'] = token
  if (json !== undefined) {
    h['Content-Type'] = 'application/json'
    h['Connect-Protocol-Version'] = '1'
    body = JSON.stringify(json)
  }
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers: h,
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  return readResponse(res)
}

async function readResponse(res) {
  const text = await res.text()
  let json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** The sandbox's envd access token (a protected field in the SDK's types, a plain property at run time). */
export function accessTokenOf(sbx) {
  return sbx.envdAccessToken
}

/** A well-formed sandbox id (20 chars of [a-z0-9]) that the server never issued. */
export function unknownSandboxId() {
  return ('zz' + randomBytes(12).toString('hex')).slice(0, 20)
}

/**
 * Asserts that `date` lies between two instants the test measured around the call that set it (epoch ms),
 * each widened by `slackMs` for rounding: a bound that holds however slow the machine is.
 */
export function between(date, lowMs, highMs, slackMs, label) {
  const actual = date instanceof Date ? date.getTime() : date
  if (actual < lowMs - slackMs || actual > highMs + slackMs) {
    throw new Error(
      `${label}: expected between ${new Date(lowMs).toISOString()} and ${new Date(highMs).toISOString()}, got ${new Date(actual).toISOString()}`,
    )
  }
}

/** Asserts that `date` is within `toleranceMs` of `expectedMs` (epoch ms). */
export function near(date, expectedMs, toleranceMs, label) {
  const actual = date instanceof Date ? date.getTime() : date
  const diff = actual - expectedMs
  if (Math.abs(diff) > toleranceMs) {
    throw new Error(
      `${label}: expected ${new Date(expectedMs).toISOString()} ± ${toleranceMs} ms, got ${new Date(actual).toISOString()} (off by ${diff} ms)`,
    )
  }
}
