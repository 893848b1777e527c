/**
 * Where the emulated Actions cache service keeps archives. `@actions/cache` uploads with `@azure/storage-blob`
 * (Put Blob, or Put Block + Put Block List past 128 MiB) to the signed URL the service hands out, and downloads
 * with a plain GET (ranged GETs and Get Properties when it uses the SDK). Two stores speak that much of Azure
 * Blob's REST API: an in-process one (a raw handler on the emulator's own port, the fast tier) and Azurite
 * (Microsoft's emulator, the faithful tier).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  BlobSASPermissions,
  BlobServiceClient,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type ContainerClient
} from '@azure/storage-blob'
import type { EmulatorServices, RawHandler } from './plugin.js'
import type { AzuriteServer } from './azurite.js'

/** A blob store for cache archives. */
export interface CacheBlobStore {
  /** `in-process` or `azurite`, for logs. */
  readonly kind: string
  /** A URL that lets `@actions/cache` create the blob (write-only, short-lived). */
  uploadUrl(blob: string): Promise<string>
  /** A URL that lets `@actions/cache` read the blob (read-only, short-lived). */
  downloadUrl(blob: string): Promise<string>
  /** The committed blob's size in bytes, or undefined when it does not exist (yet). */
  size(blob: string): Promise<number | undefined>
  /** Deletes the blob (a no-op when absent). */
  delete(blob: string): Promise<void>
  /** The raw handler serving the blob API, for stores living inside the emulator. */
  readonly rawHandler?: RawHandler
  /** Called when the emulator starts. */
  start?(services: EmulatorServices): Promise<void> | void
  /** Releases the store. */
  stop?(): Promise<void> | void
}

/** How long a signed URL stays valid. */
const URL_LIFETIME_MS = 60 * 60 * 1000
/** The path prefix of the in-process store: `/_cache-blobs/<container>/<blob>` (an IP-style Azure URL). */
export const IN_PROCESS_BLOB_PREFIX = '/_cache-blobs/'
const CONTAINER = 'actions-cache'
const API_VERSION = '2025-11-05'

interface StoredBlob {
  data: Buffer
  etag: string
  lastModified: Date
  md5: string
}

/** The in-process blob store: blobs in memory, served on the emulator's port with signed URLs. */
export class InProcessBlobStore implements CacheBlobStore {
  /** See CacheBlobStore.kind. */
  readonly kind = 'in-process'
  /** See CacheBlobStore.rawHandler. */
  readonly rawHandler: RawHandler
  private readonly blobs = new Map<string, StoredBlob>()
  private readonly blocks = new Map<string, Map<string, Buffer>>()
  private readonly secret = randomBytes(32)
  private services: EmulatorServices | undefined

  constructor() {
    this.rawHandler = { name: 'cache-blobs', handle: (req, res, url) => this.handle(req, res, url) }
  }

  /** See CacheBlobStore.start. */
  start(services: EmulatorServices): void {
    this.services = services
  }

  /** See CacheBlobStore.uploadUrl. */
  async uploadUrl(blob: string): Promise<string> {
    return this.sign(blob, 'cw')
  }

  /** See CacheBlobStore.downloadUrl. */
  async downloadUrl(blob: string): Promise<string> {
    return this.sign(blob, 'r')
  }

  /** See CacheBlobStore.size. */
  async size(blob: string): Promise<number | undefined> {
    return this.blobs.get(blob)?.data.length
  }

  /** See CacheBlobStore.delete. */
  async delete(blob: string): Promise<void> {
    this.blobs.delete(blob)
    this.blocks.delete(blob)
  }

  /** See CacheBlobStore.stop. */
  stop(): void {
    this.blobs.clear()
    this.blocks.clear()
  }

  private base(): string {
    if (!this.services) throw new Error('The in-process blob store was used before the emulator started.')
    return this.services.url
  }

  private signature(blob: string, permissions: string, expiry: string): string {
    return createHmac('sha256', this.secret).update(`${permissions}\n${blob}\n${expiry}`).digest('base64url')
  }

  private sign(blob: string, permissions: string): string {
    const expiry = new Date(Date.now() + URL_LIFETIME_MS).toISOString()
    const query = new URLSearchParams({ sv: API_VERSION, sp: permissions, se: expiry })
    query.set('sig', this.signature(blob, permissions, expiry))
    return `${this.base()}${IN_PROCESS_BLOB_PREFIX}${CONTAINER}/${encodeURIComponent(blob)}?${query}`
  }

  private async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(IN_PROCESS_BLOB_PREFIX)) return false
    const rest = url.pathname.slice(IN_PROCESS_BLOB_PREFIX.length)
    const slash = rest.indexOf('/')
    const container = slash < 0 ? rest : rest.slice(0, slash)
    const blob = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1))
    const method = req.method ?? 'GET'
    const comp = url.searchParams.get('comp')
    const operation =
      method === 'PUT'
        ? comp === 'block'
          ? 'put-block'
          : comp === 'blocklist'
            ? 'put-block-list'
            : 'put-blob'
        : method === 'HEAD'
          ? 'get-blob-properties'
          : 'get-blob'
    this.services?.record(`azure-blob/${operation}`, method === 'PUT' ? 'write' : 'read')
    const body = await readBody(req)
    if (container !== CONTAINER || !blob)
      return storageError(res, 404, 'ContainerNotFound', 'The specified container does not exist.')
    const needed = method === 'PUT' ? 'cw' : 'r'
    const denied = this.checkSignature(url, blob, needed)
    if (denied) return storageError(res, 403, 'AuthenticationFailed', denied)
    if (method === 'PUT') {
      if (comp === 'block') {
        const id = url.searchParams.get('blockid')
        if (!id) return storageError(res, 400, 'InvalidQueryParameterValue', 'blockid is required.')
        let staged = this.blocks.get(blob)
        if (!staged) this.blocks.set(blob, (staged = new Map()))
        staged.set(id, body)
        return created(res, {
          'content-md5': md5(body)
        })
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
          m => m[2]
        )
        const staged = this.blocks.get(blob) ?? new Map<string, Buffer>()
        const parts: Buffer[] = []
        for (const id of ids) {
          const part = staged.get(id)
          if (!part)
            return storageError(
              res,
              400,
              'InvalidBlockList',
              `The block list names block '${id}', which was not uploaded.`
            )
          parts.push(part)
        }
        const stored = this.store(blob, Buffer.concat(parts))
        this.blocks.delete(blob)
        return created(res, { etag: stored.etag, 'last-modified': stored.lastModified.toUTCString() })
      }
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
        return storageError(res, 400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required.')
      }
      const stored = this.store(blob, body)
      return created(res, {
        etag: stored.etag,
        'last-modified': stored.lastModified.toUTCString(),
        'content-md5': stored.md5
      })
    }
    if (method !== 'GET' && method !== 'HEAD')
      return storageError(res, 405, 'UnsupportedHttpVerb', `${method} is not supported.`)
    const stored = this.blobs.get(blob)
    if (!stored) return storageError(res, 404, 'BlobNotFound', 'The specified blob does not exist.')
    const headers: Record<string, string> = {
      ...commonHeaders(),
      etag: stored.etag,
      'last-modified': stored.lastModified.toUTCString(),
      'x-ms-blob-type': 'BlockBlob',
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'x-ms-creation-time': stored.lastModified.toUTCString()
    }
    const size = stored.data.length
    const range = parseRange(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''), size)
    if (range === 'invalid') {
      res.writeHead(416, {
        ...headers,
        'content-range': `bytes */${size}`,
        'x-ms-error-code': 'InvalidRange'
      })
      res.end()
      return true
    }
    if (method === 'HEAD') {
      res.writeHead(200, { ...headers, 'content-length': String(size), 'content-md5': stored.md5 })
      res.end()
      return true
    }
    if (range) {
      const [start, end] = range
      res.writeHead(206, {
        ...headers,
        'content-length': String(end - start + 1),
        'content-range': `bytes ${start}-${end}/${size}`
      })
      res.end(stored.data.subarray(start, end + 1))
      return true
    }
    res.writeHead(200, { ...headers, 'content-length': String(size), 'content-md5': stored.md5 })
    res.end(stored.data)
    return true
  }

  private checkSignature(url: URL, blob: string, needed: string): string | undefined {
    const sig = url.searchParams.get('sig')
    const permissions = url.searchParams.get('sp') ?? ''
    const expiry = url.searchParams.get('se') ?? ''
    if (!sig) return 'Server failed to authenticate the request: the URL carries no signature.'
    const expected = Buffer.from(this.signature(blob, permissions, expiry))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return 'Server failed to authenticate the request: the signature does not match.'
    }
    if (!(Date.parse(expiry) > Date.now()))
      return 'Server failed to authenticate the request: the signed URL expired.'
    if (![...needed].every(p => permissions.includes(p)) && !(needed === 'cw' && permissions.includes('w'))) {
      return `This request is not authorized to perform this operation using this permission (${permissions}).`
    }
    return undefined
  }

  private store(blob: string, data: Buffer): StoredBlob {
    const stored = {
      data,
      etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      lastModified: new Date(),
      md5: md5(data)
    }
    this.blobs.set(blob, stored)
    return stored
  }
}

/** The Azurite store: blobs in Azurite's `actions-cache` container, URLs signed with the account key (SAS). */
export class AzuriteBlobStore implements CacheBlobStore {
  /** See CacheBlobStore.kind. */
  readonly kind = 'azurite'
  private readonly credential: StorageSharedKeyCredential
  private readonly container: ContainerClient
  private ready: Promise<unknown> | undefined

  constructor(private readonly azurite: AzuriteServer) {
    this.credential = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey)
    this.container = new BlobServiceClient(azurite.blobEndpoint, this.credential).getContainerClient(
      CONTAINER
    )
  }

  /** See CacheBlobStore.start: makes the container. */
  async start(): Promise<void> {
    await this.ensureContainer()
  }

  /** See CacheBlobStore.uploadUrl. */
  async uploadUrl(blob: string): Promise<string> {
    await this.ensureContainer()
    return this.sign(blob, 'cw')
  }

  /** See CacheBlobStore.downloadUrl. */
  async downloadUrl(blob: string): Promise<string> {
    return this.sign(blob, 'r')
  }

  /** See CacheBlobStore.size. */
  async size(blob: string): Promise<number | undefined> {
    try {
      const properties = await this.container.getBlobClient(blob).getProperties()
      return properties.contentLength
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined
      throw error
    }
  }

  /** See CacheBlobStore.delete. */
  async delete(blob: string): Promise<void> {
    await this.container.getBlobClient(blob).deleteIfExists()
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists()
    return this.ready
  }

  private sign(blob: string, permissions: string): string {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + URL_LIFETIME_MS),
        protocol: SASProtocol.HttpsAndHttp
      },
      this.credential
    )
    return `${this.container.getBlobClient(blob).url}?${sas.toString()}`
  }
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('base64')
}

function commonHeaders(): Record<string, string> {
  return {
    'x-ms-request-id': randomBytes(16).toString('hex'),
    'x-ms-version': API_VERSION,
    date: new Date().toUTCString()
  }
}

function created(res: ServerResponse, headers: Record<string, string>): true {
  res.writeHead(201, {
    ...commonHeaders(),
    'x-ms-request-server-encrypted': 'true',
    'content-length': '0',
    ...headers
  })
  res.end()
  return true
}

function storageError(res: ServerResponse, status: number, code: string, message: string): true {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  res.writeHead(status, {
    ...commonHeaders(),
    'x-ms-error-code': code,
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body))
  })
  res.end(body)
  return true
}

/** Parses `bytes=a-b` / `bytes=a-` (undefined: no range; 'invalid': not satisfiable). */
function parseRange(header: string, size: number): [number, number] | undefined | 'invalid' {
  if (!header) return undefined
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim())
  if (!match) return 'invalid'
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (start >= size || end < start) return 'invalid'
  return [start, end]
}

/** Reads a request body into one Buffer. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
