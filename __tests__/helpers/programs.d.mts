export interface ProgramFs {
  read(path: string): string | undefined
  write(path: string, text: string): void
  list(dir: string): string[]
}
export function runProgram(name: string, args: string[], fs: ProgramFs): { exitCode: number; stdout: string }
export function diskFs(root: string): ProgramFs
