import module from 'node:module'

module.enableCompileCache?.()
await import('./action/index.js')
