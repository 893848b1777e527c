// Types of action-docs.mjs, for the tests that import it.

/** An action and the README that documents it, relative to the repository root. */
export interface Target {
  action: string
  readme: string
}

/** action.yml's inputs and outputs, as far as the tables read them. */
export interface ActionMetadata {
  inputs?: Record<string, { description?: string; default?: unknown; required?: boolean } | null>
  outputs?: Record<string, { description?: string } | null>
  [key: string]: unknown
}

export const TARGETS: Target[]
export function parseAction(text: string, source: string): ActionMetadata
export function inputsTable(metadata: ActionMetadata): string
export function outputsTable(metadata: ActionMetadata): string
export function renderReadme(
  readme: string,
  actionText: string,
  paths?: { readmePath?: string; actionPath?: string }
): Promise<string>
export function run(options?: { root?: string; check?: boolean; targets?: Target[] }): Promise<string[]>
