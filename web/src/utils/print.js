// Prints a document page (a statutory form served as HTML by the server): it
// opens in a tab of the same origin and the print dialog comes up once it is
// loaded. The page itself carries its A4 print layout (core/docs.c).
export function printUrl(href) {
  const w = window.open(href, '_blank')
  if (!w) return false
  w.addEventListener('load', () => { w.focus(); w.print() }, { once: true })
  return true
}
