/** The local Execution adapter: the contract over real child processes in a temp repository. */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { isProcessAlive } from '../../src/adapters/local/process-tree.js'
import { makeTempRepo } from '../helpers/git.js'
import { executionContract } from '../contracts/execution-contract.js'

executionContract('local', async () => {
  const repo = await makeTempRepo()
  await mkdir(join(repo.path, 'packages', 'contract-subdir'), { recursive: true })
  return {
    adapter: new LocalExecutionAdapter({ root: repo.path, killGraceMs: 500 }),
    cleanup: repo.cleanup,
    subdirectory: 'packages/contract-subdir',
    isProcessAlive
  }
})
