// vue-i18n setup shared by the console and the portal. The chosen language is
// kept in localStorage ('zj.lang') and sent as Accept-Language on every request,
// so that the server's messages come back in the same language.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'
import errors from './errors.js'
import { setApiLang } from '../api/http.js'

export const LANGS = ['zh-CN', 'en']
const KEY = 'zj.lang'

function initial() {
  try {
    const saved = localStorage.getItem(KEY)
    if (LANGS.includes(saved)) return saved
  } catch (e) { /* storage disabled */ }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': { ...zhCN, ...errors['zh-CN'] }, en: { ...en, ...errors.en } },
  missingWarn: false,
  fallbackWarn: false,
})

export const t = (...a) => i18n.global.t(...a)
// Whether a key has a string in the current language (or the fallback).
export const te = (k) => i18n.global.te(k) || i18n.global.te(k, 'zh-CN')

export function currentLang() {
  return i18n.global.locale.value
}

export function setLang(l) {
  if (!LANGS.includes(l)) return
  i18n.global.locale.value = l
  try { localStorage.setItem(KEY, l) } catch (e) { /* ignore */ }
  applyLang(l)
}

function applyLang(l) {
  document.documentElement.lang = l
  setApiLang(l)
}
applyLang(currentLang())

// A {zh, en} label from the metadata in the current language.
export function lbl(o, fallback = '') {
  if (o == null) return fallback
  if (typeof o === 'string') return o
  const en = currentLang() === 'en'
  return (en ? o.en || o.zh : o.zh || o.en) || fallback
}
