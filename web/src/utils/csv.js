// A small RFC 4180 CSV reader for the import preview.
export function parseCsv(text, maxRows = Infinity) {
  const rows = []
  let row = [], cur = '', q = false
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i]
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cur += '"'; i++ } else q = false
      } else cur += ch
    } else if (ch === '"') q = true
    else if (ch === ',') { row.push(cur); cur = '' }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cur); rows.push(row); row = []; cur = ''
    } else cur += ch
  }
  if ((cur !== '' || row.length) && rows.length < maxRows) { row.push(cur); rows.push(row) }
  return rows.filter((r) => r.some((c) => c !== ''))
}
