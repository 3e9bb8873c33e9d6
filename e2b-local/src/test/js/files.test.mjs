// sandbox.files through the official SDK (envd GET/POST /files and filesystem.Filesystem RPCs):
// text and binary round trips, multi-file writes, path resolution (relative, ~/, absolute, root's home),
// not-found errors, exists/getInfo/makeDir/list/rename/remove, gzip, signed download/upload URLs,
// and watchDir events.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { FileNotFoundError, InvalidArgumentError } from 'e2b'
import { ENVD_PORT, REQUEST_TIMEOUT_MS, cleanupAll, createSandbox, killQuietly, uniq, waitFor } from './helpers.mjs'

/** @type {import('e2b').Sandbox} */
let sbx

before(async () => {
  sbx = await createSandbox({ timeoutMs: 180_000 })
})

after(async () => {
  await killQuietly(sbx)
  await cleanupAll()
})

/** A fresh absolute directory under /home/user for one test. */
const freshDir = (prefix) => `/home/user/${uniq(prefix)}`

async function get(url, headers = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  return { status: res.status, text: await res.text() }
}

/** POSTs one multipart part named "file" (what the SDK documents for upload URLs). */
async function postFile(url, content, filename, headers = {}) {
  const form = new FormData()
  form.append('file', new Blob([content]), filename)
  const res = await fetch(url, { method: 'POST', body: form, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  return { status: res.status, text: await res.text() }
}

const routing = () => ({ 'E2b-Sandbox-Id': sbx.sandboxId, 'E2b-Sandbox-Port': String(ENVD_PORT) })

test('write and read text, overwrite truncates, empty file reads as ""', { timeout: 30_000 }, async () => {
  const dir = freshDir('text')
  const path = `${dir}/hello.txt`
  const content = 'héllo wörld ✓\nsecond line\n'
  const info = await sbx.files.write(path, content)
  assert.equal(info.path, path)
  assert.equal(info.name, 'hello.txt')
  assert.equal(info.type, 'file')
  assert.equal(await sbx.files.read(path), content)

  await sbx.files.write(path, 'short')
  assert.equal(await sbx.files.read(path), 'short')

  await sbx.files.write(`${dir}/empty.txt`, '')
  assert.equal(await sbx.files.read(`${dir}/empty.txt`), '')
  assert.equal((await sbx.files.read(`${dir}/empty.txt`, { format: 'bytes' })).length, 0)
  await sbx.files.remove(dir)
})

test('all 256 byte values round-trip (format "bytes" and "blob")', { timeout: 30_000 }, async () => {
  const path = `/tmp/${uniq('bytes')}.bin`
  const data = new Uint8Array(512)
  for (let i = 0; i < data.length; i++) data[i] = i % 256
  await sbx.files.write(path, data.buffer)
  const back = await sbx.files.read(path, { format: 'bytes' })
  assert.ok(back instanceof Uint8Array)
  assert.deepEqual(Buffer.from(back), Buffer.from(data))
  const blob = await sbx.files.read(path, { format: 'blob' })
  assert.equal(blob.size, 512)
  assert.deepEqual(Buffer.from(await blob.arrayBuffer()), Buffer.from(data))
  await sbx.files.remove(path)
})

test('several files in one write call (files.write([...]) and writeFiles)', { timeout: 30_000 }, async () => {
  const name = uniq('multi')
  const entries = [
    { path: `${name}-a.txt`, data: 'A' }, // relative
    { path: `/tmp/${name}/b.txt`, data: 'B' }, // absolute, parent created
    { path: `~/${name}-c.bin`, data: new Uint8Array([0, 255, 10]).buffer },
  ]
  const infos = await sbx.files.write(entries)
  assert.ok(Array.isArray(infos))
  assert.deepEqual(
    infos.map((i) => i.path),
    [`/home/user/${name}-a.txt`, `/tmp/${name}/b.txt`, `/home/user/${name}-c.bin`],
  )
  assert.deepEqual(
    infos.map((i) => i.name),
    [`${name}-a.txt`, 'b.txt', `${name}-c.bin`],
  )
  assert.equal(await sbx.files.read(`/home/user/${name}-a.txt`), 'A')
  assert.equal(await sbx.files.read(`/tmp/${name}/b.txt`), 'B')
  assert.deepEqual([...(await sbx.files.read(`${name}-c.bin`, { format: 'bytes' }))], [0, 255, 10])

  // A one-element list is still a multi-file request (no query path) and returns an array.
  const one = await sbx.files.writeFiles([{ path: `/tmp/${name}/d.txt`, data: 'D' }])
  assert.ok(Array.isArray(one))
  assert.equal(one.length, 1)
  assert.equal(one[0].path, `/tmp/${name}/d.txt`)
  assert.equal(await sbx.files.read(`/tmp/${name}/d.txt`), 'D')

  for (const p of [`${name}-a.txt`, `${name}-c.bin`, `/tmp/${name}`]) await sbx.files.remove(p)
})

test('relative, "~/" and absolute paths all resolve against /home/user', { timeout: 30_000 }, async () => {
  const rel = `${uniq('rel')}.txt`
  const info = await sbx.files.write(rel, 'relative')
  assert.equal(info.path, `/home/user/${rel}`)
  assert.equal(await sbx.files.read(`~/${rel}`), 'relative')
  assert.equal(await sbx.files.read(`/home/user/${rel}`), 'relative')
  assert.equal(await sbx.files.exists(`~/${rel}`), true)
  assert.equal((await sbx.files.getInfo(rel)).path, `/home/user/${rel}`)

  const tilde = `${uniq('tilde')}.txt`
  const tInfo = await sbx.files.write(`~/${tilde}`, 'tilde')
  assert.equal(tInfo.path, `/home/user/${tilde}`)
  assert.equal(await sbx.files.read(tilde), 'tilde')

  const dir = uniq('reldir')
  assert.equal(await sbx.files.makeDir(dir), true)
  assert.equal((await sbx.files.getInfo(`/home/user/${dir}`)).type, 'dir')

  for (const p of [rel, tilde, dir]) await sbx.files.remove(p)
})

test('missing paths: read, getInfo, list, rename and watchDir throw FileNotFoundError', { timeout: 30_000 }, async () => {
  const missing = `/tmp/${uniq('missing')}/nothing.txt`
  await assert.rejects(sbx.files.read(missing), FileNotFoundError)
  await assert.rejects(sbx.files.read(uniq('missing-rel')), FileNotFoundError)
  await assert.rejects(sbx.files.getInfo(missing), FileNotFoundError)
  await assert.rejects(sbx.files.list(`/tmp/${uniq('missing-dir')}`), FileNotFoundError)
  await assert.rejects(sbx.files.rename(missing, `/tmp/${uniq('dest')}.txt`), FileNotFoundError)
  await assert.rejects(
    sbx.files.watchDir(`/tmp/${uniq('missing-watch')}`, () => {}, { timeoutMs: 10_000 }),
    FileNotFoundError,
  )
})

test('reading a directory or listing a file is an invalid argument', { timeout: 30_000 }, async () => {
  const dir = freshDir('invalid')
  await sbx.files.write(`${dir}/f.txt`, 'f')
  await assert.rejects(sbx.files.read(dir), InvalidArgumentError)
  await assert.rejects(sbx.files.list(`${dir}/f.txt`), InvalidArgumentError)
  await assert.rejects(sbx.files.makeDir(`${dir}/f.txt`), InvalidArgumentError)
  await sbx.files.remove(dir)
})

test('exists and getInfo report files and directories', { timeout: 30_000 }, async () => {
  const dir = freshDir('info')
  const path = `${dir}/info.txt`
  const content = 'ünïcode' // 7 characters, 10 bytes
  await sbx.files.write(path, content)

  assert.equal(await sbx.files.exists(path), true)
  assert.equal(await sbx.files.exists(dir), true)
  assert.equal(await sbx.files.exists(`${dir}/nope.txt`), false)

  const info = await sbx.files.getInfo(path)
  assert.equal(info.type, 'file')
  assert.equal(info.name, 'info.txt')
  assert.equal(info.path, path)
  assert.equal(info.size, Buffer.byteLength(content))
  assert.equal(typeof info.permissions, 'string')
  assert.equal(typeof info.mode, 'number')
  assert.ok(info.modifiedTime instanceof Date && Math.abs(info.modifiedTime.getTime() - Date.now()) < 120_000, 'modifiedTime is not recent')

  const dirInfo = await sbx.files.getInfo(dir)
  assert.equal(dirInfo.type, 'dir')
  assert.equal(dirInfo.path, dir)
  await sbx.files.remove(dir)
})

test('makeDir creates parents and returns false when the directory exists', { timeout: 30_000 }, async () => {
  const dir = freshDir('mkdir')
  const nested = `${dir}/a/b/c`
  assert.equal(await sbx.files.exists(dir), false)
  assert.equal(await sbx.files.makeDir(nested), true)
  assert.equal(await sbx.files.makeDir(nested), false)
  assert.equal((await sbx.files.getInfo(nested)).type, 'dir')
  assert.equal((await sbx.files.getInfo(`${dir}/a`)).type, 'dir')
  await sbx.files.remove(dir)
})

test('list with depth 1 and depth 2', { timeout: 30_000 }, async () => {
  const dir = freshDir('list')
  await sbx.files.write([
    { path: `${dir}/a.txt`, data: 'a' },
    { path: `${dir}/b.txt`, data: 'bb' },
    { path: `${dir}/sub/c.txt`, data: 'c' },
    { path: `${dir}/sub/deeper/d.txt`, data: 'd' },
  ])

  const one = await sbx.files.list(dir)
  assert.deepEqual(
    one.map((e) => [e.name, e.type, e.path]),
    [
      ['a.txt', 'file', `${dir}/a.txt`],
      ['b.txt', 'file', `${dir}/b.txt`],
      ['sub', 'dir', `${dir}/sub`],
    ],
  )
  assert.equal(one.find((e) => e.name === 'b.txt').size, 2)

  const explicitOne = await sbx.files.list(dir, { depth: 1 })
  assert.deepEqual(
    explicitOne.map((e) => e.path),
    one.map((e) => e.path),
  )

  const two = await sbx.files.list(dir, { depth: 2 })
  assert.deepEqual(
    two.map((e) => [e.path, e.type]),
    [
      [`${dir}/a.txt`, 'file'],
      [`${dir}/b.txt`, 'file'],
      [`${dir}/sub`, 'dir'],
      [`${dir}/sub/c.txt`, 'file'],
      [`${dir}/sub/deeper`, 'dir'],
    ],
  )
  await sbx.files.remove(dir)
})

test('rename moves a file (creating parents) and returns the new entry', { timeout: 30_000 }, async () => {
  const dir = freshDir('rename')
  await sbx.files.write(`${dir}/old.txt`, 'moving')
  const entry = await sbx.files.rename(`${dir}/old.txt`, `${dir}/moved/new.txt`)
  assert.equal(entry.path, `${dir}/moved/new.txt`)
  assert.equal(entry.name, 'new.txt')
  assert.equal(entry.type, 'file')
  assert.equal(await sbx.files.exists(`${dir}/old.txt`), false)
  assert.equal(await sbx.files.read(`${dir}/moved/new.txt`), 'moving')

  const dirEntry = await sbx.files.rename(`${dir}/moved`, `${dir}/renamed-dir`)
  assert.equal(dirEntry.type, 'dir')
  assert.equal(await sbx.files.read(`${dir}/renamed-dir/new.txt`), 'moving')
  await sbx.files.remove(dir)
})

test('remove deletes files and whole directories; a missing path is not an error', { timeout: 30_000 }, async () => {
  const dir = freshDir('remove')
  await sbx.files.write([
    { path: `${dir}/x.txt`, data: 'x' },
    { path: `${dir}/sub/y.txt`, data: 'y' },
  ])
  await sbx.files.remove(`${dir}/x.txt`)
  assert.equal(await sbx.files.exists(`${dir}/x.txt`), false)
  assert.equal(await sbx.files.exists(`${dir}/sub/y.txt`), true)
  await sbx.files.remove(dir)
  assert.equal(await sbx.files.exists(dir), false)
  await sbx.files.remove(`${dir}/never-existed`) // must resolve
  await sbx.files.remove(`/tmp/${uniq('never')}`)
})

test('gzip upload (octet-stream + Content-Encoding) and gzip download', { timeout: 30_000 }, async () => {
  const path = `/tmp/${uniq('gzip')}.txt`
  const content = 'compress me '.repeat(10_000) + '✓'
  const info = await sbx.files.write(path, content, { gzip: true })
  assert.equal(info.path, path)
  assert.equal(await sbx.files.read(path), content)
  assert.equal(await sbx.files.read(path, { gzip: true }), content)
  assert.equal((await sbx.files.getInfo(path)).size, Buffer.byteLength(content))

  // Plain octet-stream upload without gzip.
  const raw = `/tmp/${uniq('octet')}.txt`
  await sbx.files.write(raw, 'octet body', { useOctetStream: true })
  assert.equal(await sbx.files.read(raw), 'octet body')
  await sbx.files.remove(path)
  await sbx.files.remove(raw)
})

test("user 'root': relative paths resolve against /root", { timeout: 30_000 }, async () => {
  const name = `${uniq('root')}.txt`
  const info = await sbx.files.write(name, 'R', { user: 'root' })
  assert.equal(info.path, `/root/${name}`)
  assert.equal(await sbx.files.read(`/root/${name}`, { user: 'root' }), 'R')
  assert.equal(await sbx.files.read(name, { user: 'root' }), 'R')
  assert.equal(await sbx.files.exists(`/home/user/${name}`), false)
  const res = await sbx.commands.run(`cat /root/${name}`, { user: 'root', timeoutMs: 10_000 })
  assert.equal(res.stdout, 'R')
  await sbx.files.remove(`/root/${name}`, { user: 'root' })
})

test('signed download URL: plain fetch works; expired or tampered signatures are 401', { timeout: 30_000 }, async () => {
  const path = `/home/user/${uniq('dl')} file.txt` // a space, encoded as "+" by the SDK
  await sbx.files.write(path, 'download me')

  const url = await sbx.downloadUrl(path)
  const plain = await get(url)
  assert.equal(
    plain.status,
    200,
    `GET ${url} without headers: ${plain.status} ${plain.text} (the URL carries no sandbox id: the server has to find the sandbox from the signature)`,
  )
  assert.equal(plain.text, 'download me')

  const expiring = await sbx.downloadUrl(path, { useSignatureExpiration: 60 })
  assert.match(expiring, /signature_expiration=\d+/)
  assert.equal((await get(expiring)).text, 'download me')

  const expired = await sbx.downloadUrl(path, { useSignatureExpiration: -10 })
  assert.equal((await get(expired, routing())).status, 401, 'an expired signature must be refused')

  const tampered = new URL(url)
  const sig = tampered.searchParams.get('signature')
  tampered.searchParams.set('signature', sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA'))
  assert.equal((await get(tampered.toString(), routing())).status, 401, 'a tampered signature must be refused')

  // A signature is bound to its path.
  const other = new URL(url)
  other.searchParams.set('path', `/home/user/${uniq('other')}.txt`)
  assert.equal((await get(other.toString(), routing())).status, 401, 'a signature for another path must be refused')
  await sbx.files.remove(path)
})

test('signed upload URL accepts a multipart POST', { timeout: 30_000 }, async () => {
  const dir = `/tmp/${uniq('ul')}`
  const path = `${dir}/uploaded.txt`
  const url = await sbx.uploadUrl(path)
  const res = await postFile(url, 'uploaded via signed url', 'uploaded.txt')
  assert.equal(res.status, 200, `POST ${url}: ${res.status} ${res.text}`)
  const infos = JSON.parse(res.text)
  assert.ok(Array.isArray(infos))
  assert.equal(infos[0].path, path)
  assert.equal(await sbx.files.read(path), 'uploaded via signed url')

  // Without a path the signature covers "" and the part's filename is the target path.
  const target = `${dir}/named-by-filename.txt`
  const noPathUrl = await sbx.uploadUrl()
  const res2 = await postFile(noPathUrl, 'named by filename', target)
  assert.equal(res2.status, 200, `POST ${noPathUrl}: ${res2.status} ${res2.text}`)
  assert.equal(await sbx.files.read(target), 'named by filename')

  // Expired upload signature.
  const expiredUrl = await sbx.uploadUrl(`${dir}/expired.txt`, { useSignatureExpiration: -10 })
  const res3 = await postFile(expiredUrl, 'nope', 'expired.txt', routing())
  assert.equal(res3.status, 401, `expired upload signature: ${res3.status} ${res3.text}`)
  assert.equal(await sbx.files.exists(`${dir}/expired.txt`), false)
  await sbx.files.remove(dir)
})

test('watchDir reports a file written into the watched directory', { timeout: 30_000 }, async () => {
  const dir = freshDir('watch')
  assert.equal(await sbx.files.makeDir(dir), true)
  const events = []
  let exitError
  const handle = await sbx.files.watchDir(dir, (e) => events.push(e), {
    timeoutMs: 20_000,
    onExit: (err) => {
      exitError = err
    },
  })
  try {
    await sbx.files.write(`${dir}/watched.txt`, 'event')
    await waitFor(() => events.some((e) => e.name === 'watched.txt' && (e.type === 'create' || e.type === 'write')), {
      timeoutMs: 5_000,
      what: `a create/write event for watched.txt (got ${JSON.stringify(events)})`,
    })
    assert.ok(
      events.every((e) => !e.name.startsWith('/')),
      `event names must be relative to the watched directory: ${JSON.stringify(events)}`,
    )
    assert.equal(exitError, undefined, `the watch ended early with an error: ${exitError}`)
  } finally {
    await handle.stop()
  }
  await sbx.files.remove(dir)
})
