// Markdown of a guide → HTML, with marked. Raw HTML in the Markdown is shown
// as text, never inserted; links keep to http(s), mailto, anchors and other
// guides (x.md#part → /help/x#part); images resolve under /guide/<lang>/.
// A heading may end in {#anchor}: the page help links point at those.
import { Marked } from 'marked'

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]))
const ANCHOR = /\s*\{#([a-z0-9-]+)\}\s*$/

function slug(text) {
  return String(text).toLowerCase().replace(/<[^>]*>/g, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')
}

function safeHref(href, base) {
  const h = String(href || '').trim()
  if (/^(https?:|mailto:)/i.test(h)) return { href: h, external: true }
  if (h.startsWith('#')) return { href: h }
  if (/^[a-z][a-z0-9+.-]*:/i.test(h)) return null // javascript:, data: ...
  const m = /^(?:\.\/|(?:\.\.\/)?(?:zh|en)\/|\.\.\/)?([a-z0-9-]+|README)\.md(#[a-z0-9-]+)?$/i.exec(h)
  if (m) return { href: '/help/' + m[1] + (m[2] || ''), guide: true }
  return { href: new URL(h, base).pathname }
}

export function renderGuide(md, lang) {
  const base = `${window.location.origin}/guide/${lang}/`
  const marked = new Marked({
    gfm: true,
    walkTokens(tok) {
      if (tok.type !== 'heading') return
      const m = ANCHOR.exec(tok.text)
      if (!m) return
      tok.anchor = m[1]
      tok.text = tok.text.replace(ANCHOR, '')
      const last = tok.tokens && tok.tokens[tok.tokens.length - 1]
      if (last && typeof last.text === 'string') {
        last.text = last.text.replace(ANCHOR, '')
        if (typeof last.raw === 'string') last.raw = last.raw.replace(ANCHOR, '')
      }
    },
    renderer: {
      html({ text }) { return esc(text) },
      heading(tok) {
        const inner = this.parser.parseInline(tok.tokens)
        const id = tok.anchor || slug(tok.text)
        return `<h${tok.depth} id="${esc(id)}">${inner}</h${tok.depth}>\n`
      },
      link({ href, title, tokens }) {
        const inner = this.parser.parseInline(tokens)
        const s = safeHref(href, base)
        if (!s) return inner
        const t = title ? ` title="${esc(title)}"` : ''
        const ext = s.external ? ' target="_blank" rel="noopener noreferrer"' : ''
        const g = s.guide ? ' data-guide-link="1"' : ''
        return `<a href="${esc(s.href)}"${t}${ext}${g}>${inner}</a>`
      },
      image({ href, title, text }) {
        const s = safeHref(href, base)
        if (!s || s.external) return esc(text || '')
        const t = title ? ` title="${esc(title)}"` : ''
        return `<img src="${esc(s.href)}" alt="${esc(text || '')}"${t} loading="lazy">`
      },
    },
  })
  return marked.parse(md)
}
