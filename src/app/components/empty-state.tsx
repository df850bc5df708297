import type { ComponentChildren } from 'preact'

export function EmptyState({ title, body, icon = '○', children }: { title: string; body: string; icon?: string; children?: ComponentChildren }) {
  return (
    <section class="empty-state" aria-live="polite">
      <div class="empty-state__icon" aria-hidden="true">{icon}</div>
      <h2>{title}</h2>
      <p>{body}</p>
      {children}
    </section>
  )
}
