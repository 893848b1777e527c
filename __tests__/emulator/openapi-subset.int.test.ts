import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { cut } from '../../scripts/openapi-subset.js'
import { loadSpecSubset } from '../../emulator/validation.js'

describe('OpenAPI subset', () => {
  it('holds exactly the operations listed in operations.txt', async () => {
    const listed = (await readFile(new URL('../../emulator/openapi/operations.txt', import.meta.url), 'utf8'))
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean)
      .sort()
    const spec = loadSpecSubset() as { paths: Record<string, Record<string, { operationId?: string }>> }
    const present = Object.values(spec.paths)
      .flatMap(item => Object.values(item).map(operation => operation.operationId))
      .filter((id): id is string => typeof id === 'string')
      .sort()
    expect(present).toEqual(listed)
  })

  it('cuts the wanted operations with the components they reference, transitively', () => {
    const spec = {
      openapi: '3.0.3',
      info: { title: 't' },
      servers: [],
      paths: {
        '/a': { get: { operationId: 'x/a', responses: { 200: { $ref: '#/components/responses/ok' } } } },
        '/b': { get: { operationId: 'x/b', responses: {} } }
      },
      components: {
        responses: {
          ok: { content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' } } } }
        },
        schemas: {
          thing: { type: 'object', properties: { part: { $ref: '#/components/schemas/part' } } },
          part: { type: 'string' },
          unused: { type: 'integer' }
        }
      }
    }
    const subset = cut(spec, ['x/a']) as {
      paths: Record<string, unknown>
      components: Record<string, Record<string, unknown>>
    }
    expect(Object.keys(subset.paths)).toEqual(['/a'])
    expect(Object.keys(subset.components.schemas ?? {})).toEqual(['part', 'thing'])
    expect(Object.keys(subset.components.responses ?? {})).toEqual(['ok'])
    expect(() => cut(spec, ['x/missing'])).toThrow(/operations not in the description: x\/missing/)
  })
})
