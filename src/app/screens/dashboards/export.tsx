import { BackLink } from './common'

// Filled in by the next commit.
export function ExportScreen(_props: Record<string, unknown>) {
  return <BackLink />
}
