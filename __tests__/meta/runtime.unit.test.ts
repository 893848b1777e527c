import { describe, expect, it } from '@jest/globals'

describe('the test runtime', () => {
  it("runs on Node 24 or newer, the runners' version, whatever the system Node is", () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24)
  })
})
