// Isolation between sandboxes when e2b-local runs them under bubblewrap (E2B_LOCAL_ISOLATED=true):
// each sandbox has its own /tmp and /home/user, and /home holds only "user". Skipped otherwise.

import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { ISOLATED, NOT_ISOLATED_REASON, cleanupAll, createSandbox, killQuietly, uniq } from './helpers.mjs'

after(cleanupAll)

const T = { timeoutMs: 15_000 }

test('two sandboxes each see only their own /tmp and /home/user', { timeout: 60_000 }, async (t) => {
  if (!ISOLATED) {
    t.skip(NOT_ISOLATED_REASON)
    return
  }
  const [a, b] = await Promise.all([createSandbox(), createSandbox()])
  try {
    const secretA = uniq('secret-a')
    const secretB = uniq('secret-b')
    await a.files.write('/tmp/secret.txt', secretA)
    await b.files.write('/tmp/secret.txt', secretB)
    assert.equal((await a.commands.run('cat /tmp/secret.txt', T)).stdout, secretA)
    assert.equal((await b.commands.run('cat /tmp/secret.txt', T)).stdout, secretB)
    assert.equal(await a.files.read('/tmp/secret.txt'), secretA)
    assert.equal(await b.files.read('/tmp/secret.txt'), secretB)

    // A file created by a command in one sandbox's home is invisible in the other.
    const name = `${uniq('only-a')}.txt`
    await a.commands.run(`echo mine > ~/${name}`, T)
    assert.equal(await a.files.exists(`/home/user/${name}`), true)
    assert.equal(await b.files.exists(`/home/user/${name}`), false)
    await assert.rejects(b.commands.run(`cat /home/user/${name}`, T))
  } finally {
    await Promise.all([killQuietly(a), killQuietly(b)])
  }
})

test("/home holds only 'user'", { timeout: 30_000 }, async (t) => {
  if (!ISOLATED) {
    t.skip(NOT_ISOLATED_REASON)
    return
  }
  const sbx = await createSandbox()
  try {
    assert.equal((await sbx.commands.run('ls -A /home', T)).stdout, 'user\n')
    assert.deepEqual(
      (await sbx.files.list('/home')).map((e) => e.name),
      ['user'],
    )
  } finally {
    await killQuietly(sbx)
  }
})

test('a fresh sandbox does not see files of a killed one', { timeout: 60_000 }, async (t) => {
  if (!ISOLATED) {
    t.skip(NOT_ISOLATED_REASON)
    return
  }
  const name = `${uniq('leftover')}.txt`
  const first = await createSandbox()
  try {
    await first.files.write(`/tmp/${name}`, 'x')
    await first.files.write(`/home/user/${name}`, 'x')
  } finally {
    await killQuietly(first)
  }
  const second = await createSandbox()
  try {
    assert.equal(await second.files.exists(`/tmp/${name}`), false)
    assert.equal(await second.files.exists(`/home/user/${name}`), false)
  } finally {
    await killQuietly(second)
  }
})
