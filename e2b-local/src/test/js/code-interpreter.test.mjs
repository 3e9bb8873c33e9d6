// The official @e2b/code-interpreter SDK (pinned 2.8.0) against e2b-local's port-49999 code interpreter
// (template code-interpreter-v1): state kept in a context, isolated contexts, stdout/stderr chunks and callbacks,
// execution errors, matplotlib charts and pandas data, env vars, the context calls (create, list, restart,
// remove), the SDK's argument check, a language without a kernel, timeoutMs and the kernel interrupt behind it,
// a sandbox killed mid-execution, and the raw NDJSON stream of POST /execute (order of line types, keepalive).

import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidArgumentError, NotFoundError, Sandbox, SandboxError, TimeoutError } from '@e2b/code-interpreter'
import {
  REQUEST_TIMEOUT_MS,
  RUN_TAG,
  SANDBOX_URL,
  cleanupAll,
  killQuietly,
  track,
  uniq,
  waitFor,
  within,
} from './helpers.mjs'

/** The port the code interpreter listens on inside an E2B sandbox. */
const JUPYTER_PORT = '49999'
/** Bound for one runCode: a context's first execution starts a kernel (1-3 s, more on a busy machine). */
const RUN_MS = 30_000
/** Bound for one context call (create starts a kernel). */
const CALL_MS = 30_000
/** Passed to runCode so that the SDK itself also gives up well before `within` does. */
const RUN = { timeoutMs: 25_000 }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

after(cleanupAll)

/** Sandbox.create of the code-interpreter SDK (default template code-interpreter-v1) with the suite's tag. */
async function createInterpreter(opts = {}) {
  const sbx = await within(
    CALL_MS,
    Sandbox.create({
      timeoutMs: 180_000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      ...opts,
      metadata: { suite: RUN_TAG, ...(opts.metadata ?? {}) },
    }),
    'Sandbox.create (code-interpreter-v1)',
  )
  track(sbx.sandboxId)
  return sbx
}

function describeError(err) {
  return `${err?.constructor?.name}: ${err?.message}`
}

function assertNoError(execution, label) {
  assert.equal(
    execution.error,
    undefined,
    `${label}: unexpected execution error ${JSON.stringify(execution.error)}`,
  )
}

function resultsSummary(execution) {
  return JSON.stringify(execution.results.map((r) => ({ formats: Object.keys(r.raw ?? {}), main: r.isMainResult })))
}

describe('code interpreter, one shared sandbox', () => {
  /** @type {Sandbox} */
  let sbx

  before(async () => {
    sbx = await createInterpreter({ envs: { CI_SANDBOX_WIDE: 'from-create' } })
  })

  after(async () => {
    await killQuietly(sbx)
  })

  /** runCode bounded twice: by the SDK's own timeoutMs and by `within`. */
  function run(code, opts = {}, what = 'runCode') {
    return within(RUN_MS, sbx.runCode(code, { ...RUN, ...opts }), what)
  }

  async function removeQuietly(ctx) {
    try {
      await within(CALL_MS, sbx.removeCodeContext(ctx), 'removeCodeContext')
    } catch {
      // best effort
    }
  }

  test('state is kept across calls in one context: x = 1, then x + 1 gives "2"', { timeout: 60_000 }, async () => {
    const first = await run('x = 1')
    assertNoError(first, 'x = 1')
    assert.deepEqual(first.results, [], 'an assignment has no result')

    const second = await run('x + 1')
    assertNoError(second, 'x + 1')
    assert.equal(second.text, '2')
    assert.equal(second.results.length, 1, resultsSummary(second))
    assert.equal(second.results[0].isMainResult, true)
    assert.ok(Number.isInteger(first.executionCount), `executionCount ${first.executionCount}`)
    assert.ok(second.executionCount > first.executionCount, `${first.executionCount} then ${second.executionCount}`)
  })

  test('two contexts are isolated: a name defined in one is a NameError in the other', { timeout: 90_000 }, async () => {
    const a = await within(CALL_MS, sbx.createCodeContext(), 'createCodeContext A')
    const b = await within(CALL_MS, sbx.createCodeContext(), 'createCodeContext B')
    try {
      assert.notEqual(a.id, b.id)
      const name = `only_in_a_${uniq('v').replace('-', '_')}`
      assertNoError(await run(`${name} = 42`, { context: a }), 'define in A')

      const inA = await run(name, { context: a })
      assertNoError(inA, 'read in A')
      assert.equal(inA.text, '42')

      const inB = await run(name, { context: b })
      assert.equal(inB.error?.name, 'NameError', `in B: ${JSON.stringify(inB.error)}`)
      assert.match(inB.error.value, new RegExp(name))

      const inDefault = await run(name)
      assert.equal(inDefault.error?.name, 'NameError', `in the default context: ${JSON.stringify(inDefault.error)}`)
    } finally {
      await removeQuietly(a)
      await removeQuietly(b)
    }
  })

  test('stdout and stderr: chunks in logs, onStdout/onStderr in order with timestamps', { timeout: 60_000 }, async () => {
    const events = []
    const t0 = Date.now()
    const code = [
      'import sys',
      'print("out-1", flush=True)',
      'print("err-1", file=sys.stderr, flush=True)',
      'print("out-2", flush=True)',
      'print("err-2", file=sys.stderr, flush=True)',
    ].join('\n')
    const execution = await run(code, {
      onStdout: (m) => events.push({ kind: 'stdout', ...m }),
      onStderr: (m) => events.push({ kind: 'stderr', ...m }),
    })
    const afterRun = Date.now()
    assertNoError(execution, 'prints')

    assert.ok(execution.logs.stdout.every((c) => typeof c === 'string'), 'logs.stdout holds string chunks')
    assert.equal(execution.logs.stdout.join(''), 'out-1\nout-2\n')
    assert.equal(execution.logs.stderr.join(''), 'err-1\nerr-2\n')

    // each flush is its own chunk, so the callbacks see the order the cell wrote in
    assert.deepEqual(
      events.map((e) => `${e.kind}:${e.line}`),
      ['stdout:out-1\n', 'stderr:err-1\n', 'stdout:out-2\n', 'stderr:err-2\n'],
    )
    for (const e of events) {
      assert.equal(e.error, e.kind === 'stderr', `error flag of ${JSON.stringify(e)}`)
      assert.equal(typeof e.timestamp, 'number', `timestamp of ${JSON.stringify(e)}`)
      // the JS SDK stamps the client clock in microseconds (it ignores the server's timestamp)
      assert.ok(
        e.timestamp >= t0 * 1000 && e.timestamp <= afterRun * 1000,
        `timestamp ${e.timestamp} outside [${t0 * 1000}, ${afterRun * 1000}]`,
      )
    }
    for (let i = 1; i < events.length; i++) assert.ok(events[i].timestamp >= events[i - 1].timestamp, 'timestamps in order')
  })

  test('an exception sets execution.error (name, value, traceback with the failing line); runCode does not throw', { timeout: 60_000 }, async () => {
    const errors = []
    const code = ['print("before", flush=True)', 'a = 1', 'raise ValueError("boom-" + str(a))'].join('\n')
    const execution = await run(code, { onError: (e) => errors.push(e) })
    assert.ok(execution.error, 'execution.error is set')
    assert.equal(execution.error.name, 'ValueError')
    assert.equal(execution.error.value, 'boom-1')
    assert.equal(typeof execution.error.traceback, 'string')
    assert.ok(
      execution.error.traceback.includes('raise ValueError("boom-" + str(a))'),
      `traceback lacks the failing line: ${execution.error.traceback}`,
    )
    assert.ok(execution.error.traceback.includes('ValueError'), execution.error.traceback)
    assert.deepEqual(execution.logs.stdout, ['before\n'], 'output before the error is kept')
    assert.deepEqual(execution.results, [])
    assert.equal(errors.length, 1, 'onError called once')
    assert.equal(errors[0].name, 'ValueError')

    // the context is still usable afterwards
    const next = await run('a + 1')
    assertNoError(next, 'after the error')
    assert.equal(next.text, '2')
  })

  test('matplotlib: plt.show() gives a result with a PNG and a line chart with the plotted points', { timeout: 90_000 }, async () => {
    const code = [
      'import matplotlib.pyplot as plt',
      'plt.figure()',
      'plt.plot([1, 2, 3], [4, 5, 9], label="series-a")',
      'plt.title("Line title")',
      'plt.xlabel("x axis")',
      'plt.ylabel("y axis")',
      'plt.show()',
    ].join('\n')
    const execution = await run(code, {}, 'runCode (line chart)')
    assertNoError(execution, 'line chart')
    const withPng = execution.results.filter((r) => r.png)
    assert.equal(withPng.length, 1, `one figure expected: ${resultsSummary(execution)}`)
    const figure = withPng[0]
    assert.ok(Buffer.from(figure.png, 'base64').subarray(0, 8).equals(PNG_SIGNATURE), 'png is base64 of a PNG file')
    assert.ok(figure.formats().includes('png'), `formats(): ${figure.formats()}`)

    assert.ok(figure.chart, `no chart on the figure result (e2b/chart formatter missing?): ${resultsSummary(execution)}`)
    const chart = figure.chart
    assert.equal(chart.type, 'line')
    assert.equal(chart.title, 'Line title')
    assert.equal(chart.x_label, 'x axis')
    assert.equal(chart.y_label, 'y axis')
    assert.equal(chart.elements.length, 1, JSON.stringify(chart.elements))
    assert.equal(chart.elements[0].label, 'series-a')
    assert.deepEqual(chart.elements[0].points, [
      [1, 4],
      [2, 5],
      [3, 9],
    ])
  })

  test('matplotlib: a figure as the last expression gives a bar chart with its values', { timeout: 90_000 }, async () => {
    const code = [
      'import matplotlib.pyplot as plt',
      'fig, ax = plt.subplots()',
      'ax.bar(["apples", "pears", "plums"], [3, 5, 7], label="counts")',
      'ax.set_title("Bar title")',
      'fig',
    ].join('\n')
    const execution = await run(code, {}, 'runCode (bar chart)')
    assertNoError(execution, 'bar chart')
    const charted = execution.results.filter((r) => r.chart)
    assert.ok(charted.length >= 1, `no result with a chart (e2b/chart formatter missing?): ${resultsSummary(execution)}`)
    for (const r of charted) {
      assert.ok(r.png && Buffer.from(r.png, 'base64').subarray(0, 8).equals(PNG_SIGNATURE), 'the chart result carries a PNG')
      const chart = r.chart
      assert.equal(chart.type, 'bar')
      assert.equal(chart.title, 'Bar title')
      assert.deepEqual(
        chart.elements.map((e) => [e.label, e.value]),
        [
          ['apples', 3],
          ['pears', 5],
          ['plums', 7],
        ],
      )
      assert.deepEqual(
        chart.elements.map((e) => e.group),
        ['counts', 'counts', 'counts'],
      )
    }
  })

  test('a pandas DataFrame as the last expression gives html and data (column -> values)', { timeout: 60_000 }, async () => {
    const code = ['import pandas as pd', 'pd.DataFrame({"name": ["a", "b", "c"], "n": [1, 2, 3]})'].join('\n')
    const execution = await run(code, {}, 'runCode (DataFrame)')
    assertNoError(execution, 'DataFrame')
    const main = execution.results.find((r) => r.isMainResult)
    assert.ok(main, `no main result: ${resultsSummary(execution)}`)
    assert.equal(typeof main.html, 'string', `no html: ${resultsSummary(execution)}`)
    assert.match(main.html, /<table[^>]*class="dataframe"/)
    assert.match(main.text, /name\s+n/)
    assert.deepEqual(main.data, { name: ['a', 'b', 'c'], n: [1, 2, 3] }, `data: ${JSON.stringify(main.raw)?.slice(0, 300)}`)
    assert.ok(main.formats().includes('data'), `formats(): ${main.formats()}`)
  })

  test('a dict as the last expression gives text and json (a JSON value, not a string)', { timeout: 60_000 }, async () => {
    const execution = await run('{"a": [1, 2], "b": None}', {}, 'runCode (dict)')
    assertNoError(execution, 'dict')
    const main = execution.results.find((r) => r.isMainResult)
    assert.ok(main, `no main result: ${resultsSummary(execution)}`)
    assert.equal(main.text, "{'a': [1, 2], 'b': None}")
    assert.deepEqual(main.json, { a: [1, 2], b: null }, `json: ${JSON.stringify(main.raw)}`)
  })

  test('env vars: sandbox-wide envs are visible; per-execution envs only in that execution', { timeout: 60_000 }, async () => {
    const wide = await run('import os\nos.environ.get("CI_SANDBOX_WIDE")')
    assertNoError(wide, 'sandbox-wide')
    assert.equal(wide.text, 'from-create')

    const per = await run('import os\n(os.environ.get("CI_PER_EXEC"), os.environ.get("CI_SANDBOX_WIDE"))', {
      envs: { CI_PER_EXEC: 'only-now', CI_SANDBOX_WIDE: 'overridden' },
    })
    assertNoError(per, 'per execution')
    assert.equal(per.text, "('only-now', 'overridden')")

    const next = await run('import os\n(os.environ.get("CI_PER_EXEC"), os.environ.get("CI_SANDBOX_WIDE"))')
    assertNoError(next, 'next execution')
    assert.equal(next.text, "(None, 'from-create')", 'the per-execution value is gone and the sandbox-wide one is back')
  })

  test('createCodeContext({cwd: "/tmp"}) runs in /tmp; listCodeContexts lists contexts with id, language, cwd', { timeout: 90_000 }, async () => {
    const inTmp = await within(CALL_MS, sbx.createCodeContext({ cwd: '/tmp' }), 'createCodeContext /tmp')
    const plain = await within(CALL_MS, sbx.createCodeContext({ language: 'python' }), 'createCodeContext python')
    try {
      assert.equal(typeof inTmp.id, 'string')
      assert.ok(inTmp.id.length > 0)
      assert.equal(inTmp.language, 'python')
      assert.equal(inTmp.cwd, '/tmp')
      assert.equal(plain.language, 'python')
      assert.equal(plain.cwd, '/home/user')

      const cwd = await run('import os\nos.getcwd()', { context: inTmp })
      assertNoError(cwd, 'getcwd')
      assert.equal(cwd.text, '/tmp')

      const listed = await within(CALL_MS, sbx.listCodeContexts(), 'listCodeContexts')
      assert.ok(Array.isArray(listed), `not an array: ${JSON.stringify(listed)}`)
      for (const ctx of listed) {
        assert.equal(typeof ctx.id, 'string', JSON.stringify(ctx))
        assert.equal(typeof ctx.language, 'string', JSON.stringify(ctx))
        assert.equal(typeof ctx.cwd, 'string', JSON.stringify(ctx))
      }
      assert.deepEqual(
        listed.find((c) => c.id === inTmp.id),
        { id: inTmp.id, language: 'python', cwd: '/tmp' },
        JSON.stringify(listed),
      )
      assert.deepEqual(
        listed.find((c) => c.id === plain.id),
        { id: plain.id, language: 'python', cwd: '/home/user' },
        JSON.stringify(listed),
      )
    } finally {
      await removeQuietly(inTmp)
      await removeQuietly(plain)
    }
  })

  test('restartCodeContext clears the state (NameError afterwards) and keeps the context', { timeout: 90_000 }, async () => {
    const ctx = await within(CALL_MS, sbx.createCodeContext(), 'createCodeContext')
    try {
      assertNoError(await run('kept = 5', { context: ctx }), 'define')
      assert.equal((await run('kept', { context: ctx })).text, '5')

      await within(CALL_MS, sbx.restartCodeContext(ctx), 'restartCodeContext')

      const restarted = await run('kept', { context: ctx }, 'runCode after restart')
      assert.equal(restarted.error?.name, 'NameError', `after restart: ${JSON.stringify(restarted.error)} ${restarted.text}`)
      const listed = await within(CALL_MS, sbx.listCodeContexts(), 'listCodeContexts')
      assert.ok(listed.some((c) => c.id === ctx.id), 'a restarted context keeps its id')
    } finally {
      await removeQuietly(ctx)
    }
  })

  test('removeCodeContext: gone from listCodeContexts; runCode, restart and remove with it throw NotFoundError', { timeout: 90_000 }, async () => {
    const ctx = await within(CALL_MS, sbx.createCodeContext(), 'createCodeContext')
    assertNoError(await run('1', { context: ctx }), 'first use')
    assert.ok((await within(CALL_MS, sbx.listCodeContexts(), 'list')).some((c) => c.id === ctx.id), 'listed before removal')

    await within(CALL_MS, sbx.removeCodeContext(ctx), 'removeCodeContext')
    const listed = await within(CALL_MS, sbx.listCodeContexts(), 'listCodeContexts')
    assert.ok(!listed.some((c) => c.id === ctx.id), `still listed: ${JSON.stringify(listed)}`)

    const notFound = (err) => {
      assert.ok(err instanceof NotFoundError, `expected NotFoundError, got ${describeError(err)}`)
      assert.match(err.message, new RegExp(`Context ${ctx.id} not found`))
      return true
    }
    await assert.rejects(within(RUN_MS, sbx.runCode('1', { ...RUN, context: ctx }), 'runCode'), notFound)
    await assert.rejects(within(CALL_MS, sbx.restartCodeContext(ctx.id), 'restart'), notFound)
    await assert.rejects(within(CALL_MS, sbx.removeCodeContext(ctx.id), 'remove'), notFound)
  })

  test('language and context together: the SDK throws InvalidArgumentError', { timeout: 30_000 }, async () => {
    const ctx = { id: 'any-context-id', language: 'python', cwd: '/home/user' }
    await assert.rejects(within(5_000, sbx.runCode('1', { language: 'python', context: ctx })), (err) => {
      assert.ok(err instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${describeError(err)}`)
      assert.match(err.message, /context or language, but not both/)
      return true
    })
  })

  test('a language with no kernel (r): 400, surfaced by the SDK as SandboxError; the body names the kernel', { timeout: 60_000 }, async () => {
    // default SDK: the message is only "<status> <statusText>"
    await assert.rejects(within(RUN_MS, sbx.runCode('1', { ...RUN, language: 'r' }), 'runCode r'), (err) => {
      assert.ok(err instanceof SandboxError, `expected SandboxError, got ${describeError(err)}`)
      assert.ok(!(err instanceof NotFoundError) && !(err instanceof TimeoutError), describeError(err))
      assert.equal(err.message, '400 Bad Request')
      return true
    })
    await assert.rejects(within(CALL_MS, sbx.createCodeContext({ language: 'r' }), 'createCodeContext r'), (err) => {
      assert.ok(err instanceof SandboxError, `expected SandboxError, got ${describeError(err)}`)
      assert.match(err.message, /^400 /)
      return true
    })

    // the body, which the SDK shows only with E2B_USER_AGENT_SOURCE=ci
    const res = await within(
      CALL_MS,
      fetch(`${SANDBOX_URL}/execute`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'E2b-Sandbox-Id': sbx.sandboxId, 'E2b-Sandbox-Port': JUPYTER_PORT },
        body: JSON.stringify({ code: '1', language: 'r' }),
        signal: AbortSignal.timeout(CALL_MS),
      }).then(async (r) => ({ status: r.status, text: await r.text() })),
      'raw POST /execute language r',
    )
    assert.equal(res.status, 400, res.text)
    assert.match(res.text, /kernel/i)
    assert.match(res.text, /'r'/)

    // with E2B_USER_AGENT_SOURCE=ci the SDK adds ?source=ci to every URL and the body to its error message
    const saved = process.env.E2B_USER_AGENT_SOURCE
    process.env.E2B_USER_AGENT_SOURCE = 'ci'
    let diagnosing
    try {
      diagnosing = await within(CALL_MS, Sandbox.connect(sbx.sandboxId, { requestTimeoutMs: REQUEST_TIMEOUT_MS }), 'connect')
    } finally {
      if (saved === undefined) delete process.env.E2B_USER_AGENT_SOURCE
      else process.env.E2B_USER_AGENT_SOURCE = saved
    }
    await assert.rejects(within(RUN_MS, diagnosing.runCode('1', { ...RUN, language: 'r' }), 'runCode r (ci)'), (err) => {
      assert.ok(err instanceof SandboxError, `expected SandboxError, got ${describeError(err)}`)
      assert.match(err.message, /^400 Bad Request: .*kernel.*'r'/s)
      return true
    })
    const ok = await within(RUN_MS, diagnosing.runCode('6 * 7', RUN), 'runCode python (ci, ?source=ci)')
    assertNoError(ok, '?source=ci')
    assert.equal(ok.text, '42')
  })

  test('timeoutMs on a long cell: TimeoutError, and the next runCode on that context answers promptly', { timeout: 60_000 }, async () => {
    const flag = `after_sleep_${uniq('f').replace('-', '_')}`
    const started = Date.now()
    await assert.rejects(
      within(15_000, sbx.runCode(`import time\ntime.sleep(60)\n${flag} = True`, { timeoutMs: 1_500 }), 'runCode timeoutMs 1500'),
      (err) => {
        assert.ok(err instanceof TimeoutError, `expected TimeoutError, got ${describeError(err)}`)
        assert.match(err.message, /Execution timed out/)
        return true
      },
    )
    assert.ok(Date.now() - started < 10_000, `the SDK gave up after ${Date.now() - started} ms`)

    const t0 = Date.now()
    const next = await within(15_000, sbx.runCode(`"${flag}" in globals()`, { timeoutMs: 15_000 }), 'runCode after the timeout')
    const took = Date.now() - t0
    assertNoError(next, 'after the timeout')
    assert.equal(next.text, 'False', 'the interrupted cell must not have finished')
    assert.ok(took < 15_000, `the next execution took ${took} ms`)
  })

  test('raw POST /execute: NDJSON lines, number_of_executions first, keepalive while silent, end_of_execution last', { timeout: 60_000 }, async () => {
    const gate = `/tmp/go-${uniq('gate')}`
    const code = [
      'import os, time',
      'print("waiting", flush=True)',
      `while not os.path.exists(${JSON.stringify(gate)}):`,
      '    time.sleep(0.05)',
      'print("released", flush=True)',
      '"done"',
    ].join('\n')
    const headers = {
      'Content-Type': 'application/json',
      'E2b-Sandbox-Id': sbx.sandboxId,
      'E2b-Sandbox-Port': JUPYTER_PORT,
    }
    if (sbx.envdAccessToken) headers['X-Access-Token'] = sbx.envdAccessToken
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 45_000)
    try {
      const res = await within(
        RUN_MS,
        fetch(`${SANDBOX_URL}/execute`, { method: 'POST', headers, body: JSON.stringify({ code }), signal: controller.signal }),
        'POST /execute headers',
      )
      assert.equal(res.status, 200)
      const reader = res.body.getReader()
      const decoder = new TextDecoder()
      let buffered = ''
      const lines = []
      const arrived = []
      let released = false
      const readAll = async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (value) buffered += decoder.decode(value, { stream: true })
          let nl
          while ((nl = buffered.indexOf('\n')) !== -1) {
            const raw = buffered.slice(0, nl)
            buffered = buffered.slice(nl + 1)
            let parsed
            try {
              parsed = JSON.parse(raw)
            } catch {
              assert.fail(`not a JSON line: ${JSON.stringify(raw)}`)
            }
            lines.push(parsed)
            arrived.push(Date.now())
            if (parsed.type === 'keepalive' && !released) {
              released = true
              // only now let the cell end: the keepalive must have come while it was silent
              await within(CALL_MS, sbx.files.write(gate, 'go'), 'files.write gate')
            }
          }
          if (done) break
        }
      }
      await within(40_000, readAll(), 'reading the NDJSON body')
      assert.equal(buffered, '', 'the body ends with a newline')

      const types = lines.map((l) => l.type)
      assert.ok(released, `no keepalive line arrived: ${JSON.stringify(types)}`)
      assert.equal(types[0], 'number_of_executions', JSON.stringify(types))
      assert.ok(Number.isInteger(lines[0].execution_count), JSON.stringify(lines[0]))
      assert.equal(types.at(-1), 'end_of_execution', JSON.stringify(types))
      assert.equal(types.filter((t) => t === 'end_of_execution').length, 1, JSON.stringify(types))

      const waiting = lines.findIndex((l) => l.type === 'stdout' && l.text.includes('waiting'))
      const keepalive = types.indexOf('keepalive')
      const releasedAt = lines.findIndex((l) => l.type === 'stdout' && l.text.includes('released'))
      const result = lines.findIndex((l) => l.type === 'result')
      assert.ok(waiting > 0 && waiting < keepalive, `stdout "waiting" before the keepalive: ${JSON.stringify(types)}`)
      assert.ok(keepalive < releasedAt, `keepalive before stdout "released": ${JSON.stringify(types)}`)
      assert.ok(releasedAt < result, `stdout "released" before the result: ${JSON.stringify(types)}`)
      assert.equal(lines[result].text, 'done')
      assert.equal(lines[result].is_main_result, true)
      for (const l of lines.filter((x) => x.type === 'stdout')) {
        assert.equal(typeof l.timestamp, 'string', JSON.stringify(l))
        assert.ok(!Number.isNaN(Date.parse(l.timestamp)), `timestamp not ISO-8601: ${JSON.stringify(l)}`)
      }
      assert.deepEqual(Object.keys(lines[keepalive]), ['type'], JSON.stringify(lines[keepalive]))
      // E2B sends one after 5 s of silence; allow for a coarser timer, but not for much more
      const silence = arrived[keepalive] - arrived[keepalive - 1]
      assert.ok(silence >= 4_000 && silence <= 15_000, `first keepalive after ${silence} ms of silence`)
    } finally {
      clearTimeout(timer)
      controller.abort()
    }
  })
})

describe('code interpreter, sandbox killed during runCode', () => {
  test('runCode rejects with TimeoutError saying the sandbox was killed', { timeout: 60_000 }, async () => {
    const sbx = await createInterpreter({ timeoutMs: 60_000 })
    try {
      let started = false
      const running = sbx.runCode('import time\nprint("started", flush=True)\ntime.sleep(30)', {
        timeoutMs: 40_000,
        onStdout: (m) => {
          if (m.line.includes('started')) started = true
        },
      })
      // keep a handler attached so that the rejection is never reported as unhandled
      running.catch(() => {})
      await waitFor(() => started, { timeoutMs: RUN_MS, what: 'the cell to start' })
      await within(CALL_MS, Sandbox.kill(sbx.sandboxId, { requestTimeoutMs: REQUEST_TIMEOUT_MS }), 'Sandbox.kill')
      await assert.rejects(within(20_000, running, 'runCode of a killed sandbox'), (err) => {
        assert.ok(err instanceof TimeoutError, `expected TimeoutError, got ${describeError(err)}`)
        assert.match(err.message, /sandbox was killed while the request was in progress/)
        return true
      })
    } finally {
      await killQuietly(sbx)
    }
  })
})
