// Stored files (FT_FILE): a value is the server's reference
// {sha256, name, size, mime}; the bytes are served at
// /api/v1/{entity}/{id}/files/{field} with the record's read permission.
import { api } from '../api/http.js'

export function fileUrl(entity, id, field, download) {
  return `/api/v1/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/files/${encodeURIComponent(field)}${download ? '?download=1' : ''}`
}

// 1536 → "1.5 KB" (display only)
export function humanSize(n) {
  if (n === null || n === undefined || n === '') return ''
  const u = ['B', 'KB', 'MB', 'GB']
  let v = Number(n)
  let i = 0
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++ }
  return (i ? v.toFixed(1) : String(v)) + ' ' + u[i]
}

export function previewable(mime) {
  return !!mime && (mime.startsWith('image/') || mime === 'application/pdf')
}

// Stores a file: the server hashes and types it and answers its reference.
export function uploadFile(file) {
  return api('POST', '/files', {
    rawBody: file,
    contentType: file.type || 'application/octet-stream',
    headers: { 'X-File-Name': encodeURIComponent(file.name || '') },
  })
}
