import { BackLink } from './common'

// Filled in by the next commit.
export function ImportScreen(_props: Record<string, unknown>) {
  return <BackLink />
}
