import { useState } from 'preact/hooks'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { couchBase } from '../../sync/config'
import { problemMessage } from '../../sync/errors'
import { logIn, logOut } from '../../sync/session'
import { knownDistricts } from '../../sync/provinces'

/**
 * Name and password go to CouchDB's _session once; the cookie it sets does the rest. Nothing but the
 * device user (name, roles, areas) is kept on the phone. `again`: the session expired, same user only.
 */
export function LoginForm({ again = false, onDone }: { again?: boolean; onDone?: () => void }) {
  const { t } = useI18n()
  const { deviceUser, signIn } = useServices()
  const [name, setName] = useState(again && deviceUser ? deviceUser.name : '')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: Event) {
    event.preventDefault()
    if (busy) return
    setError(null)
    if (!name.trim() || !password) return setError(t('login.missing'))
    if (!navigator.onLine) return setError(t('login.offline'))
    setBusy(true)
    try {
      const base = couchBase()
      const result = await logIn({ base, name: name.trim(), password, fallbackDistricts: knownDistricts, online: navigator.onLine })
      if (!result.ok) {
        const { key, params } = problemMessage(result.problem)
        return setError(t(key, params))
      }
      if (deviceUser && deviceUser.name !== result.user.name) {
        // Another user's unsynced records are on this phone: they must sign out (and sync) first.
        await logOut(base)
        return setError(t('login.otherUser', { name: deviceUser.name }))
      }
      setPassword('')
      await signIn(result.user)
      onDone?.()
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
      <p class="hint">{again && deviceUser ? t('login.againIntro', { name: deviceUser.name }) : t('login.intro')}</p>
      <div class="field">
        <label for="login-name">{t('login.name')}</label>
        <input id="login-name" type="text" name="username" autocomplete="username" autocapitalize="none" spellcheck={false} value={name} readOnly={again && !!deviceUser} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class={`field${error ? ' field--invalid' : ''}`}>
        <label for="login-password">{t('login.password')}</label>
        <input id="login-password" type="password" name="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} aria-describedby={error ? 'login-error' : undefined} />
        {error && (
          <p id="login-error" class="field__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
      </div>
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('login.busy') : again ? t('login.again') : t('login.submit')}
        </button>
      </div>
    </form>
  )
}

export function LoginScreen() {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('login.title')}</h1>
      <LoginForm />
    </>
  )
}
