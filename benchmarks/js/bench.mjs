// The official E2B JS SDK's side of the benchmarks: one workload per run, timed inside this
// process, printed as one JSON line. The harness (BenchmarkMain) sets E2B_API_URL,
// E2B_SANDBOX_URL and E2B_API_KEY to an e2b-local server.
import { Sandbox } from 'e2b'
import { Sandbox as CodeSandbox } from '@e2b/code-interpreter'

const [workload, ...args] = process.argv.slice(2)
const numbers = args.map(Number)

let peakHeap = 0
let peakRss = 0
const sampler = setInterval(() => {
  const usage = process.memoryUsage()
  peakHeap = Math.max(peakHeap, usage.heapUsed)
  peakRss = Math.max(peakRss, usage.rss)
}, 10)
const baseHeap = process.memoryUsage().heapUsed

function now() {
  return Number(process.hrtime.bigint()) / 1e6
}

async function createKill(count) {
  const latencies = []
  for (let i = 0; i < count; i++) {
    const start = now()
    const sandbox = await Sandbox.create()
    await sandbox.kill()
    latencies.push(now() - start)
  }
  return latencies
}

async function concurrent(total, concurrency) {
  const latencies = []
  let next = 0
  async function worker() {
    while (next < total) {
      next++
      const start = now()
      const sandbox = await Sandbox.create()
      try {
        await sandbox.files.write('a.txt', 'hello')
        const result = await sandbox.commands.run('echo hi')
        if (result.stdout !== 'hi\n') throw new Error('unexpected output ' + result.stdout)
      } finally {
        await sandbox.kill()
      }
      latencies.push(now() - start)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies
}

async function writeFiles(count, size) {
  const sandbox = await Sandbox.create()
  try {
    const data = 'x'.repeat(size)
    const entries = Array.from({ length: count }, (_, i) => ({ path: `/tmp/many/f${i}.txt`, data }))
    const start = now()
    const written = await sandbox.files.write(entries)
    const elapsed = now() - start
    if (written.length !== count) throw new Error('wrote ' + written.length)
    return [elapsed]
  } finally {
    await sandbox.kill()
  }
}

function generated(bytes) {
  const chunk = new Uint8Array(64 * 1024)
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) {
        controller.close()
        return
      }
      const size = Math.min(chunk.length, bytes - sent)
      controller.enqueue(size === chunk.length ? chunk : chunk.slice(0, size))
      sent += size
    },
  })
}

async function transfer(bytes) {
  const sandbox = await Sandbox.create()
  try {
    let start = now()
    await sandbox.files.write('/tmp/big.bin', generated(bytes))
    const upload = now() - start
    start = now()
    const stream = await sandbox.files.read('/tmp/big.bin', { format: 'stream' })
    let received = 0
    for await (const piece of stream) received += piece.length
    const download = now() - start
    if (received !== bytes) throw new Error('downloaded ' + received + ' of ' + bytes)
    return [upload, download]
  } finally {
    await sandbox.kill()
  }
}

async function list(expected) {
  const start = now()
  const paginator = Sandbox.list({ limit: 100 })
  let count = 0
  while (paginator.hasNext) count += (await paginator.nextItems()).length
  const elapsed = now() - start
  if (count < expected) throw new Error('listed ' + count + ' of ' + expected)
  return [elapsed]
}

async function runCode(count) {
  const sandbox = await CodeSandbox.create()
  try {
    // the first run waits for the kernel to start
    await sandbox.runCode('1+1')
    const latencies = []
    for (let i = 0; i < count; i++) {
      const start = now()
      const execution = await sandbox.runCode('1+1')
      latencies.push(now() - start)
      if (execution.text !== '2') throw new Error('unexpected result ' + JSON.stringify(execution))
    }
    return latencies
  } finally {
    await sandbox.kill()
  }
}

// the same cells as Contender.sessionCell on the Java side
async function codeSession(cells) {
  const sandbox = await CodeSandbox.create()
  try {
    await sandbox.runCode('total = 0')
    const start = now()
    let last
    for (let i = 1; i <= cells; i++) {
      last = await sandbox.runCode(`total += ${i}\nprint('total', total)\ntotal`)
    }
    const elapsed = now() - start
    if (last.text !== String((cells * (cells + 1)) / 2)) throw new Error('unexpected result ' + JSON.stringify(last))
    return [elapsed]
  } finally {
    await sandbox.kill()
  }
}

const workloads = {
  'create-kill': createKill,
  concurrent,
  'write-files': writeFiles,
  transfer,
  list,
  'run-code': runCode,
  'code-session': codeSession,
}
const started = now()
const latencies = await workloads[workload](...numbers)
const seconds = (now() - started) / 1000
clearInterval(sampler)
console.log(JSON.stringify({ seconds, latencies, peakHeapGrowth: Math.max(0, peakHeap - baseHeap), peakRss }))
