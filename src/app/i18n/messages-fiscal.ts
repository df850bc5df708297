/** User-facing strings of rubric editions and the fiscal year (issue 13): Thai first, then English. */
export const MESSAGES_FISCAL = {
  'edition.name': { th: 'เกณฑ์ปีงบประมาณ {year}', en: 'FY{year} rubric' },
  'edition.demo': { th: 'ฉบับสาธิต', en: 'demo edition' },
  'edition.derived': { th: 'ยกมาจากเกณฑ์ปี {from}', en: 'rolled forward from {from}' },
  'edition.line': { th: 'คะแนนตาม{edition} ({start} – {end})', en: 'Scored by the {edition} ({start} – {end})' },
  'edition.past': {
    th: 'ขณะนี้เป็นปีงบประมาณ {year} แต่ยังไม่มีเกณฑ์ของปีนี้ ระบบจึงแสดงตามเกณฑ์ปีงบประมาณ {shown} ให้หัวหน้าระดับจังหวัดเผยแพร่เกณฑ์ปีนี้ที่ แดชบอร์ด › เกณฑ์การให้คะแนน (ยกเกณฑ์ปีก่อนมาแล้วแก้เฉพาะที่เปลี่ยน หรือเลือกไฟล์เกณฑ์)',
    en: 'It is fiscal year {year}, but this year has no rubric yet, so the FY{shown} rules are shown. A province supervisor publishes this year\'s under Dashboards › Rubric (roll last year\'s forward and change what changed, or choose a rubric file).',
  },
  'edition.invalid': {
    th: 'เกณฑ์ที่เผยแพร่ ({id}) ไม่ถูกต้อง จึงไม่ได้ใช้: {problem}',
    en: 'The published rubric ({id}) is not valid and is not used: {problem}',
  },
  'edition.demoNote': { th: 'เกณฑ์ฉบับสาธิต: เกณฑ์ปี 2565 ยกมาเป็นปีนี้ ไม่ใช่เกณฑ์ที่กรมประกาศ', en: 'Demo edition: the FY2565 rules rolled forward to this year, not issued by the department' },
  'edition.previous': { th: 'ผลปีก่อน ({edition} ณ {date})', en: 'Last year\'s final ({edition} as of {date})' },
  'edition.previous.show': { th: 'แสดงผลปีก่อนเทียบกัน', en: 'Show last year\'s final scores alongside' },
  'edition.thisYear': { th: 'ปีนี้', en: 'This year' },
  'edition.lastYear': { th: 'ปีก่อน', en: 'Last year' },
  // Dates that will not count
  'count.outside': {
    th: 'บันทึกได้ แต่จะไม่นับในคะแนนปีนี้: วันที่อยู่นอกช่วง {start} – {end} ของ{edition}',
    en: 'Saved, but it will not count for this year\'s score: the date is outside {start} – {end} of the {edition}',
  },
  'count.afterDeadline': {
    th: 'บันทึกได้ แต่จะไม่นับในคะแนนปีนี้: หลังวันที่ {deadline} ซึ่งเป็นกำหนดของ{edition}',
    en: 'Saved, but it will not count for this year\'s score: it is after {deadline}, the {edition} deadline',
  },
  'count.future': { th: 'วันที่อยู่ในอนาคต จะนับเมื่อถึงวันนั้น', en: 'The date is in the future; it counts from that day' },
  // Publishing
  'rubric.title': { th: 'เกณฑ์การให้คะแนน', en: 'Rubric' },
  'rubric.intro': {
    th: 'เกณฑ์แต่ละปีงบประมาณเป็นข้อมูล หัวหน้าระดับจังหวัดเผยแพร่ได้ ทุกเครื่องในจังหวัดจะใช้เกณฑ์ของปีที่วันนี้อยู่',
    en: 'Each fiscal year\'s rubric is data that a province supervisor publishes; every phone of the province uses the one whose year holds today.',
  },
  'rubric.known': { th: 'เกณฑ์ที่มีในเครื่องนี้', en: 'Rubrics on this device' },
  'rubric.builtIn': { th: 'มาพร้อมแอป', en: 'built in' },
  'rubric.roll': { th: 'ยกเกณฑ์ {from} มาเป็นปีงบประมาณ {year}', en: 'Roll {from} forward to FY{year}' },
  'rubric.file': { th: 'หรือเลือกไฟล์เกณฑ์ (.json)', en: 'Or choose a rubric file (.json)' },
  'rubric.field.verifyBy': { th: 'ภารกิจ 1: รับรองข้อมูลภายในวันที่', en: 'Mission 1: verify by' },
  'rubric.field.assistBy': { th: 'ภารกิจ 1: ช่วยเหลือภายในวันที่', en: 'Mission 1: assist by' },
  'rubric.field.visits': { th: 'ภารกิจ 1: เยี่ยมบ้านต่อเดือน (ครั้ง)', en: 'Mission 1: mentor visits a month' },
  'rubric.field.m2deadline': { th: 'ภารกิจ 2: ประเมินแปลงภายในวันที่', en: 'Mission 2: assess plots by' },
  'rubric.field.m4planBy': { th: 'ภารกิจ 4: มีแผนภายในวันที่', en: 'Mission 4: plan by' },
  'rubric.publish': { th: 'เผยแพร่เกณฑ์', en: 'Publish the rubric' },
  'rubric.published': { th: 'เผยแพร่ {edition} แล้ว', en: '{edition} published' },
  'rubric.refused': { th: 'เผยแพร่ไม่ได้: {reason}', en: 'Not published: {reason}' },
  'rubric.check': { th: 'เกณฑ์ไม่ถูกต้อง: {problem}', en: 'The rubric is not valid: {problem}' },
  'rubric.supervisorOnly': { th: 'เฉพาะหัวหน้าระดับจังหวัดเผยแพร่เกณฑ์ได้', en: 'Only province supervisors publish rubrics' },
} as const
