/** findWorkTree (the nearest `.git`) against `git rev-parse --show-toplevel`, in the layouts a check runs in. */
import { mkdir, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import { findWorkTree } from '../../src/environment.js'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'

async function toplevel(cwd: string): Promise<string> {
  return git(cwd, 'rev-parse', '--show-toplevel')
}

describe('findWorkTree', () => {
  it('finds the work tree git finds: from its root, a subdirectory, and a linked worktree (.git file)', async () => {
    const repo = await makeTempRepo({ 'src/deep/a.ts': 'export {}\n' })
    const outside = await makeTempDir()
    try {
      const deep = join(repo.path, 'src', 'deep')
      const linked = join(outside.path, 'linked')
      await git(repo.path, 'worktree', 'add', '-q', '-b', 'other', linked)
      await mkdir(join(linked, 'sub'))
      for (const dir of [repo.path, deep, linked, join(linked, 'sub')]) {
        expect(await realpath(findWorkTree(dir)!)).toBe(await toplevel(dir))
      }
      expect(findWorkTree(deep)).toBe(repo.path)
      expect(findWorkTree(join(linked, 'sub'))).toBe(linked)
    } finally {
      await repo.cleanup()
      await outside.cleanup()
    }
  })

  it('finds none outside a repository, where git finds none either', async () => {
    const dir = await makeTempDir()
    try {
      expect(findWorkTree(dir.path)).toBeUndefined()
      await expect(toplevel(dir.path)).rejects.toThrow(/not a git repository/)
    } finally {
      await dir.cleanup()
    }
  })
})
