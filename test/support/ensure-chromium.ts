import { ensureChromium } from './chromium'

export default function setup(): void {
  ensureChromium()
}
