// Money is integer fen (分) on the wire and yuan with two decimals on screen.
// Conversions use string arithmetic only: no binary floating point.

function stripZeros(s) {
  const r = s.replace(/^0+(?=\d)/, '')
  return r === '' ? '0' : r
}

// 12345 | "12345" | -5 → "123.45" | "-0.05"; null/'' → ''
export function fenToYuan(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  let s = typeof fen === 'bigint' ? fen.toString() : String(fen).trim()
  if (!/^-?\d+$/.test(s)) return s // not an integer: show as is
  const neg = s.startsWith('-')
  if (neg) s = s.slice(1)
  s = s.padStart(3, '0')
  const out = stripZeros(s.slice(0, -2)) + '.' + s.slice(-2)
  return neg && out !== '0.00' ? '-' + out : out
}

export const YUAN_RE = /^-?\d+(\.\d{1,2})?$/

// "123.4" → 12340 (a Number when it is a safe integer, else a decimal string);
// returns null for '' and undefined for an invalid input.
export function yuanToFen(yuan) {
  if (yuan === null || yuan === undefined) return null
  let s = String(yuan).trim().replace(/[,\s¥￥]/g, '')
  if (s === '') return null
  if (!YUAN_RE.test(s)) return undefined
  const neg = s.startsWith('-')
  if (neg) s = s.slice(1)
  const [i, f = ''] = s.split('.')
  let digits = stripZeros(i + f.padEnd(2, '0'))
  if (neg && digits !== '0') digits = '-' + digits
  const n = Number(digits)
  return Number.isSafeInteger(n) ? n : digits
}

// "1234567.8" → "1,234,567.80"
export function groupYuan(y) {
  if (y === '' || y == null) return ''
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(y)
  if (!m) return y
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + m[3]
}

// Compare two decimal strings exactly: -1, 0, 1.
export function cmpDecimal(a, b) {
  const norm = (x) => {
    let s = String(x).trim()
    const neg = s.startsWith('-')
    if (neg || s.startsWith('+')) s = s.slice(1)
    let [i, f = ''] = s.split('.')
    i = stripZeros(i || '0')
    f = f.replace(/0+$/, '')
    const zero = i === '0' && f === ''
    return { neg: neg && !zero, i, f }
  }
  const x = norm(a), y = norm(b)
  if (x.neg !== y.neg) return x.neg ? -1 : 1
  const sign = x.neg ? -1 : 1
  if (x.i.length !== y.i.length) return (x.i.length < y.i.length ? -1 : 1) * sign
  if (x.i !== y.i) return (x.i < y.i ? -1 : 1) * sign
  const n = Math.max(x.f.length, y.f.length)
  const fx = x.f.padEnd(n, '0'), fy = y.f.padEnd(n, '0')
  if (fx === fy) return 0
  return (fx < fy ? -1 : 1) * sign
}
