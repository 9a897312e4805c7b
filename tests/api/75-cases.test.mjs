// 75-cases.test.mjs — enforcement cases, the major-penalty consultation and
// complaints (issue 6) over HTTP on the test clock (issue 6 §10): a complaint
// from the public form (bad field → 422, markup kept as text), acceptance and
// mediation with their clocks, a report that becomes a clue and then a case
// running filing → investigation → legal review → prior notice → hearing →
// decision → service → payment with the late fee → publication → closure with
// every clock; a decision inside the statement period refused citing the law;
// a major case that cannot be decided without its consultation, five agencies
// invited, each signing an opinion (one dissent), quorum and minutes; an
// agency member who reads only the cases referred to their unit; the
// complainant's identity masked in lists and exports, never in a document, the
// handler's unmasked read audited; evidence with a mismatching hash refused.
//
// Mirrors tests/unit/test_cases_flow.c through the API as the demo users
// (handler, director, legal, service, agency_*, kundulun, donghe, auditor).
// All dates are in 2025 (the demo's cases and complaints are in 2026) on the
// official 2025 calendar (DOMAIN.md §10.3): 04-04..06 off, Sun 04-27 worked,
// 05-01..05 off, 05-31..06-02 off, Sun 09-28 worked, 10-01..08 off, Sat 10-11
// worked. The start day of a period is never counted (DOMAIN.md §10.6). Every
// due date below is worked by hand in the comments.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, call, expectStatus, tag, dbQuery, makeUser, cli } from './lib.mjs';
import {
  useClock, as, step, stepOk, expectRefusal, expect422, row, create, clocks, expectClock, sha256, audit,
} from './lib-modules.mjs';

const T = tag('CT');
const NAME = '张三丰';
const PHONE = `139${String(process.pid % 100000000).padStart(8, '0')}`;            // unique to this run
const PHONE_MASKED = `139****${PHONE.slice(-4)}`;
const RESPONDENT = `<script>alert(1)</script>${T}某店`;
const ID_NO = '150203198001011234';
const ID_MASKED = '150***********1234';
const ctx = {};

async function jurisId(code) {
  const r = await get(`/jurisdictions?code=${code}`, { session: await as('handler') });
  return r.body.items[0].id;
}
async function unitId(code) {
  const r = await get(`/units?q=${code}&limit=50`, { session: await as('handler') });
  return r.body.items.find((u) => u.code === code).id;
}

/** A clue registered by the handler (a case in state `clue`). */
async function newCase(title, received, fields = {}) {
  return create(await as('handler'), 'cases', {
    title: `${T}${title}`, kind: 'food', source: 'inspection', received_on: received, jurisdiction_id: ctx.kdl,
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法', party_id_no: ID_NO, party_phone: '13904720000', ...fields,
  }, title);
}

async function doc(user, id, kind, item) {
  return get(`/cases/${id}/actions/document?kind=${kind}${item ? `&item=${item}` : ''}`, { session: await as(user) });
}

test('the public complaint form: a bad field is a 422, markup is kept as text, the answer echoes no personal data', async (t) => {
  useClock(t, '2025-03-03T02:00:00Z'); // Mon 2025-03-03, 10:00 Beijing
  ctx.kdl = await jurisId('150203');
  const form = {
    kind: 'complaint', also_report: true, complainant_name: NAME, complainant_phone: PHONE, complainant_address: '青山区<b>幸福路</b>1号',
    respondent_name: RESPONDENT, respondent_address: '昆都仑区钢铁大街1号', jurisdiction_code: '150203', goods_or_service: '牛奶',
    incident_on: '2025-03-01', facts: `${NAME}在该店买到过期食品，电话${PHONE}`, request: '退款并赔偿',
  };
  const pub = (body) => post('/public/complaints', body);
  // no sign-in needed, but every key must be one of the form's
  expect422(await pub({ ...form, is_admin: true }), 'is_admin', 'unknown', 'unknown key');
  // a complaint must name the complainant, phone, address and request (投诉举报处理暂行办法 Art. 9)
  const { complainant_name: _n, ...noName } = form;
  const e = expect422(await pub(noName), 'complainant_name', 'required', 'complaint without the complainant');
  assert.match(e.message, /第九条/);
  expect422(await pub({ ...form, jurisdiction_code: '110101' }), 'jurisdiction_code', 'ref', 'not a Baotou division');
  expect422(await pub({ ...form, kind: 'praise' }), 'kind', 'dict', 'unknown kind');
  expect422(await pub({ ...form, complainant_phone: 'call me<script>' }), 'complainant_phone', undefined, 'a phone that is not one');
  expectStatus(await call('POST', '/public/complaints', { raw: '[1,2]', headers: { 'Content-Type': 'application/json' } }), 400, 'not an object');
  // nothing of the refused submissions was stored
  const handler = await as('handler');
  assert.equal((await get(`/complaints?q=${encodeURIComponent(T)}`, { session: handler })).body.items.length, 0);

  const ok = await pub(form);
  expectStatus(ok, 201, 'public complaint');
  assert.match(ok.body.tracking_no, /^TS20250303-\d{4}$/);
  assert.match(ok.body.report_tracking_no, /^JB20250303-\d{4}$/, 'also a report: two linked records (Art. 7)');
  assert.equal(ok.body.received_on, '2025-03-03');
  assert.ok(!ok.text.includes(NAME) && !ok.text.includes(PHONE), 'the answer never echoes personal data');
  const found = async (no) => {
    const r = await get(`/complaints?q=${no}`, { session: handler });
    expectStatus(r, 200, 'find complaint');
    assert.equal(r.body.items.length, 1, `complaint ${no}`);
    return r.body.items[0].id;
  };
  ctx.comp = await found(ok.body.tracking_no);
  ctx.rep = await found(ok.body.report_tracking_no);
  ctx.compNo = ok.body.tracking_no;
  ctx.repNo = ok.body.report_tracking_no;
  const c = await row(handler, 'complaints', ctx.comp);
  assert.equal(c.kind, 'complaint');
  assert.equal(c.channel, 'portal');
  assert.equal(c.state, 'received');
  assert.equal(c.jurisdiction_id, ctx.kdl);
  assert.equal(c.linked_id, ctx.rep);
  // markup is stored as the text it is, never interpreted
  assert.equal(c.respondent_name, RESPONDENT);
  assert.equal(c.complainant_address, '青山区<b>幸福路</b>1号');
  // the handler (complaints.personal) sees the identity; the free text keeps none of it
  assert.equal(c.complainant_name, NAME);
  assert.equal(c.complainant_phone, PHONE);
  assert.equal(c.facts, '【投诉举报人】在该店买到过期食品，电话【投诉举报人】');
  const r = await row(handler, 'complaints', ctx.rep);
  assert.equal(r.kind, 'report');
  assert.equal(r.linked_id, ctx.comp);
  assert.equal(r.request, null, 'a report carries no request');
});

test('complainant identity: masked in lists, records, history and exports without complaints.personal; the handler\'s read is audited', async (t) => {
  useClock(t, '2025-03-03T03:00:00Z');
  const q = `q=${ctx.compNo}`;
  // the service desk and the director see the identity masked
  const service = await as('service');
  const s = await row(service, 'complaints', ctx.comp);
  assert.equal(s.complainant_name, '张**');
  assert.equal(s.complainant_phone, PHONE_MASKED);
  assert.notEqual(s.complainant_address, '青山区<b>幸福路</b>1号');
  assert.equal(s.respondent_name, RESPONDENT, 'the respondent is not personal data');
  for (const user of ['service', 'director', 'kundulun']) {
    const l = await get(`/complaints?limit=500`, { session: await as(user) });
    expectStatus(l, 200, `${user} lists complaints`);
    const mine = l.body.items.filter((x) => x.id === ctx.comp || x.id === ctx.rep);
    assert.equal(mine.length, 2, `${user} lists both records`);
    for (const x of mine) assert.equal(x.complainant_name, '张**');
    assert.ok(!l.text.includes(NAME) && !l.text.includes(PHONE), `${user}'s list shows no identity`);
    const csv = await get(`/complaints/export?format=csv&${q}`, { session: await as(user) });
    if (user === 'kundulun') { expectStatus(csv, 403, 'district officer exports'); continue; }
    expectStatus(csv, 200, `${user} exports complaints`);
    assert.ok(csv.text.includes(ctx.compNo), `${user}'s export has the record`);
    assert.ok(!csv.text.includes(NAME) && !csv.text.includes(PHONE), `${user}'s export shows no identity`);
    assert.ok(csv.text.includes('张**'), `${user}'s export shows the mask`);
    const js = await get(`/complaints/export?format=json&${q}`, { session: await as(user) });
    expectStatus(js, 200, `${user} exports JSON`);
    assert.ok(!js.text.includes(NAME) && !js.text.includes(PHONE), `${user}'s JSON export shows no identity`);
  }
  // another district's officer does not see it at all; an agency member has no complaints
  expectStatus(await get(`/complaints/${ctx.comp}`, { session: await as('donghe') }), 403, 'donghe reads a 昆都仑 complaint');
  const ag = await get('/complaints', { session: await as('agency_fgw') });
  assert.ok([403, 404].includes(ag.status), `agency lists complaints: ${ag.status}`);
  // nor can the masked reader probe for the identity: personal fields are neither filters nor search terms
  const probe = await get(`/complaints?complainant_name=${encodeURIComponent(NAME)}`, { session: service });
  expectStatus(probe, 400, 'filter on the complainant');
  const search = await get(`/complaints?q=${encodeURIComponent(PHONE)}`, { session: service });
  expectStatus(search, 200, 'search for the phone');
  assert.equal(search.body.items.length, 0, 'a search by the phone finds nothing');
  // the public side has no reader of complaints
  assert.ok([404, 405].includes((await get('/public/complaints')).status), 'no public GET of complaints');
  // the history does not unmask either
  const h = await get(`/complaints/${ctx.comp}/history`, { session: service });
  expectStatus(h, 200, 'history');
  assert.ok(!h.text.includes(NAME) && !h.text.includes(PHONE), 'history shows no identity');

  // the handler's unmasked reads are audited (Art. 33); masked reads are not
  const before = (await audit(`action=read_personal&entity=complaints&entity_id=${ctx.comp}`)).length;
  await row(service, 'complaints', ctx.comp);
  assert.equal((await audit(`action=read_personal&entity=complaints&entity_id=${ctx.comp}`)).length, before, 'a masked read is not a personal read');
  const handler = await as('handler');
  assert.equal((await row(handler, 'complaints', ctx.comp)).complainant_name, NAME);
  const after = await audit(`action=read_personal&entity=complaints&entity_id=${ctx.comp}`);
  assert.equal(after.length, before + 1, 'one read_personal record for the handler\'s read');
  assert.equal(after[0].username, 'handler');
  // the handler's export is unmasked — and audited
  const hx = await get(`/complaints/export?format=csv&${q}`, { session: handler });
  expectStatus(hx, 200, 'handler export');
  assert.ok(hx.text.includes(NAME), 'the handler exports the identity');
  assert.ok((await audit('action=export&entity=complaints&username=handler')).length >= 1, 'the export is audited');

  // whoever sees the mask cannot overwrite the identity with it, nor change it
  const cur = await row(service, 'complaints', ctx.comp);
  const same = await patch(`/complaints/${ctx.comp}`, { complainant_name: '张**' }, cur.version, { session: service });
  expectStatus(same, 200, 'the mask sent back is "unchanged"');
  expect422(await patch(`/complaints/${ctx.comp}`, { complainant_name: '李四' }, same.body.version, { session: service }), 'complainant_name', 'personal', 'service desk renames the complainant');
  const note = await patch(`/complaints/${ctx.comp}`, { handling_note: `已电话联系${NAME}（${PHONE}）` }, same.body.version, { session: service });
  expectStatus(note, 200, 'handling note');
  const chk = await row(handler, 'complaints', ctx.comp);
  assert.equal(chk.complainant_name, NAME, 'the real name is kept');
  assert.equal(chk.handling_note, '已电话联系【投诉举报人】（【投诉举报人】）', 'free text keeps no identity');
});

test('a complaint: accepted within 7 working days, mediation only with consent and for 45 working days (testing not counted), parties told', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z'); // Fri 2025-10-31: every date below is in the past
  const service = await as('service');
  const handler = await as('handler');
  // C5: acceptance decided within 7 WD of 03-03: 03-04..07 (4), 10, 11, 12 → 2025-03-12; undecided on 10-31: overdue
  await expectClock(handler, 'complaints', ctx.comp, 'accept', '2025-03-12', 'overdue');
  // a report is not accepted as a complaint (it is a clue); a complaint is not a clue
  expectRefusal(await step(service, 'complaints', ctx.rep, 'accept', { decided_on: '2025-03-05' }), '第三十一条', '投诉举报处理暂行办法第三十一条', 'accept a report');
  expectRefusal(await step(service, 'complaints', ctx.comp, 'to_clue', {}), '第七条', '投诉举报处理暂行办法第七条', 'a complaint to a clue');
  expect422(await step(service, 'complaints', ctx.comp, 'accept', { decided_on: '2025-03-02' }), 'decided_on', 'order', 'accepted before it arrived');
  const acc = await stepOk(service, 'complaints', ctx.comp, 'accept', { decided_on: '2025-03-05' });
  assert.equal(acc.state, 'accepted');
  await expectClock(handler, 'complaints', ctx.comp, 'accept', '2025-03-12', 'met');
  // Art. 16: mediation needs both parties' consent
  expectRefusal(await step(handler, 'complaints', ctx.comp, 'start_mediation', { mediation_consent: false }), '第十六条', '投诉举报处理暂行办法第十六条', 'mediation without consent');
  await stepOk(handler, 'complaints', ctx.comp, 'start_mediation', { mediation_consent: true });
  // C8: 45 WD from acceptance (03-05): 03-06..07 (2), 10..14 (7), 17..21 (12), 24..28 (17), 31 (18),
  // 04-01..03 (21), 04-04 off, 07..11 (26), 14..18 (31), 21..25 (36), Sun 04-27 worked (37), 28..30 (40),
  // 05-01..05 off, 06..09 (44), 12 (45) → 2025-05-12
  await expectClock(handler, 'complaints', ctx.comp, 'mediation', '2025-05-12', 'overdue');
  // C9: testing time is not counted: 04-07..04-11 (5 WD) moves it to 05-13, 14, 15, 16, 19 → 2025-05-19
  await create(handler, 'case_periods', { complaint_id: ctx.comp, kind: 'testing', start_on: '2025-04-07', end_on: '2025-04-11', reason: '送检' });
  const m = await expectClock(handler, 'complaints', ctx.comp, 'mediation', '2025-05-19');
  assert.equal(m.excluded_days, 5);
  // ended for timeout on the last day: the 45 WD have not run (Art. 21(5)), citing the due date
  expectRefusal(await step(handler, 'complaints', ctx.comp, 'mediation_end', { mediation_ended_on: '2025-05-19', mediation_result: 'timeout' }), '2025-05-19', '投诉举报处理暂行办法第二十一条第五项', 'timeout before 45 WD');
  await stepOk(handler, 'complaints', ctx.comp, 'mediation_end', { mediation_ended_on: '2025-05-20', mediation_result: 'timeout' });
  await expectClock(handler, 'complaints', ctx.comp, 'mediation', '2025-05-19', 'late');
  // C11: the parties are told within 7 WD of the end (05-20): 05-21, 22, 23, 26, 27, 28, 29 → 2025-05-29
  await expectClock(handler, 'complaints', ctx.comp, 'inform_parties', '2025-05-29', 'overdue');
  const fin = await stepOk(handler, 'complaints', ctx.comp, 'finish', { parties_informed_on: '2025-05-28' });
  assert.equal(fin.state, 'closed');
  await expectClock(handler, 'complaints', ctx.comp, 'inform_parties', '2025-05-29', 'met');
  // closed: nothing changes any more
  expect422(await patch(`/complaints/${ctx.comp}`, { handling_note: 'x' }, fin.version, { session: handler }), 'state', 'closed', 'edit a closed complaint');
});

test('a report becomes a clue and a case that runs its course to closure, with every clock and every guard citing its rule', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const service = await as('service');
  const handler = await as('handler');
  const director = await as('director');
  const legal = await as('legal');
  // the report becomes a clue without the reporter's identity
  const ref = await stepOk(service, 'complaints', ctx.rep, 'to_clue', {});
  assert.equal(ref.state, 'referred');
  const id = ref.case_id;
  assert.ok(id > 0, 'the clue is linked');
  ctx.case = id;
  let c = await row(handler, 'cases', id);
  assert.equal(c.state, 'clue');
  assert.equal(c.source, 'report');
  assert.equal(c.complaint_id, ctx.rep);
  assert.equal(c.received_on, '2025-03-03');
  assert.equal(c.party_name, RESPONDENT);
  // the facts without the reporter's identifiers (docs/cases.md §7 says 【举报人】; the intake already put 【投诉举报人】)
  assert.match(c.summary, /^【(投诉)?举报人】在该店买到过期食品，电话【(投诉)?举报人】$/);
  assert.match(c.source_note, new RegExp(ctx.repNo));
  assert.ok(!JSON.stringify(c).includes(NAME) && !JSON.stringify(c).includes(PHONE), 'no identity on the case');
  // L1: the filing decision is due 15 WD after receipt (03-03): 03-04..07 (4), 10..14 (9), 17..21 (14), 24 (15) → 2025-03-24
  await expectClock(handler, 'cases', id, 'filing', '2025-03-24', 'overdue');
  // testing 03-05..03-11 does not count (5 WD: 05, 06, 07, 10, 11): 03-25, 26, 27, 28, 31 → 2025-03-31
  await create(handler, 'case_periods', { case_id: id, kind: 'testing', start_on: '2025-03-05', end_on: '2025-03-11', reason: '送检' });
  const f = await expectClock(handler, 'cases', id, 'filing', '2025-03-31');
  assert.equal(f.excluded_days, 5);
  // the named reporter is told after the filing decision, not before (Art. 31(2))
  expectRefusal(await step(handler, 'complaints', ctx.rep, 'inform_reporter', { reporter_informed_on: '2025-03-19' }), '第三十一条第二款', undefined, 'tell the reporter before the filing decision');
  // out of order: no decision on a clue
  const fromClue = expectStatus(await step(director, 'cases', id, 'decide', { decided_on: '2025-03-20', penalty_kinds: ['fine'], fine_fen: 100, decision_summary: 'x' }), 409, 'decide a clue');
  // the 409 names the rule it applied: the states the step may be taken from
  assert.match(fromClue.body.rule ?? '', /只能在.+状态下执行/, `the refusal names its rule: ${fromClue.text}`);
  // the handler proposes (markup in the cause stays text), only the director approves
  await stepOk(handler, 'cases', id, 'request_filing', { cause: '<img src=x onerror=alert(1)>销售过期食品', filing_opinion: '建议立案' });
  expectStatus(await step(handler, 'cases', id, 'approve_filing', { filed_on: '2025-03-20' }), 403, 'the handler approves the filing');
  expect422(await step(director, 'cases', id, 'approve_filing', { filed_on: '2025-03-02' }), 'filed_on', 'order', 'filed before the clue arrived');
  expect422(await step(director, 'cases', id, 'approve_filing', { filed_on: '2025-11-03' }), 'filed_on', 'future', 'filed in the future');
  c = await stepOk(director, 'cases', id, 'approve_filing', { filed_on: '2025-03-20' });
  assert.equal(c.state, 'investigating');
  const m = /^包质监立字〔2025〕第(\d+)号$/.exec(c.case_no);
  assert.ok(m, `filing number: ${c.case_no}`);
  ctx.filingSeq = +m[1];
  await expectClock(handler, 'cases', id, 'filing', '2025-03-31', 'met');
  // L2: 90 days from filing (03-20): 03-31 is day 11, 04-30 day 41, 05-31 day 72 → 2025-06-18
  await expectClock(handler, 'cases', id, 'decision', '2025-06-18', 'overdue');
  // C15: the reporter is told within 5 WD of the filing decision (03-20): 03-21, 24, 25, 26, 27 → 2025-03-27
  await expectClock(handler, 'complaints', ctx.rep, 'inform_reporter', '2025-03-27', 'overdue');
  expectRefusal(await step(handler, 'complaints', ctx.rep, 'inform_reporter', { reporter_informed_on: '2025-03-19' }), '第三十一条第二款', undefined, 'told before the decision');
  expectRefusal(await step(handler, 'complaints', ctx.rep, 'close_report', {}), '第三十一条第二款', undefined, 'a named report closed without telling');
  assert.equal((await stepOk(handler, 'complaints', ctx.rep, 'inform_reporter', { reporter_informed_on: '2025-03-25' })).state, 'closed');
  await expectClock(handler, 'complaints', ctx.rep, 'inform_reporter', '2025-03-27', 'met');
  // the party's identifiers (personal data of the case)
  c = await row(handler, 'cases', id);
  expectStatus(await patch(`/cases/${id}`, { party_id_no: ID_NO, party_phone: '13904720000' }, c.version, { session: handler }), 200, 'party identifiers');

  // a fine below zero, or not in fen, is refused
  const inv = { report_on: '2025-04-18', findings: '当事人销售过期牛奶200盒', legal_basis: '《食品安全法》第一百二十四条', penalty_kinds: ['fine'], confiscation_fen: 0 };
  expect422(await step(handler, 'cases', id, 'finish_investigation', { ...inv, proposed_fine_fen: -1 }), 'proposed_fine_fen', 'range', 'negative fine');
  expect422(await step(handler, 'cases', id, 'finish_investigation', { ...inv, proposed_fine_fen: '12.50' }), 'proposed_fine_fen', 'type', 'fine not in fen');
  // 150,000 yuan for a legal person: a hearing right (≥ 100,000, L12), not major (< 500,000)
  c = await stepOk(handler, 'cases', id, 'finish_investigation', { ...inv, proposed_fine_fen: 15000000 });
  assert.equal(c.state, 'reported');
  assert.equal(c.is_major, false);
  // Art. 58: a case open to a hearing is reviewed before the notice
  expectRefusal(await step(handler, 'cases', id, 'notify', { notice_served_on: '2025-04-21' }), '第五十八条', '行政处罚法第五十八条', 'notice before the legal review');
  await stepOk(handler, 'cases', id, 'send_review', { review_sent_on: '2025-04-21' });
  expectStatus(await step(handler, 'cases', id, 'review_pass', { reviewed_on: '2025-04-24', legal_opinion: '同意' }), 403, 'the handler reviews');
  await stepOk(legal, 'cases', id, 'review_pass', { reviewed_on: '2025-04-24', legal_opinion: '事实清楚，证据确凿，同意' });
  // L6: 10 WD from 04-21: 04-22..25 (4), Sun 04-27 worked (5), 28..30 (8), 05-01..05 off, 06 (9), 07 (10) → 2025-05-07
  await expectClock(handler, 'cases', id, 'legal_review', '2025-05-07', 'met');
  await stepOk(handler, 'cases', id, 'notify', { notice_served_on: '2025-05-06' });
  // L9: the party's 5 WD to state, defend or request a hearing: 05-07, 08, 09, 12, 13 → 2025-05-13
  await expectClock(handler, 'cases', id, 'statement', '2025-05-13', 'elapsed');
  // a decision inside the party's 5 working days is refused, citing Arts. 45, 62, 85
  const early = await step(director, 'cases', id, 'decide', { decided_on: '2025-05-13', penalty_kinds: ['fine'], fine_fen: 15000000, decision_summary: '罚款15万元' });
  expectRefusal(early, '2025-05-13', '行政处罚法第四十五条、第六十二条、第八十五条', 'decision before the statement period has run');
  assert.match(early.body.detail, /第六十二条/);
  // a hearing requested after the 5 WD is late (Art. 64(1))
  expectRefusal(await step(handler, 'cases', id, 'request_hearing', { hearing_requested_on: '2025-05-14' }), '2025-05-13', '行政处罚法第六十四条第一项、第八十五条', 'late hearing request');
  await stepOk(handler, 'cases', id, 'request_hearing', { hearing_requested_on: '2025-05-13' });
  // the decision clock is paused while the hearing runs
  assert.equal((await clocks(handler, 'cases', id)).decision.status, 'paused');
  // the hearing is noticed 7 working days ahead (Arts. 64(2), 85): 05-13 + 7 WD = 05-14, 15, 16, 19, 20, 21, 22 → earliest 2025-05-22
  expectRefusal(await step(handler, 'cases', id, 'schedule_hearing', { hearing_notice_on: '2025-05-13', hearing_on: '2025-05-21', hearing_place: '听证室' }), '2025-05-22', '行政处罚法第六十四条第二项、第八十五条', 'hearing noticed too late');
  await stepOk(handler, 'cases', id, 'schedule_hearing', { hearing_notice_on: '2025-05-13', hearing_on: '2025-05-22', hearing_place: '<b>听证室</b>' });
  await stepOk(handler, 'cases', id, 'hold_hearing', { hearing_held_on: '2025-05-22', hearing_summary: '当事人无新的证据' });
  // L4: the hearing (05-13..05-22, 10 days) does not count: 06-18 + 10 → 2025-06-28
  await expectClock(handler, 'cases', id, 'decision', '2025-06-28', 'overdue');
  // a heavier fine than the one notified is refused (Art. 45(2))
  expectRefusal(await step(director, 'cases', id, 'decide', { decided_on: '2025-05-26', penalty_kinds: ['fine'], fine_fen: 16000000, decision_summary: '罚款16万元' }), '第四十五条第二款', undefined, 'heavier fine');
  c = await stepOk(director, 'cases', id, 'decide', { decided_on: '2025-05-26', penalty_kinds: ['fine'], fine_fen: 15000000, decision_summary: '罚款人民币15万元' });
  assert.equal(c.state, 'decided');
  const dm = /^包质监罚字〔2025〕第(\d+)号$/.exec(c.decision_no);
  assert.ok(dm, `decision number: ${c.decision_no}`);
  ctx.decisionNo = c.decision_no;
  ctx.caseNo = c.case_no;
  await expectClock(handler, 'cases', id, 'decision', '2025-06-28', 'met');
  // the party's data is frozen by the decision
  expect422(await patch(`/cases/${id}`, { party_name: '别人' }, c.version, { session: handler }), 'party_name', 'locked', 'party after the decision');
  // service: not before the decision; L16: within 7 WD of it (05-26): 05-27..30 (4), 05-31..06-02 off, 06-03, 04, 05 → 2025-06-05
  expect422(await step(handler, 'cases', id, 'serve', { served_on: '2025-05-25', service_method: 'direct' }), 'served_on', 'order', 'served before the decision');
  await stepOk(handler, 'cases', id, 'serve', { served_on: '2025-05-27', service_method: 'direct' });
  await expectClock(handler, 'cases', id, 'service', '2025-06-05', 'met');
  // L14: payment within 15 days of service (05-27): 05-28..31 (4), 06-01..11 (15) → 2025-06-11
  await expectClock(handler, 'cases', id, 'payment', '2025-06-11', 'overdue');
  // unpaid, the clocks show the late fee as of today (10-31): 06-12..06-30 (19) + 31 + 31 + 30 + 31 = 142 days,
  // 142 × 3 % > 100 %: capped at the fine (Art. 72)
  const lf = (await get(`/cases/${id}/actions/clocks`, { session: handler })).body.late_fee;
  assert.deepEqual([lf.days_late, lf.late_fee_fen, lf.fine_fen], [142, 15000000, 15000000]);
  // paid on 06-21, 10 days late: 150,000 + 10 × 3% × 150,000 = 195,000 yuan (Arts. 67, 72)
  const short = await step(handler, 'cases', id, 'record_payment', { paid_on: '2025-06-21', paid_fen: 15000000 });
  expectRefusal(short, '195,000.00', '行政处罚法第六十七条、第七十二条第一款', 'payment without the late fee');
  assert.match(short.body.detail, /45,000\.00/);
  c = await stepOk(handler, 'cases', id, 'record_payment', { paid_on: '2025-06-21', paid_fen: 19500000 });
  assert.equal(c.late_fee_fen, 4500000);
  await expectClock(handler, 'cases', id, 'payment', '2025-06-11', 'late');
  // closing needs the publication (公示规定 Art. 9)
  expectRefusal(await step(director, 'cases', id, 'close', { closed_on: '2025-06-30', closure_summary: '结案' }), '公示', '市场监督管理行政处罚信息公示规定第九条', 'close unpublished');
  // §14: published within 20 WD of the decision (05-26): 05-27..30 (4), 06-03..06 (8), 09..13 (13), 16..20 (18), 23, 24 → 2025-06-24
  await expectClock(handler, 'cases', id, 'publication', '2025-06-24', 'overdue');
  c = await row(handler, 'cases', id);
  expectStatus(await patch(`/cases/${id}`, { published_on: '2025-06-10' }, c.version, { session: handler }), 200, 'published');
  await expectClock(handler, 'cases', id, 'publication', '2025-06-24', 'met');
  c = await stepOk(director, 'cases', id, 'close', { closed_on: '2025-06-30', closure_summary: '罚没款已缴清，结案' });
  assert.equal(c.state, 'closed');
  // every clock as the record leaves it
  const all = await clocks(handler, 'cases', id);
  const want = { filing: ['2025-03-31', 'met'], legal_review: ['2025-05-07', 'met'], statement: ['2025-05-13', 'elapsed'], decision: ['2025-06-28', 'met'],
    service: ['2025-06-05', 'met'], payment: ['2025-06-11', 'late'], publication: ['2025-06-24', 'met'] };
  for (const [k, [due, status]] of Object.entries(want)) {
    assert.ok(all[k], `clock ${k}`);
    assert.deepEqual([all[k].due, all[k].status], [due, status], `clock ${k}`);
  }
  // closed: nothing changes and no deadline stays open
  expect422(await patch(`/cases/${id}`, { officers: 'x' }, c.version, { session: handler }), 'state', 'closed', 'edit a closed case');
  assert.equal(dbQuery(`SELECT COUNT(*) FROM deadlines WHERE entity = 'cases' AND entity_id = '${id}' AND closed_at IS NULL`), '0');
});

test('the documents: numbered, printable, escaped; the party masked for readers without cases.personal; never the complainant', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const id = ctx.case;
  const list = await get(`/cases/${id}/actions/document`, { session: await as('handler') });
  expectStatus(list, 200, 'document list');
  const kinds = list.body.documents.filter((d) => d.ready).map((d) => d.kind);
  for (const k of ['filing_approval', 'investigation_report', 'legal_review', 'prior_notice', 'hearing_notice', 'decision', 'service_receipt', 'closure_approval']) {
    assert.ok(kinds.includes(k), `${k} is ready`);
  }
  // no consultation on this case: its minutes cannot be made (409 citing the document)
  expectStatus(await doc('handler', id, 'consultation_minutes'), 409, 'minutes of a case without a consultation');
  for (const user of ['handler', 'legal', 'director']) {
    for (const k of kinds) {
      const d = await doc(user, id, k);
      expectStatus(d, 200, `${k} as ${user}`);
      assert.match(d.ctype, /^text\/html/);
      assert.ok(!d.text.includes(NAME) && !d.text.includes(PHONE), `${k} (${user}) never names the reporter`);
      assert.ok(!/<script|<img|<b>/i.test(d.text), `${k} (${user}) carries no markup from the input`);
    }
  }
  const fa = await doc('handler', id, 'filing_approval');
  assert.ok(fa.text.includes(ctx.caseNo));
  assert.ok(fa.text.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the cause escaped');
  assert.ok(fa.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the party (from the public form) escaped');
  const dec = await doc('handler', id, 'decision');
  assert.ok(dec.text.includes(ctx.decisionNo), 'the decision number');
  assert.ok(dec.text.includes(ID_NO), 'the handler (cases.personal) reads the party\'s ID number');
  const decLegal = await doc('legal', id, 'decision');
  assert.ok(!decLegal.text.includes(ID_NO), 'masked for the legal reviewer');
  assert.ok(decLegal.text.includes(ID_MASKED));
  const notice = await doc('handler', id, 'prior_notice');
  assert.ok(notice.text.includes(`包质监罚告字〔2025〕第${ctx.filingSeq}号`), 'the notice carries the filing number');
  assert.ok(notice.text.includes('截至2025年5月13日'), 'the statement deadline printed');
  const hearing = await doc('handler', id, 'hearing_notice');
  assert.ok(hearing.text.includes(`包质监听告字〔2025〕第${ctx.filingSeq}号`));
  assert.ok(hearing.text.includes('&lt;b&gt;听证室&lt;/b&gt;'), 'the hearing place escaped');
  // every rendering is audited; one that showed personal data as read_personal
  const a = await audit(`entity=cases&entity_id=${id}&action=read_personal`);
  assert.ok(a.some((x) => x.username === 'handler'), 'the handler\'s unmasked document is audited');
  assert.ok((await audit(`entity=cases&entity_id=${id}&action=document&username=legal`)).length >= 1, 'a masked rendering is audited as document');
  // the case export never carries the reporter either
  const x = await get(`/cases/export?format=csv&q=${encodeURIComponent(T)}`, { session: await as('handler') });
  expectStatus(x, 200, 'case export');
  assert.ok(x.text.includes(ctx.decisionNo));
  assert.ok(!x.text.includes(NAME) && !x.text.includes(PHONE), 'the case export never names the reporter');
});

test('a major case cannot be decided without its consultation; five agencies sign (one dissent); quorum; minutes; agencies read only referred cases', async (t) => {
  // the clues and their evidence are registered on Mon 2025-08-04, before the notice and the
  // decision that cite the evidence (a document never lists evidence registered after its date)
  useClock(t, '2025-08-04T02:00:00Z');
  const major = await newCase('某肉业公司销售病死畜肉案', '2025-08-01');
  const other = await newCase('某店无关案件', '2025-08-01');
  ctx.major = major.id;
  // evidence on both cases (read below by the agencies)
  const up = async (caseId, text) => {
    const r = await post('/evidence/actions/upload', { content_base64: Buffer.from(text).toString('base64'), case_id: caseId, title: `${T}现场照片`, kind: 'photo', file_name: 'p.jpg', mime: 'image/jpeg' }, { session: await as('handler') });
    expectStatus(r, 201, 'evidence upload');
    return r.body;
  };
  const evMajor = await up(major.id, `${T} major evidence`);
  const evOther = await up(other.id, `${T} other evidence`);
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const director = await as('director');
  const legal = await as('legal');

  // records of inquiry on both cases (the person's ID number is personal data)
  const inq = (caseId) => create(handler, 'inquiries', { case_id: caseId, person_name: `${T}李经理`, person_role: 'party', person_id_no: '150203199002023456',
    person_phone: '13800001111', started_at: '2025-08-05T01:00:00Z', place: '局询问室', investigators: '吴办案（15020001）', content: '问：…答：…' });
  const inqMajor = await inq(major.id);
  const inqOther = await inq(other.id);
  await stepOk(handler, 'cases', major.id, 'request_filing', { cause: '销售病死畜肉', filing_opinion: '建议立案' });
  const filed = await stepOk(director, 'cases', major.id, 'approve_filing', { filed_on: '2025-08-04' });
  assert.equal(filed.case_no, `包质监立字〔2025〕第${ctx.filingSeq + 1}号`, 'the next filing number of 2025');
  let c = await stepOk(handler, 'cases', major.id, 'finish_investigation', {
    report_on: '2025-09-01', findings: '销售病死畜肉500公斤', legal_basis: '《食品安全法》第一百二十三条', penalty_kinds: ['fine', 'revoke_licence'], proposed_fine_fen: 60000000, confiscation_fen: 0,
  });
  assert.equal(c.is_major, true);
  assert.match(c.major_reasons, /罚款数额达到重大案件标准/);
  assert.match(c.major_reasons, /吊销许可证件/);
  expectRefusal(await step(handler, 'cases', major.id, 'notify', { notice_served_on: '2025-09-02' }), '第五十八条', undefined, 'major case notified before review');
  await stepOk(handler, 'cases', major.id, 'send_review', { review_sent_on: '2025-09-02' });
  await stepOk(legal, 'cases', major.id, 'review_pass', { reviewed_on: '2025-09-05', legal_opinion: '同意' });
  // 10 WD from 09-02: 09-03..05 (3), 08..12 (8), 15, 16 → 2025-09-16
  await expectClock(handler, 'cases', major.id, 'legal_review', '2025-09-16', 'met');
  await stepOk(handler, 'cases', major.id, 'notify', { notice_served_on: '2025-09-08' });
  // statement period: 09-09, 10, 11, 12, 15 → 2025-09-15
  await expectClock(handler, 'cases', major.id, 'statement', '2025-09-15', 'elapsed');
  // no consultation yet: neither the discussion nor the decision, citing the bureau's rule
  const RULE = '包头市重大行政处罚案件会商制度；办案规则配置';
  expectRefusal(await step(director, 'cases', major.id, 'discuss', { discussion_on: '2025-09-22', discussion_participants: '局领导班子', discussion_conclusion: '维持' }), '会商', RULE, 'discussion before the consultation');
  expectRefusal(await step(director, 'cases', major.id, 'decide', { decided_on: '2025-09-23', penalty_kinds: ['fine'], fine_fen: 60000000, decision_summary: 's' }), '会商', RULE, 'decision before the consultation');

  // before any referral an agency reads neither case
  const fgw = await as('agency_fgw');
  expectStatus(await get(`/cases/${major.id}`, { session: fgw }), 403, 'agency reads an unreferred case');
  // the handler convenes; the five agencies of the case rules are invited
  const k = await create(handler, 'consultations', { case_id: major.id, subject: `${T}重大案件会商`, convened_on: '2025-09-10', meeting_on: '2025-09-12', place: '局三楼会议室', host: '王局长' });
  ctx.consultation = k.id;
  assert.equal(k.state, 'convened');
  const refs = (await get(`/case_referrals?consultation_id=${k.id}&limit=50`, { session: handler })).body.items;
  const agencyUnits = {};
  for (const code of ['AG-FGW', 'AG-SW', 'AG-JW', 'AG-JC', 'AG-GA']) agencyUnits[code] = await unitId(code);
  assert.deepEqual(refs.map((r) => r.unit_id).sort((a, b) => a - b), Object.values(agencyUnits).sort((a, b) => a - b), 'the five agencies invited');
  assert.ok(refs.every((r) => r.kind === 'consultation' && r.case_id === major.id));

  // an agency member lists and reads only the cases referred to their unit
  for (const user of ['agency_fgw', 'agency_sw', 'agency_jw', 'agency_jc', 'agency_ga']) {
    const s = await as(user);
    const l = await get('/cases?limit=500', { session: s });
    expectStatus(l, 200, `${user} lists cases`);
    const ids = l.body.items.map((x) => x.id);
    assert.ok(ids.includes(major.id), `${user} lists the referred case`);
    assert.ok(!ids.includes(other.id) && !ids.includes(ctx.case), `${user} lists no unreferred case`);
    const mine = l.body.items.find((x) => x.id === major.id);
    assert.equal(mine.party_id_no ?? ID_MASKED, ID_MASKED, 'the party masked in the list');
    const g = await get(`/cases/${major.id}`, { session: s });
    expectStatus(g, 200, `${user} reads the referred case`);
    assert.equal(g.body.party_id_no, ID_MASKED, 'the party\'s ID masked for the agency');
    assert.equal(g.body.party_phone, '139****0000');
    expectStatus(await get(`/cases/${other.id}`, { session: s }), 403, `${user} reads an unreferred case`);
    const cnt = await get(`/cases/count?id=${other.id}`, { session: s });
    if (cnt.status === 200) assert.equal(cnt.body.count, 0);
  }
  // … and the dossier of the referred case only
  const evl = await get(`/evidence?limit=500`, { session: fgw });
  expectStatus(evl, 200, 'agency lists evidence');
  assert.ok(evl.body.items.some((e) => e.id === evMajor.id), 'evidence of the referred case');
  assert.ok(!evl.body.items.some((e) => e.id === evOther.id), 'no evidence of another case');
  expectStatus(await get(`/evidence/${evMajor.id}`, { session: fgw }), 200, 'referred evidence');
  expectStatus(await get(`/evidence/${evOther.id}`, { session: fgw }), 403, 'unreferred evidence');
  const file = await get(`/evidence/${evMajor.id}/actions/file`, { session: fgw });
  expectStatus(file, 200, 'referred evidence file');
  assert.equal(Buffer.from(file.body.content_base64, 'base64').toString(), `${T} major evidence`);
  expectStatus(await get(`/evidence/${evOther.id}/actions/file`, { session: fgw }), 403, 'unreferred evidence file');
  const il = await get('/inquiries?limit=500', { session: fgw });
  expectStatus(il, 200, 'agency lists inquiries');
  assert.ok(il.body.items.some((x) => x.id === inqMajor.id) && !il.body.items.some((x) => x.id === inqOther.id), 'inquiries of the referred case only');
  assert.ok(!il.text.includes('150203199002023456'), 'the person\'s ID number masked for the agency');
  expectStatus(await get(`/inquiries/${inqOther.id}`, { session: fgw }), 403, 'unreferred inquiry');
  const kl = await get('/consultations?limit=500', { session: fgw });
  expectStatus(kl, 200, 'agency lists consultations');
  assert.ok(kl.body.items.some((x) => x.id === k.id));
  assert.ok(kl.body.items.every((x) => x.case_id !== other.id && x.case_id !== ctx.case));
  const hist = await get(`/cases/${major.id}/history`, { session: fgw });
  expectStatus(hist, 200, 'agency reads the history of the referred case');
  assert.ok(!hist.text.includes(ID_NO), 'the party\'s ID masked in the history');
  expectStatus(await get(`/cases/${other.id}/history`, { session: fgw }), 403, 'history of an unreferred case');
  expectStatus(await get('/cases/export?format=csv', { session: fgw }), 403, 'agency exports cases');
  expectStatus(await doc('agency_fgw', other.id, 'filing_approval'), 403, 'document of an unreferred case');
  expectStatus(await get(`/cases/${other.id}/actions/clocks`, { session: fgw }), 403, 'clocks of an unreferred case');
  // the agency cannot change the case
  expectStatus(await patch(`/cases/${major.id}`, { officers: 'x' }, c.version, { session: fgw }), 403, 'agency edits the case');
  // early involvement (提前介入): the police follow the other case before any consultation
  const ga = await as('agency_ga');
  expectStatus(await get(`/cases/${other.id}`, { session: ga }), 403, 'police before the early referral');
  await create(handler, 'case_referrals', { case_id: other.id, unit_id: agencyUnits['AG-GA'], kind: 'early', invited_on: '2025-09-10' });
  expectStatus(await get(`/cases/${other.id}`, { session: ga }), 200, 'police after the early referral');
  expectStatus(await get(`/evidence/${evOther.id}`, { session: ga }), 200, 'police read the other case\'s evidence');
  expectStatus(await get(`/cases/${other.id}`, { session: fgw }), 403, 'the early referral is for the police only');

  // a unit not invited cannot sign
  const stranger = await makeUser('agx', 'BTQTS-DH', ['agency_member'], (m) => t.diagnostic(m));
  // the consultation is outside the stranger's data scope: it cannot even be referenced (issue 11 §12)
  expect422(await post('/consultation_opinions', { consultation_id: k.id, opinion: 'agree' }, { session: stranger.session }), 'consultation_id', 'ref', 'an uninvited unit signs');
  // opinions: one per agency, reasons for a dissent; the unit, signer and time come from the session
  const op = (user, body) => post('/consultation_opinions', { consultation_id: k.id, ...body }, { session: user });
  expect422(await op(fgw, { opinion: 'agree', unit_id: agencyUnits['AG-SW'] }), 'unit_id', 'readonly', 'signing for another unit');
  const o1 = await op(fgw, { opinion: 'agree' });
  expectStatus(o1, 201, 'fgw agrees');
  assert.equal(o1.body.unit_id, agencyUnits['AG-FGW'], 'the unit is the signer\'s');
  assert.equal(o1.body.signer, '发改委代表');
  assert.equal(o1.body.signed_at, '2025-10-31T02:00:00Z');
  expect422(await op(fgw, { opinion: 'agree' }), 'unit_id', 'unique', 'second opinion of a unit');
  const sw = await as('agency_sw');
  expect422(await op(sw, { opinion: 'disagree' }), 'reasons', 'required', 'a dissent without reasons');
  const o2 = await op(sw, { opinion: 'disagree', reasons: '应从轻处罚，当事人系初次违法' });
  expectStatus(o2, 201, 'sw disagrees');
  expect422(await patch(`/consultation_opinions/${o2.body.id}`, { reasons: '篡改' }, o2.body.version, { session: fgw }), 'unit_id', 'scope', 'changing another unit\'s opinion');
  expect422(await op(await as('agency_jc'), { opinion: 'amend', reasons: '依据不足' }), 'amendment', 'required', 'an amendment without its text');
  await stepOk(handler, 'consultations', k.id, 'hold', { held_on: '2025-09-12' });
  // 2 of 5 signed: the quorum (60 % → 3) is not reached
  const q = await step(handler, 'consultations', k.id, 'conclude', { conclusion: '多数同意' });
  expectRefusal(q, '法定人数', RULE, 'conclude below the quorum');
  assert.match(q.body.detail, /应邀5家单位中2家签署意见，至少需要3家（60%）/);
  for (const user of ['agency_jw', 'agency_jc', 'agency_ga']) expectStatus(await op(await as(user), { opinion: 'agree' }), 201, `${user} agrees`);
  const concluded = await stepOk(handler, 'consultations', k.id, 'conclude', { conclusion: '多数同意，维持拟处罚意见' });
  assert.equal(concluded.state, 'concluded');
  assert.equal(concluded.outcome, '应邀5家，签署意见5家（法定人数3家）：同意4，修改0，不同意1。会商结论：多数同意，维持拟处罚意见');
  assert.equal(concluded.quorum_required, 3);
  assert.equal(concluded.opinions_count, 5);
  // concluded: no opinion changes any more
  const gaOp = (await get(`/consultation_opinions?consultation_id=${k.id}&unit_id=${agencyUnits['AG-GA']}`, { session: ga })).body.items[0];
  expect422(await patch(`/consultation_opinions/${gaOp.id}`, { opinion: 'disagree', reasons: 'x' }, gaOp.version, { session: ga }), 'consultation_id', 'closed', 'opinion after the conclusion');
  // the outcome and the dissent stay on the case
  c = await row(handler, 'cases', major.id);
  assert.equal(c.consultation_outcome, concluded.outcome);
  assert.equal(c.consultation_dissent, '包头市商务局：不同意。理由：应从轻处罚，当事人系初次违法');
  // Art. 57(2): a major case is decided by the heads' collective discussion
  expectRefusal(await step(director, 'cases', major.id, 'decide', { decided_on: '2025-09-23', penalty_kinds: ['fine'], fine_fen: 60000000, decision_summary: 's' }), '第五十七条', '行政处罚法第五十七条第二款', 'major case decided without discussion');
  await stepOk(director, 'cases', major.id, 'discuss', { discussion_on: '2025-09-22', discussion_participants: '局领导班子', discussion_conclusion: '维持会商意见' });
  c = await stepOk(director, 'cases', major.id, 'decide', { decided_on: '2025-09-23', penalty_kinds: ['fine', 'revoke_licence'], fine_fen: 60000000, decision_summary: '罚款60万元并吊销食品经营许可证' });
  assert.equal(c.state, 'decided');
  const prev = +/第(\d+)号/.exec(ctx.decisionNo)[1];
  assert.equal(c.decision_no, `包质监罚字〔2025〕第${prev + 1}号`, 'the next decision number of 2025');
  // the minutes come from the record: every agency, its opinion, reasons and signer; the agency reads them
  const minutes = await doc('agency_fgw', major.id, 'consultation_minutes');
  expectStatus(minutes, 200, 'minutes as an agency');
  for (const s of ['包头市发展和改革委员会', '包头市商务局', '包头市纪委监委', '包头市人民检察院', '包头市公安局', '应从轻处罚，当事人系初次违法', '发改委代表', '商务局代表', '公安局代表']) {
    assert.ok(minutes.text.includes(s), `minutes mention ${s}`);
  }
  assert.ok(!minutes.text.includes(ID_NO), 'the party masked for the agency in the minutes');
  // the documents that cite evidence print its SHA-256
  for (const k of ['prior_notice', 'decision']) {
    const d = await doc('handler', major.id, k);
    expectStatus(d, 200, k);
    assert.ok(d.text.includes(evMajor.sha256), `${k} lists the evidence hash`);
    assert.ok(!d.text.includes(evOther.sha256), `${k} lists no other case's evidence`);
  }
  const disc = await doc('director', major.id, 'discussion_record');
  expectStatus(disc, 200, 'discussion record');
  assert.ok(disc.text.includes('包头市商务局：不同意'), 'the dissent feeds the collective discussion');
  // the consultation shows in the leadership statistics (both decisions of this file are fines)
  const st = await get('/cases/actions/stats?from=2025-01-01&to=2025-12-31', { session: director });
  expectStatus(st, 200, 'stats');
  assert.ok(st.body.cases.consultations_held >= 1);
  assert.ok(st.body.cases.consultations_with_dissent >= 1);
  assert.ok(st.body.cases.fines_imposed_fen >= 15000000 + 60000000);
  assert.ok(st.body.cases.fines_collected_fen >= 19500000);
});

test('evidence is stored by SHA-256: a mismatching hash is refused naming both, an item is never replaced, its hash is in the documents', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const director = await as('director');
  const c = await newCase('某证据案', '2025-10-20');
  const content = Buffer.from(`${T} photo bytes`);
  const real = sha256(content);
  const wrong = 'a'.repeat(64);
  const b64 = content.toString('base64');
  const bad = await post('/evidence/actions/upload', { content_base64: b64, sha256: wrong, case_id: c.id, title: '现场照片', kind: 'photo' }, { session: handler });
  const e = expect422(bad, 'sha256', 'hash', 'mismatching hash');
  assert.ok(e.message.includes(real) && e.message.includes(wrong), `the message names both hashes: ${e.message}`);
  assert.equal((await get(`/evidence?case_id=${c.id}`, { session: handler })).body.items.length, 0, 'nothing registered');
  expect422(await post('/evidence/actions/upload', { content_base64: '@@not base64@@', case_id: c.id, title: 't', kind: 'photo' }, { session: handler }), 'content_base64', 'type', 'bad base64');
  const ok = await post('/evidence/actions/upload', { content_base64: b64, sha256: real, case_id: c.id, title: '现场照片', kind: 'photo', file_name: 'a.jpg', mime: 'image/jpeg' }, { session: handler });
  expectStatus(ok, 201, 'upload');
  assert.equal(ok.body.sha256, real);
  assert.equal(ok.body.size, content.length);
  assert.equal(ok.body.seq, 1);
  // the same file is not registered twice on a case; a hash with no stored file is refused
  expect422(await post('/evidence/actions/upload', { content_base64: b64, case_id: c.id, title: '再次', kind: 'photo' }, { session: handler }), 'sha256', 'unique', 'same file twice');
  expect422(await post('/evidence', { case_id: c.id, title: 't', kind: 'photo', sha256: sha256(Buffer.from(`${T} never uploaded`)) }, { session: handler }), 'sha256', 'hash', 'hash without a file');
  // an item is never replaced; its description may change
  expect422(await patch(`/evidence/${ok.body.id}`, { sha256: wrong }, ok.body.version, { session: handler }), 'sha256', 'immutable', 'replace the file');
  const desc = await patch(`/evidence/${ok.body.id}`, { description: '证明销售事实' }, ok.body.version, { session: handler });
  expectStatus(desc, 200, 'description');
  assert.equal(desc.body.sha256, real);
  // verified and read back byte for byte; the read is audited
  const v = await get(`/evidence/${ok.body.id}/actions/verify`, { session: handler });
  expectStatus(v, 200, 'verify');
  assert.equal(v.body.intact, true);
  assert.equal(v.body.sha256, real);
  const f = await get(`/evidence/${ok.body.id}/actions/file`, { session: handler });
  expectStatus(f, 200, 'file');
  assert.equal(Buffer.from(f.body.content_base64, 'base64').toString(), content.toString());
  assert.ok((await audit(`action=read_evidence&entity=evidence&entity_id=${ok.body.id}`)).length >= 1, 'the file read is audited');
  // the hash appears in the documents that cite the item
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售不合格产品', filing_opinion: '建议立案' });
  await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: '2025-10-21' });
  // dated the day the item was registered (a report of 10-30 would not list it: issue 12 point 12)
  await stepOk(handler, 'cases', c.id, 'finish_investigation', { report_on: '2025-10-31', findings: 'f', legal_basis: 'b', penalty_kinds: ['fine'], proposed_fine_fen: 100000, confiscation_fen: 0 });
  const rep = await doc('handler', c.id, 'investigation_report');
  expectStatus(rep, 200, 'investigation report');
  assert.ok(rep.text.includes(real), 'the SHA-256 is printed');
  // the agencies have no evidence of this case, and nobody uploads without evidence.create
  expectStatus(await post('/evidence/actions/upload', { content_base64: b64 }, { session: await as('agency_fgw') }), 403, 'agency uploads');
});

test('the deadline widget leads the handler\'s dashboard with overdue clocks of their scope; an agency sees only referred cases', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const late = await newCase('某超期线索', '2025-09-01');
  // 15 WD from 09-01: 09-02..05 (4), 08..12 (9), 15..19 (14), 22 (15) → 2025-09-22: overdue on 10-31
  await expectClock(await as('handler'), 'cases', late.id, 'filing', '2025-09-22', 'overdue');
  const widget = async (user) => {
    const r = await get('/dashboard?only=widgets', { session: await as(user) });
    expectStatus(r, 200, `dashboard of ${user}`);
    return r.body.widgets.find((w) => w.id === 'deadlines' || w.kind === 'deadlines');
  };
  const w = await widget('handler');
  assert.ok(w, 'the handler has the deadline widget');
  const it = w.items.find((i) => i.entity === 'cases' && i.id === late.id);
  assert.ok(it, 'the overdue clue is listed');
  assert.equal(it.overdue, true);
  assert.ok(w.items.findIndex((i) => !i.overdue) === -1 || w.items.findIndex((i) => !i.overdue) > w.items.findIndex((i) => i.id === late.id), 'overdue first');
  const d = await widget('director');
  assert.ok(d.items.some((i) => i.entity === 'cases' && i.id === late.id), 'the director sees it too');
  const a = await widget('agency_fgw');
  assert.ok(!(a?.items ?? []).some((i) => i.entity === 'cases' && i.id === late.id), 'not the agency');
});

test('the decision period: 90 days from filing, refused once run out; an extension counts only if approved in time; seizure terms', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const director = await as('director');
  // a 20,000-yuan case (no hearing right, no review needed): filed Tue 2025-03-04
  const c = await newCase('某超市销售过期食品案', '2025-03-03');
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售过期食品', filing_opinion: '建议立案' });
  await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: '2025-03-04' });
  await stepOk(handler, 'cases', c.id, 'finish_investigation', { report_on: '2025-04-01', findings: 'f', legal_basis: 'b', penalty_kinds: ['fine'], proposed_fine_fen: 2000000, confiscation_fen: 0 });
  await stepOk(handler, 'cases', c.id, 'notify', { notice_served_on: '2025-04-02' });
  // 90 days from 03-04: 03-31 is day 27, 04-30 day 57, 05-31 day 88 → 2025-06-02
  await expectClock(handler, 'cases', c.id, 'decision', '2025-06-02', 'overdue');
  const decide = { decided_on: '2025-06-10', penalty_kinds: ['fine'], fine_fen: 2000000, decision_summary: '罚款2万元' };
  expectRefusal(await step(director, 'cases', c.id, 'decide', decide), '2025-06-02', '程序规定第六十四条、行政处罚法第六十条', 'decision after the period');
  // an extension approved after the period ended does not revive it
  const ext = { case_id: c.id, kind: 'decision', days: 30, approver: '王局长', reason: '案情复杂' };
  expectStatus(await post('/case_extensions', { ...ext, approved_on: '2025-05-30' }, { session: handler }), 403, 'the handler approves an extension');
  const lateExt = expect422(await post('/case_extensions', { ...ext, approved_on: '2025-06-03' }, { session: director }), 'approved_on', 'expired', 'extension approved after the period ended');
  assert.match(lateExt.message, /2025-06-02/, 'the message names the day the period ended');
  expect422(await post('/case_extensions', { ...ext, days: 31, approved_on: '2025-05-30' }, { session: director }), 'days', 'range', 'more than 30 days');
  await create(director, 'case_extensions', { ...ext, approved_on: '2025-05-30' });
  // + 30 days: 06-02 + 30 → 2025-07-02
  await expectClock(handler, 'cases', c.id, 'decision', '2025-07-02', 'overdue');
  const ok = await stepOk(director, 'cases', c.id, 'decide', decide);
  assert.equal(ok.state, 'decided');
  await expectClock(handler, 'cases', c.id, 'decision', '2025-07-02', 'met');

  // the filing extension (程序规定 Art. 18): at most 15 WD, once, by the head; seizure 30 days + 30 once (行政强制法 Art. 25)
  const d = await newCase('某企业延期案', '2025-10-01');
  const fe = { case_id: d.id, kind: 'filing', approved_on: '2025-10-20', approver: '王局长', reason: '需要检验' };
  expect422(await post('/case_extensions', { ...fe, days: 16 }, { session: director }), 'days', 'range', 'filing extension of 16 WD');
  await create(director, 'case_extensions', { ...fe, days: 15 });
  // 10-01 + 30 WD: 国庆 10-01..08 off, 09 (1), 10 (2), Sat 10-11 worked (3), 13..17 (8), 20..24 (13), 27..31 (18),
  // 11-03..07 (23), 10..14 (28), 17 (29), 18 (30) → 2025-11-18
  await expectClock(handler, 'cases', d.id, 'filing', '2025-11-18', 'running');
  expect422(await post('/case_extensions', { ...fe, days: 5, approved_on: '2025-10-21' }, { session: director }), 'kind', 'once', 'a second filing extension');
  await stepOk(handler, 'cases', d.id, 'request_filing', { cause: 'c', filing_opinion: 'o' });
  await stepOk(director, 'cases', d.id, 'approve_filing', { filed_on: '2025-10-22' });
  const m = await create(handler, 'compulsory_measures', { case_id: d.id, kind: 'seizure', items: '插座200只', decided_on: '2025-10-22' });
  // 30 days from 10-22: 10-31 is day 9 → 11-21
  assert.equal(m.ends_on, '2025-11-21');
  expect422(await step(director, 'compulsory_measures', m.id, 'extend', { extended_on: '2025-10-30', extension_days: 31, extension_reason: 'r' }), 'extension_days', undefined, 'extension of 31 days');
  expectStatus(await step(handler, 'compulsory_measures', m.id, 'extend', { extended_on: '2025-10-30', extension_days: 30, extension_reason: 'r' }), 403, 'the handler extends a seizure');
  const me = await stepOk(director, 'compulsory_measures', m.id, 'extend', { extended_on: '2025-10-30', extension_days: 30, extension_reason: '检验' });
  assert.equal(me.ends_on, '2025-12-21');
  expectStatus(await step(director, 'compulsory_measures', m.id, 'extend', { extended_on: '2025-10-31', extension_days: 10, extension_reason: 'r' }), 409, 'a second seizure extension');
  const mk = (await clocks(handler, 'cases', d.id)).measure;
  assert.deepEqual([mk.due, mk.status], ['2025-12-21', 'running']);
  // a closed case's dossier cannot change (the first case of this file is closed)
  expect422(await post('/evidence/actions/upload', { content_base64: Buffer.from(`${T} late`).toString('base64'), case_id: ctx.case, title: '补充', kind: 'photo' }, { session: handler }), 'case_id', 'closed', 'evidence on a closed case');
});

test('zhijian latefee (ZJ_BIN): 3 % a day, capped at the fine', () => {
  const run = (...a) => cli(['latefee', ...a], { env: { ASAN_OPTIONS: 'detect_leaks=0' } });
  // DOMAIN's case: 10,000 yuan, 40 days late → 10,000 (the cap is reached on day 34)
  assert.deepEqual([run('10000', '40').stdout.trim(), run('10000', '40').status], ['10000.00', 0]);
  assert.equal(run('10000', '33').stdout.trim(), '9900.00');
  // the case above: 150,000 yuan, 10 days → 45,000
  assert.equal(run('150000', '10').stdout.trim(), '45000.00');
  assert.equal(run('150000', '0').stdout.trim(), '0.00');
  const neg = run('-1', '3');
  assert.notEqual(neg.status, 0);
  assert.match(neg.stderr, /bad fine/);
  assert.notEqual(run('12.345', '3').status, 0, 'not in fen');
});
