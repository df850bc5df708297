import { existsSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

/** The system Chromium: `CHROMIUM_PATH`, else Debian's. No test tool ever downloads a browser. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

/** Flags that keep a headless Chromium quiet on a machine with no network but loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

function isDebian(): boolean {
  try {
    return /ID=debian|ID_LIKE=.*debian/.test(readFileSync('/etc/os-release', 'utf8'))
  } catch {
    return false
  }
}

/**
 * Makes sure Chromium is there. On Debian as root it installs the distribution's package; anywhere
 * else it stops with a message that says how to get one.
 */
export function ensureChromium(): string {
  const path = chromiumPath()
  if (existsSync(path)) return path
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!process.env.CHROMIUM_PATH && isDebian() && isRoot) {
    console.log('Chromium is missing: installing Debian\'s package (apt-get install -y chromium)…')
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (existsSync(path)) return path
  }
  throw new Error(
    `Chromium not found at ${path}. Install it (Debian/Ubuntu: "sudo apt-get install -y chromium") ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary. Tests never download a browser.',
  )
}
