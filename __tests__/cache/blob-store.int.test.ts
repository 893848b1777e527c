/**
 * The in-process blob store under the real `@azure/storage-blob` client, as `@actions/cache` uses it (upload in
 * blocks or in one shot, ranged downloads, properties), plus what it refuses: unsigned, expired-permission and
 * malformed requests.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { BlockBlobClient } from '@azure/storage-blob'
import { randomBytes } from 'node:crypto'
import { InProcessBlobStore } from '../../emulator/cache-service-blobs.js'
import { hostPlugins, type PluginHost } from './helpers/plugin-host.js'

let store: InProcessBlobStore
let host: PluginHost

beforeAll(async () => {
  store = new InProcessBlobStore()
  host = await hostPlugins([{ name: 'blobs', rawHandlers: [store.rawHandler], start: s => store.start(s) }])
})

afterAll(async () => {
  await host?.close()
})

describe('in-process blob store', () => {
  it('takes staged blocks and a block list, serves ranges and properties', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123)
    const upload = new BlockBlobClient(await store.uploadUrl('blocks'))
    await upload.uploadData(data, { blockSize: 1024 * 1024, maxSingleShotSize: 1024 * 1024, concurrency: 3 })
    expect(await store.size('blocks')).toBe(data.length)
    expect(host.stats['azure-blob/put-block'].writes).toBe(6)
    expect(host.stats['azure-blob/put-block-list'].writes).toBe(1)
    const download = new BlockBlobClient(await store.downloadUrl('blocks'))
    const properties = await download.getProperties()
    expect(properties.contentLength).toBe(data.length)
    expect(properties.blobType).toBe('BlockBlob')
    // Buffer.equals: jest's toEqual walks a Buffer byte by byte.
    const part = await download.downloadToBuffer(1_000_000, 3_000_000, { concurrency: 4, blockSize: 700_000 })
    expect(part.equals(data.subarray(1_000_000, 4_000_000))).toBe(true)
    expect((await download.downloadToBuffer()).equals(data)).toBe(true)
  })

  it('takes a single-shot upload and overwrites', async () => {
    const client = new BlockBlobClient(await store.uploadUrl('single'))
    await client.upload(Buffer.from('first'), 5)
    await client.upload(Buffer.from('second'), 6)
    const read = await fetch(await store.downloadUrl('single'))
    expect(read.status).toBe(200)
    expect(await read.text()).toBe('second')
    const ranged = await fetch(await store.downloadUrl('single'), { headers: { range: 'bytes=2-' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe('bytes 2-5/6')
    expect(await ranged.text()).toBe('cond')
    const unsatisfiable = await fetch(await store.downloadUrl('single'), {
      headers: { range: 'bytes=10-20' }
    })
    expect(unsatisfiable.status).toBe(416)
  })

  it('refuses unsigned, tampered, wrong-permission and unknown-blob requests the way Azure does', async () => {
    const readUrl = await store.downloadUrl('single')
    const unsigned = await fetch(readUrl.replace(/sig=[^&]+/, ''))
    expect(unsigned.status).toBe(403)
    expect(unsigned.headers.get('x-ms-error-code')).toBe('AuthenticationFailed')
    const tampered = await fetch(readUrl.replace('/single?', '/other?'))
    expect(tampered.status).toBe(403)
    const writeWithReadUrl = await fetch(readUrl, {
      method: 'PUT',
      body: 'x',
      headers: { 'x-ms-blob-type': 'BlockBlob' }
    })
    expect(writeWithReadUrl.status).toBe(403)
    expect(await writeWithReadUrl.text()).toMatch(/<Code>AuthenticationFailed<\/Code>/)
    const noType = await fetch(await store.uploadUrl('typed'), { method: 'PUT', body: 'x' })
    expect(noType.status).toBe(400)
    const missing = await fetch(await store.downloadUrl('never-written'))
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-ms-error-code')).toBe('BlobNotFound')
    const badList = await fetch(`${await store.uploadUrl('list')}&comp=blocklist`, {
      method: 'PUT',
      body: '<?xml version="1.0"?><BlockList><Latest>bm9wZQ==</Latest></BlockList>'
    })
    expect(badList.status).toBe(400)
    expect(badList.headers.get('x-ms-error-code')).toBe('InvalidBlockList')
  })
})
