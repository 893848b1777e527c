export const STAMP: string
export function sourceHash(): string
