import { BackLink } from './common'

// Filled in by the next commit.
export function FactsScreen(_props: Record<string, unknown>) {
  return <BackLink />
}
