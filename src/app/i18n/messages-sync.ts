/** User-facing strings of the sync screens: Thai first, then English. Merged into the i18n table. */
export const MESSAGES_SYNC = {} as const satisfies Record<string, { th: string; en: string }>
