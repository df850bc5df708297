/* What a user does in the app, for the end-to-end tests: sign in by typing, follow a link. */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Signs in as a user would: the sign-in screen, name and password typed, until the home screen shows. */
export async function signInThroughUi(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url)
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('เข้าสู่ระบบ')
  await page.getByLabel('ชื่อผู้ใช้').fill(name)
  await page.getByLabel('รหัสผ่าน').fill(password)
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click()
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('งานวันนี้')
}

/** Moves to a hash route in the page, as a tap on a link does. */
export const goTo = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash)
