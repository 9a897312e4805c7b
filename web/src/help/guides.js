// The user guides (docs/guide/<lang>/<file>.md, copied into the build as
// /guide/... by scripts/copy-guide.mjs) and, in one place, which page of the
// console each guide section explains. The help menu lists the guides of the
// signed-in user's roles (session user.roles); the page help link opens the
// section of the first of those guides that explains the current page.
import { auth } from '../stores/auth.js'
import { GUIDES, ADMIN_GUIDE, BASICS } from './guide-map.js'

export { GUIDES, ADMIN_GUIDE, BASICS }

export const langDir = (locale) => (String(locale).startsWith('en') ? 'en' : 'zh')

export function userRoles() {
  return (auth.user && Array.isArray(auth.user.roles) && auth.user.roles) || []
}

// The guides of the signed-in user, in the order of GUIDES.
export function myGuides() {
  const mine = new Set(userRoles())
  return GUIDES.filter((g) => mine.has(g.role))
}

export function showAdminGuide() {
  return userRoles().some((r) => ADMIN_GUIDE.roles.includes(r))
}

export function pageKey(route) {
  if (route.params && route.params.entity) return 'e/' + route.params.entity
  return String(route.name || '')
}

// Where the help link of the current page goes: the first of the user's guides
// explaining this page, at its section; else the top of their first guide.
export function pageHelp(route) {
  const mine = myGuides()
  const key = pageKey(route)
  for (const g of mine) {
    if (g.pages[key]) return { path: '/help/' + g.file, hash: '#' + g.pages[key] }
  }
  if (BASICS.pages[key]) return { path: '/help/' + BASICS.file, hash: '#' + BASICS.pages[key] }
  if (/^e\//.test(key)) return { path: '/help/' + BASICS.file, hash: '#' + (route.name === 'list' ? 'lists' : 'record') }
  if (mine.length) return { path: '/help/' + mine[0].file }
  return { path: '/help/' + BASICS.file }
}

// Every guide file the console may open (README is the index).
export function knownGuide(file) {
  return file === 'README' || file === ADMIN_GUIDE.file || file === BASICS.file || GUIDES.some((g) => g.file === file)
}
