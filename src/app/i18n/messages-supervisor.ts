/** User-facing strings of the supervisor screens: Thai first, then English. Merged into the i18n table. */
export const MESSAGES_SUPERVISOR = {} as const satisfies Record<string, { th: string; en: string }>
