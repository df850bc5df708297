/** User-facing strings of the forms screens: Thai first, then English. Merged into the i18n table. */
export const MESSAGES_FORMS = {} as const satisfies Record<string, { th: string; en: string }>
