/** The action's entry point: the same bundle runs as the main step and, on its second start, as the post step. */
import * as core from './actions-core.js'
import { State } from './constants.js'
import { run } from './main.js'
import { runPost } from './post.js'

if (core.getState(State.IsPost) === 'true') {
  await runPost()
} else {
  core.saveState(State.IsPost, 'true')
  await run()
}
