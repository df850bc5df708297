import type { JSX } from 'preact'
import type { FieldDef, FormContext, FormDef, FormIssue, FormValues } from '../types'

/** What the renderer hands every field component. */
export interface FieldProps {
  def: FormDef
  field: FieldDef
  path: string
  value: unknown
  values: FormValues
  ctx: FormContext
  issue: FormIssue | undefined
  message: (issue: FormIssue) => string
  onChange: (path: string, value: unknown) => void
  onTouch: (path: string) => void
  renderField: (field: FieldDef, prefix?: string, scope?: FormValues) => JSX.Element | null
}

/** The DOM id of a field's input (error summary links and focus use it). */
export const idOf = (kind: string, path: string) => `f-${kind}-${path}`.replace(/[^a-zA-Z0-9_-]/g, '-')
