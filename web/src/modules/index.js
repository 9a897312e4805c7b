// The console's business areas, listed once. Each folder's index.js declares
// what the area adds to the shell (see registry.js for the shape); the router,
// the side menu, the detail and list pages, the dashboard and the portal take
// everything from here, so that nothing outside an area's folder names it.
// Adding an area: its folder, one import and one entry below (docs/architecture.md).
import base from './base/index.js'
import food from './food/index.js'
import cases from './cases/index.js'
import equipment from './equipment/index.js'
import risk from './risk/index.js'
import services from './services/index.js'
import award from './award/index.js'
import ledger from './ledger/index.js'
import admin from './admin/index.js'
import portal from './portal/index.js'

export const modules = [base, food, cases, equipment, risk, services, award, ledger, admin, portal]
