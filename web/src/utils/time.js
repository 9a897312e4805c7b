// Times as a person reads them: in the bureau's time zone (Asia/Shanghai,
// UTC+8, no DST) whatever the browser's, never a raw UTC string (issue 14 §2).
// Every datetime the console shows goes through formatDatetime.
const TZ = 'Asia/Shanghai'
const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})

// "2026-03-04 17:05:09" (Asia/Shanghai) for an ISO instant; other text unchanged.
export function formatDatetime(v) {
  if (!v) return ''
  const d = v instanceof Date ? v : new Date(v)
  if (isNaN(d.getTime())) return String(v)
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

// Today's date in Asia/Shanghai: "2026-03-04".
export const todayLocal = () => new Date().toLocaleDateString('sv-SE', { timeZone: TZ })

// ISO instants inside free text (an audit diff, a note) made readable.
export const localizeInstants = (s) => String(s).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z/g, (m) => formatDatetime(m))
