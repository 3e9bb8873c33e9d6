// sandbox.commands through the official SDK (envd process.Process over Connect JSON): foreground runs,
// exit codes, streamed output callbacks, envs/cwd/user, background processes (list, kill, connect),
// stdin, the Connect-Timeout-Ms process deadline, files shared between commands and /files, and 1 MB
// of output.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { CommandExitError, TimeoutError } from 'e2b'
import { ISOLATED, NOT_ISOLATED_REASON, cleanupAll, createSandbox, killQuietly, uniq, waitFor, within } from './helpers.mjs'

/** @type {import('e2b').Sandbox} */
let sbx

before(async () => {
  sbx = await createSandbox({ timeoutMs: 180_000, envs: { SANDBOX_LEVEL: 'from-create', SHADOWED: 'sandbox' } })
})

after(async () => {
  await killQuietly(sbx)
  await cleanupAll()
})

const T = { timeoutMs: 15_000 } // bound every foreground command

test("run('echo hi') returns stdout, empty stderr and exit code 0", { timeout: 30_000 }, async () => {
  const res = await sbx.commands.run('echo hi', T)
  assert.equal(res.exitCode, 0)
  assert.equal(res.stdout, 'hi\n')
  assert.equal(res.stderr, '')
})

test('a non-zero exit throws CommandExitError carrying exitCode, stdout and stderr', { timeout: 30_000 }, async () => {
  await assert.rejects(sbx.commands.run('echo out; echo err >&2; exit 3', T), (err) => {
    assert.ok(err instanceof CommandExitError, `expected CommandExitError, got ${err?.constructor?.name}: ${err?.message}`)
    assert.equal(err.exitCode, 3)
    assert.equal(err.stdout, 'out\n')
    assert.equal(err.stderr, 'err\n')
    return true
  })
})

test('onStdout/onStderr receive output while the command is still running', { timeout: 30_000 }, async () => {
  const out = []
  const errs = []
  // the command waits for a line before its second output: it is still running while the first arrives
  const handle = await sbx.commands.run('echo first; echo oops >&2; read -r go; echo second', {
    ...T,
    background: true,
    stdin: true,
    onStdout: (d) => out.push(d),
    onStderr: (d) => errs.push(d),
  })
  await waitFor(() => out.join('').includes('first') && errs.join('').includes('oops'), {
    timeoutMs: 20_000,
    what: 'the first output chunks before the command ends (output must be streamed, not buffered)',
  })
  assert.equal(handle.exitCode, undefined, 'the command should still be running')
  await sbx.commands.sendStdin(handle.pid, 'go\n')
  const res = await handle.wait()
  assert.equal(res.exitCode, 0)
  assert.equal(out.join(''), 'first\nsecond\n')
  assert.equal(errs.join(''), 'oops\n')
  assert.equal(res.stdout, 'first\nsecond\n')
  assert.equal(res.stderr, 'oops\n')
})

test('envs and cwd options; sandbox envs apply and per-command envs override them', { timeout: 30_000 }, async () => {
  const res = await sbx.commands.run('echo "$A|$PWD|$SANDBOX_LEVEL|$SHADOWED"', {
    ...T,
    envs: { A: 'b c', SHADOWED: 'command' },
    cwd: '/tmp',
  })
  assert.equal(res.stdout, 'b c|/tmp|from-create|command\n')

  const plain = await sbx.commands.run('echo "$SHADOWED"', T)
  assert.equal(plain.stdout, 'sandbox\n')
})

test('default working directory is /home/user; root runs in /root', { timeout: 30_000 }, async () => {
  assert.equal((await sbx.commands.run('pwd', T)).stdout, '/home/user\n')
  assert.equal((await sbx.commands.run('echo $HOME', T)).stdout, '/home/user\n')
  assert.equal((await sbx.commands.run('pwd', { ...T, user: 'root' })).stdout, '/root\n')
})

test("whoami is 'user' by default and 'root' with user: 'root'", { timeout: 30_000 }, async (t) => {
  if (!ISOLATED) {
    t.skip(`${NOT_ISOLATED_REASON} (no 'user' account on the host)`)
    return
  }
  assert.equal((await sbx.commands.run('whoami', T)).stdout, 'user\n')
  assert.equal((await sbx.commands.run('whoami', { ...T, user: 'root' })).stdout, 'root\n')
  assert.equal((await sbx.commands.run('id -u', { ...T, user: 'root' })).stdout, '0\n')
})

test('background command: handle with pid, listed, killed, wait() rejects', { timeout: 30_000 }, async () => {
  const handle = await sbx.commands.run('sleep 30', { background: true, timeoutMs: 40_000 })
  assert.ok(Number.isInteger(handle.pid) && handle.pid > 0, `bad pid ${handle.pid}`)
  assert.equal(handle.exitCode, undefined)

  const listed = await sbx.commands.list()
  const mine = listed.find((p) => p.pid === handle.pid)
  assert.ok(mine, `pid ${handle.pid} not in commands.list(): ${JSON.stringify(listed)}`)
  assert.equal(mine.cmd, '/bin/bash')
  assert.deepEqual(mine.args, ['-l', '-c', 'sleep 30'])

  assert.equal(await sbx.commands.kill(handle.pid), true)
  await within(
    10_000,
    assert.rejects(handle.wait(), (err) => {
      assert.ok(err instanceof CommandExitError, `expected CommandExitError, got ${err?.constructor?.name}: ${err?.message}`)
      assert.notEqual(err.exitCode, 0)
      return true
    }),
    'wait() of a killed command',
  )
  await waitFor(async () => !(await sbx.commands.list()).some((p) => p.pid === handle.pid), {
    timeoutMs: 3_000,
    what: 'the killed process to leave commands.list()',
  })
  assert.equal(await sbx.commands.kill(handle.pid), false, 'killing an ended process must return false')
})

test('kill of an unknown pid returns false', { timeout: 15_000 }, async () => {
  assert.equal(await sbx.commands.kill(999_999), false)
})

test('stdin: sendStdin feeds a running command, closeStdin ends its input', { timeout: 30_000 }, async () => {
  const reader = await sbx.commands.run('read line; echo "got:$line"', { background: true, stdin: true, timeoutMs: 20_000 })
  await sbx.commands.sendStdin(reader.pid, 'hello\n')
  const res = await within(10_000, reader.wait(), 'read line')
  assert.equal(res.stdout, 'got:hello\n')

  const cat = await sbx.commands.run('cat', { background: true, stdin: true, timeoutMs: 20_000 })
  await sbx.commands.sendStdin(cat.pid, 'abc')
  await cat.sendStdin(new TextEncoder().encode('def\n'))
  await sbx.commands.closeStdin(cat.pid)
  const catRes = await within(10_000, cat.wait(), 'cat after closeStdin')
  assert.equal(catRes.stdout, 'abcdef\n')
  assert.equal(catRes.exitCode, 0)
})

test('without stdin: true the command reads EOF at once', { timeout: 30_000 }, async () => {
  // a cat that waited for input would run into the command's timeout instead
  const res = await sbx.commands.run('cat; echo done', { timeoutMs: 20_000 })
  assert.equal(res.stdout, 'done\n')
})

test('timeoutMs ends a long command with TimeoutError and the process is gone', { timeout: 30_000 }, async () => {
  const marker = uniq('tmo')
  await assert.rejects(sbx.commands.run(`sleep 600; echo ${marker}`, { timeoutMs: 1_000 }), TimeoutError)
  // Connect-Timeout-Ms is the process lifetime on the server side.
  await waitFor(async () => !(await sbx.commands.list()).some((p) => p.args.join(' ').includes(marker)), {
    timeoutMs: 20_000,
    what: 'the timed-out process to be killed by the server',
  })
})

test('commands.connect(pid) attaches to a running process and receives its later output', { timeout: 30_000 }, async () => {
  // it waits for a line, so it is still running when connect attaches, however slow the machine
  const handle = await sbx.commands.run('read -r go; echo later; exit 4', { background: true, stdin: true, timeoutMs: 20_000 })
  await handle.disconnect()
  const seen = []
  const attached = await sbx.commands.connect(handle.pid, { timeoutMs: 15_000, onStdout: (d) => seen.push(d) })
  assert.equal(attached.pid, handle.pid)
  await sbx.commands.sendStdin(handle.pid, 'go\n')
  await within(
    10_000,
    assert.rejects(attached.wait(), (err) => {
      assert.ok(err instanceof CommandExitError)
      assert.equal(err.exitCode, 4)
      assert.equal(err.stdout, 'later\n')
      return true
    }),
    'wait() of the connected handle',
  )
  assert.equal(seen.join(''), 'later\n')
})

test('commands.connect to an unknown pid is rejected', { timeout: 15_000 }, async () => {
  await assert.rejects(sbx.commands.connect(999_999, { timeoutMs: 5_000 }))
})

test('files written with files.write are seen by commands, and the reverse', { timeout: 30_000 }, async () => {
  const name = uniq('shared')
  await sbx.files.write(`/home/user/${name}.txt`, 'home content')
  await sbx.files.write(`/tmp/${name}.txt`, 'tmp content')
  assert.equal((await sbx.commands.run(`cat /home/user/${name}.txt`, T)).stdout, 'home content')
  assert.equal((await sbx.commands.run(`cat ${name}.txt`, T)).stdout, 'home content') // relative to the cwd /home/user
  assert.equal((await sbx.commands.run(`cat /tmp/${name}.txt`, T)).stdout, 'tmp content')

  await sbx.commands.run(`printf 'made by bash' > /tmp/${name}-cmd.txt && mkdir -p ~/${name}-dir && echo x > ~/${name}-dir/y.txt`, T)
  assert.equal(await sbx.files.read(`/tmp/${name}-cmd.txt`), 'made by bash')
  assert.equal(await sbx.files.read(`${name}-dir/y.txt`), 'x\n')
  assert.deepEqual(
    (await sbx.files.list(`/home/user/${name}-dir`)).map((e) => e.name),
    ['y.txt'],
  )
  await sbx.commands.run(`rm -rf /home/user/${name}.txt /tmp/${name}.txt /tmp/${name}-cmd.txt ~/${name}-dir`, T)
  assert.equal(await sbx.files.exists(`/tmp/${name}.txt`), false)
})

test('1 MB of output arrives whole', { timeout: 60_000 }, async () => {
  const res = await sbx.commands.run("head -c 1000000 /dev/zero | tr '\\0' a", { timeoutMs: 30_000 })
  assert.equal(res.stdout.length, 1_000_000)
  assert.ok(/^a+$/.test(res.stdout), 'output contains something other than "a"')

  const mixed = await sbx.commands.run("head -c 300000 /dev/zero | tr '\\0' e >&2; echo end", { timeoutMs: 30_000 })
  assert.equal(mixed.stderr.length, 300_000)
  assert.equal(mixed.stdout, 'end\n')
})

test('several commands run concurrently', { timeout: 30_000 }, async () => {
  // each waits for its own line: all three are running at once before any of them may end
  const handles = await Promise.all(
    [1, 2, 3].map((i) => sbx.commands.run(`read -r go; echo ${i}`, { ...T, background: true, stdin: true })),
  )
  const running = (await sbx.commands.list()).map((p) => p.pid)
  for (const handle of handles) assert.ok(running.includes(handle.pid), `pid ${handle.pid} is not running alongside the others`)
  for (const handle of handles) await sbx.commands.sendStdin(handle.pid, 'go\n')
  const results = await Promise.all(handles.map((handle) => handle.wait()))
  assert.deepEqual(
    results.map((r) => r.stdout),
    ['1\n', '2\n', '3\n'],
  )
})
