// Sandbox lifecycle through the official SDK: create (default and with options), getInfo fields,
// setTimeout, connect (running and paused), pause/resume, kill, unknown ids, expiry and metrics.

import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { Sandbox, SandboxError, SandboxNotFoundError, TimeoutError } from 'e2b'
import {
  REQUEST_TIMEOUT_MS,
  RUN_TAG,
  cleanupAll,
  createSandbox,
  killQuietly,
  between,
  near,
  uniq,
  unknownSandboxId,
  waitFor,
  within,
  withSandbox,
} from './helpers.mjs'

after(cleanupAll)

const opts = { requestTimeoutMs: REQUEST_TIMEOUT_MS }

test('create with no timeout: a running, reachable sandbox that lives the server default of 300 s', { timeout: 60_000 }, async () => {
  // 2.51 sends no "timeout" field when the caller gives none (POST /v2/sandboxes default: 300 s).
  await withSandbox({ timeoutMs: undefined }, async (sbx) => {
    assert.match(sbx.sandboxId, /^[a-z0-9]{20}$/)
    assert.equal(await sbx.isRunning(), true)
    const info = await sbx.getInfo()
    assert.equal(info.sandboxId, sbx.sandboxId)
    near(info.endAt, info.startedAt.getTime() + 300_000, 3_000, 'endAt of a sandbox created without timeout')
  })
})

test('create with metadata, envs and timeoutMs: getInfo reports them and commands see the envs', { timeout: 60_000 }, async () => {
  const fooValue = uniq('bar')
  const metadata = { suite: RUN_TAG, owner: 'conformance', note: 'a b/c' }
  const before = Date.now()
  await withSandbox({ metadata, envs: { FOO: fooValue }, timeoutMs: 45_000 }, async (sbx) => {
    const created = Date.now()
    const info = await Sandbox.getInfo(sbx.sandboxId, opts)
    assert.equal(info.sandboxId, sbx.sandboxId)
    assert.equal(typeof info.templateId, 'string')
    assert.ok(info.templateId.length > 0, 'templateId is empty')
    assert.deepEqual(info.metadata, metadata)
    assert.equal(info.state, 'running')
    assert.ok(info.startedAt instanceof Date && !Number.isNaN(info.startedAt.getTime()), 'startedAt is not a date')
    assert.ok(info.endAt instanceof Date && !Number.isNaN(info.endAt.getTime()), 'endAt is not a date')
    assert.ok(info.startedAt < info.endAt, `startedAt ${info.startedAt.toISOString()} is not before endAt ${info.endAt.toISOString()}`)
    between(info.startedAt, before, created, 50, 'startedAt')
    near(info.endAt, info.startedAt.getTime() + 45_000, 3_000, 'endAt (timeoutMs 45000)')
    assert.equal(typeof info.cpuCount, 'number')
    assert.equal(typeof info.memoryMB, 'number')
    assert.match(info.envdVersion, /^\d+\.\d+\.\d+/)

    // The instance method reads the same record.
    const again = await sbx.getInfo()
    assert.equal(again.sandboxId, sbx.sandboxId)
    assert.deepEqual(again.metadata, metadata)

    const res = await sbx.commands.run('echo $FOO', { timeoutMs: 10_000 })
    assert.equal(res.stdout, `${fooValue}\n`)
  })
})

test('setTimeout shortens and extends the lifetime (endAt = now + timeout)', { timeout: 60_000 }, async () => {
  await withSandbox({ timeoutMs: 60_000 }, async (sbx) => {
    const first = await sbx.getInfo()

    const t1 = Date.now()
    await sbx.setTimeout(10_000)
    const t1done = Date.now()
    const shortened = await sbx.getInfo()
    assert.ok(shortened.endAt < first.endAt, 'setTimeout(10 s) did not move endAt earlier')
    between(shortened.endAt, t1 + 10_000, t1done + 10_000, 50, 'endAt after setTimeout(10000)')
    assert.equal(await sbx.isRunning(), true)

    const t2 = Date.now()
    await Sandbox.setTimeout(sbx.sandboxId, 120_000, opts)
    const t2done = Date.now()
    const extended = await sbx.getInfo()
    between(extended.endAt, t2 + 120_000, t2done + 120_000, 50, 'endAt after setTimeout(120000)')
  })
})

test('connect to a running sandbox: works, keeps files, and timeoutMs only extends the lifetime', { timeout: 60_000 }, async () => {
  await withSandbox({ timeoutMs: 30_000 }, async (sbx) => {
    const path = `/tmp/${uniq('connect')}.txt`
    await sbx.files.write(path, 'still here')
    const before = await sbx.getInfo()

    // No timeoutMs: body {} must not shorten the lifetime.
    const same = await Sandbox.connect(sbx.sandboxId, opts)
    assert.equal(same.sandboxId, sbx.sandboxId)
    assert.equal(await same.isRunning(), true)
    assert.equal(await same.files.read(path), 'still here') // uses the token from the connect answer
    const afterPlain = await same.getInfo()
    assert.ok(afterPlain.endAt.getTime() >= before.endAt.getTime() - 1_000, 'connect without timeout shortened the lifetime')

    const t1 = Date.now()
    await Sandbox.connect(sbx.sandboxId, { ...opts, timeoutMs: 120_000 })
    const t1done = Date.now()
    const extended = await sbx.getInfo()
    between(extended.endAt, t1 + 120_000, t1done + 120_000, 50, 'endAt after connect(timeoutMs 120000)')

    // A shorter timeout on a running sandbox must not shorten it.
    await sbx.connect({ timeoutMs: 5_000 })
    const notShortened = await sbx.getInfo()
    assert.ok(
      notShortened.endAt.getTime() >= extended.endAt.getTime() - 1_000,
      `connect(timeoutMs 5000) shortened endAt from ${extended.endAt.toISOString()} to ${notShortened.endAt.toISOString()}`,
    )
    assert.equal(notShortened.state, 'running')
  })
})

test('pause: isRunning false, second pause returns false, connect resumes with files intact', { timeout: 90_000 }, async () => {
  await withSandbox({ timeoutMs: 60_000 }, async (sbx) => {
    const path = `/home/user/${uniq('paused')}.txt`
    const content = `written before pause ${uniq('c')}`
    await sbx.files.write(path, content)

    assert.equal(await sbx.pause(), true)
    assert.equal(await sbx.isRunning(), false)
    const paused = await Sandbox.getInfo(sbx.sandboxId, opts)
    assert.equal(paused.state, 'paused')
    assert.equal(await sbx.pause(), false, 'pausing an already paused sandbox must return false (409)')
    assert.equal(await Sandbox.pause(sbx.sandboxId, opts), false)

    const resumed = await Sandbox.connect(sbx.sandboxId, { ...opts, timeoutMs: 60_000 })
    assert.equal(resumed.sandboxId, sbx.sandboxId)
    assert.equal(await resumed.isRunning(), true)
    assert.equal(await sbx.isRunning(), true)
    assert.equal((await resumed.getInfo()).state, 'running')
    assert.equal(await resumed.files.read(path), content)
    const res = await resumed.commands.run('echo resumed', { timeoutMs: 10_000 })
    assert.equal(res.stdout, 'resumed\n')
  })
})

test('background processes survive pause and connect with the same pid, and go on from where they stood', { timeout: 90_000 }, async () => {
  await withSandbox({ timeoutMs: 60_000 }, async (sbx) => {
    // reads one line per round and answers it: it can only answer if it is still alive after the resume
    const handle = await sbx.commands.run('while read -r line; do echo "got-$line"; done', {
      background: true,
      stdin: true,
      timeoutMs: 0,
    })
    await sbx.commands.sendStdin(handle.pid, 'before\n')
    await waitFor(async () => handle.stdout.includes('got-before'), { what: 'the answer before the pause' })

    assert.equal(await sbx.pause(), true)
    // the VM is gone while paused: the stream of the background process is cut, as on E2B
    await within(15_000, assert.rejects(handle.wait()), 'wait() of a process whose stream the pause cut')

    const resumed = await Sandbox.connect(sbx.sandboxId, { ...opts, timeoutMs: 60_000 })
    const listed = await resumed.commands.list()
    assert.ok(
      listed.some((p) => p.pid === handle.pid),
      `pid ${handle.pid} is not listed after the resume: ${JSON.stringify(listed)}`,
    )
    const again = await resumed.commands.connect(handle.pid, { timeoutMs: 0 })
    await resumed.commands.sendStdin(handle.pid, 'after\n')
    await waitFor(async () => again.stdout.includes('got-after'), { what: 'the answer after the resume' })
    assert.equal(await resumed.commands.kill(handle.pid), true)
  })
})

test('killing a sandbox during a command cuts its stream: the SDK reports the sandbox gone, not an exit', { timeout: 60_000 }, async () => {
  const sbx = await createSandbox({ timeoutMs: 60_000 })
  try {
    const running = sbx.commands.run('sleep 30', { timeoutMs: 40_000 })
    const settled = running.then(
      () => assert.fail('the command of a killed sandbox must not succeed'),
      (err) => err,
    )
    await waitFor(async () => (await sbx.commands.list()).some((p) => p.args.join(' ').includes('sleep 30')), {
      what: 'the command to start',
    })
    assert.equal(await Sandbox.kill(sbx.sandboxId, opts), true)
    const err = await within(15_000, settled, 'the command of a killed sandbox')
    assert.ok(
      err instanceof TimeoutError,
      `expected TimeoutError (as when the VM vanishes), got ${err?.constructor?.name}: ${err?.message}`,
    )
    assert.match(err.message, /killed or reached its end of life/)
  } finally {
    await killQuietly(sbx)
  }
})

test('creating from a template that does not exist is a 404, as on E2B', { timeout: 30_000 }, async () => {
  const marker = uniq('no-template')
  await assert.rejects(Sandbox.create('no-such-template', { ...opts, metadata: { suite: RUN_TAG, marker } }), (err) => {
    assert.ok(err instanceof SandboxError, `expected SandboxError, got ${err?.constructor?.name}: ${err?.message}`)
    assert.match(err.message, /^404: template 'no-such-template' not found/)
    return true
  })
  const listed = await Sandbox.list({ ...opts, query: { metadata: { marker } } }).nextItems()
  assert.deepEqual(listed, [], 'a refused create left a sandbox behind')
})

test('kill returns true then false; a killed sandbox is gone everywhere', { timeout: 60_000 }, async () => {
  const sbx = await createSandbox({ timeoutMs: 60_000 })
  try {
    assert.equal(await sbx.kill(), true)
    assert.equal(await sbx.kill(), false)
    assert.equal(await Sandbox.kill(sbx.sandboxId, opts), false)
    assert.equal(await sbx.isRunning(), false)
    await assert.rejects(sbx.getInfo(), SandboxNotFoundError)
    await assert.rejects(Sandbox.connect(sbx.sandboxId, opts), SandboxNotFoundError)
    const listed = await Sandbox.list({ ...opts, query: { metadata: { suite: RUN_TAG } } }).nextItems()
    assert.ok(!listed.some((s) => s.sandboxId === sbx.sandboxId), 'a killed sandbox is still listed')
  } finally {
    await killQuietly(sbx)
  }
})

test('unknown sandbox id: kill is false, the other calls throw SandboxNotFoundError', { timeout: 30_000 }, async () => {
  const id = unknownSandboxId()
  assert.equal(await Sandbox.kill(id, opts), false)
  await assert.rejects(Sandbox.getInfo(id, opts), SandboxNotFoundError)
  await assert.rejects(Sandbox.setTimeout(id, 10_000, opts), SandboxNotFoundError)
  await assert.rejects(Sandbox.pause(id, opts), SandboxNotFoundError)
  await assert.rejects(Sandbox.connect(id, opts), SandboxNotFoundError)
  await assert.rejects(Sandbox.getMetrics(id, opts), SandboxNotFoundError)
})

test('a sandbox expires when its timeout passes (timeoutMs 2000)', { timeout: 30_000 }, async () => {
  const started = Date.now()
  const sbx = await createSandbox({ timeoutMs: 2_000 })
  try {
    const info = await sbx.getInfo()
    near(info.endAt, info.startedAt.getTime() + 2_000, 1_500, 'endAt of a 2 s sandbox')
    assert.equal(await sbx.isRunning(), true)

    await waitFor(async () => !(await sbx.isRunning()), { timeoutMs: 9_000, intervalMs: 250, what: 'the sandbox to expire' })
    const elapsed = Date.now() - started
    assert.ok(elapsed >= 1_000, `expired after only ${elapsed} ms`)
    await assert.rejects(Sandbox.getInfo(sbx.sandboxId, opts), SandboxNotFoundError)
    assert.equal(await Sandbox.kill(sbx.sandboxId, opts), false)
  } finally {
    await killQuietly(sbx)
  }
})

test('getMetrics returns an array of metrics', { timeout: 30_000 }, async () => {
  await withSandbox({}, async (sbx) => {
    const metrics = await sbx.getMetrics()
    assert.ok(Array.isArray(metrics), 'getMetrics did not return an array')
    for (const m of metrics) {
      assert.ok(m.timestamp instanceof Date && !Number.isNaN(m.timestamp.getTime()), 'metric timestamp is not a valid date')
      for (const key of ['cpuUsedPct', 'cpuCount', 'memUsed', 'memTotal', 'diskUsed', 'diskTotal']) {
        assert.equal(typeof m[key], 'number', `metric ${key} is not a number`)
      }
    }
    const viaStatic = await Sandbox.getMetrics(sbx.sandboxId, opts)
    assert.ok(Array.isArray(viaStatic))
  })
})
