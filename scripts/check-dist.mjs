// Rebuilds dist/ and fails when it differs from what is committed: dist/ must be kept in step with src/.
import { execFileSync } from 'node:child_process'

execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' })
const status = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' })
if (status.trim()) {
  console.error('dist/ is out of date with src/. Run `npm run bundle` and commit dist/:\n' + status)
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ is up to date.')
