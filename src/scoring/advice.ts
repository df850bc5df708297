import type { ScoreInput } from './input-schema'
export type Advice = { key: string; params: Record<string, unknown> }
export function adviseAll(_input: ScoreInput): Advice[] {
  return []
}
export function renderAdvice(a: Advice, _lang: 'th' | 'en'): string {
  return a.key
}
