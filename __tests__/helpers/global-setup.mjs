// When the run started: the teardown removes the fixers' copies of the checkouts the tests made (heal keeps one per
// checkout in the temporary directory) from this run only.
export default function setup() {
  globalThis.__SELF_HEAL_RUN_STARTED__ = Date.now()
}
