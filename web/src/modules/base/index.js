// The registry (enterprises and the other master data of the "base" menu
// group): generic pages only, so the area declares just its menu group.
import { OfficeBuilding } from '@element-plus/icons-vue'

export default {
  name: 'base',
  menu: { group: 'base', icon: OfficeBuilding, label: { zh: '基础数据', en: 'Registry' } },
}
