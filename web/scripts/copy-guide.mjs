// Copies the user guides (docs/guide: Markdown and their screenshots) into the
// built console as dist/guide/, where the help page (src/views/HelpView.vue)
// reads them. Run by `npm run build` after vite.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.resolve(web, '../docs/guide')
const dst = path.resolve(web, 'dist/guide')

if (!fs.existsSync(src)) {
  console.error(`copy-guide: no ${src}`)
  process.exit(1)
}
fs.rmSync(dst, { recursive: true, force: true })
let n = 0
function copy(from, to) {
  fs.mkdirSync(to, { recursive: true })
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name)
    const b = path.join(to, e.name)
    if (e.isDirectory()) copy(a, b)
    else if (/\.(md|png|jpg|svg)$/i.test(e.name)) { fs.copyFileSync(a, b); n++ }
  }
}
copy(src, dst)
console.log(`copy-guide: ${n} files into dist/guide`)
