// Downloads through fetch (so errors come back as messages, not as a saved
// error page) with a byte-count progress callback.
import { request } from '../api/http.js'

function filenameFrom(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || ''
  let m = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  if (m) { try { return decodeURIComponent(m[1]) } catch (e) { /* fall through */ } }
  m = /filename="?([^";]+)"?/i.exec(cd)
  return m ? m[1] : fallback
}

export async function download(path, query, fallbackName, onProgress) {
  const res = await request('GET', path, { query, headers: { Accept: '*/*' } })
  const name = filenameFrom(res, fallbackName)
  let blob
  if (res.body && res.body.getReader) {
    const reader = res.body.getReader()
    const chunks = []
    let got = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      got += value.length
      if (onProgress) onProgress(got)
    }
    blob = new Blob(chunks, { type: res.headers.get('Content-Type') || 'application/octet-stream' })
  } else {
    blob = await res.blob()
  }
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  setTimeout(() => { URL.revokeObjectURL(href); a.remove() }, 1000)
  return { name, size: blob.size }
}

export function humanSize(n) {
  if (n < 1024) return n + ' B'
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB'
  return (n / 1024 / 1024).toFixed(1) + ' MB'
}
