/*
 * Every user-facing string of the scoring layer: mission names, item labels (the `label` keys of
 * ItemScore) and the next-level advice. The app merges this table into its i18n; the scoring layer
 * cannot import the app. Placeholders are `{name}`; see formatMessage.
 */

export type Message = { readonly th: string; readonly en: string }
export type Lang = 'th' | 'en'

export const MESSAGES = {
  // Mission names
  'mission.M1': { th: 'การขจัดความยากจนและพัฒนาคนทุกช่วงวัย', en: 'Poverty eradication and development of people of all ages' },
  'mission.M2': { th: 'พื้นที่เรียนรู้ชุมชนต้นแบบ โคก หนอง นา โมเดล', en: 'Khok Nong Na model learning sites' },
  'mission.M3': { th: 'ส่งเสริมช่องทางการตลาดผลิตภัณฑ์ชุมชน (OTOP)', en: 'OTOP marketing channels' },
  'mission.M4': { th: 'การพัฒนาเศรษฐกิจฐานรากและประชารัฐ', en: 'Foundation economy and Pracharat' },
  'mission.M5': { th: 'ติดตามเงินยืมที่ผิดนัดชำระ กข.คจ. ปี 2564', en: 'KorKhor.KorChor (กข.คจ.) recovery of 2021 defaults' },
  'mission.M6': { th: 'บริหารจัดการหนี้กองทุนพัฒนาบทบาทสตรี', en: "Women's Development Fund overdue debt" },
  'mission.M7': { th: 'ส่งเสริมการใช้และสวมใส่ผ้าไทย', en: 'Thai textiles' },
  'mission.M8': { th: 'แพลตฟอร์มบริการดิจิทัล "Click ชุมชน"', en: '"Click Chumchon" digital platform' },

  // Item labels
  'm1.item.1.1': { th: 'ตรวจสอบและรับรองข้อมูลบุคคลเป้าหมาย TPMAP ภายใน 31 ธ.ค. 2564', en: 'TPMAP target persons verified by 31 Dec 2021' },
  'm1.item.1.2': { th: 'ครัวเรือนที่รับรองข้อมูลแล้วมีแผนครัวเรือนครบ 100%', en: 'Every verified household has a household plan' },
  'm1.item.2.1': { th: 'ทีมพี่เลี้ยงลงพื้นที่ติดตามอย่างน้อยเดือนละ 2 ครั้ง', en: 'Mentor team visits at least twice a month' },
  'm1.item.2.2.1': { th: 'ครัวเรือนตกเกณฑ์ด้านรายได้ได้รับความช่วยเหลือเบื้องต้น', en: 'Households failing on income given initial assistance' },
  'm1.item.2.2.2': { th: 'ครัวเรือนตกเกณฑ์ด้านสุขภาพ ความเป็นอยู่ การศึกษา การเข้าถึงบริการภาครัฐ ได้รับความช่วยเหลือ', en: 'Households failing on health, living, education or access given initial assistance' },
  'm1.item.2.3': { th: 'ครัวเรือนเป้าหมายดำรงชีวิตอยู่รอดได้ (อย่างน้อยร้อยละ 25)', en: 'Target households able to get by (at least 25 %)' },
  'm1.item.3.1': { th: 'ประชาสัมพันธ์ 3 ช่องทาง อย่างน้อยสัปดาห์ละ 2 ครั้ง', en: 'Publicity on 3 channels, at least twice a week' },
  'm1.item.3.2': { th: 'รายงานผลการขับเคลื่อนอย่างน้อยเดือนละ 1 ครั้ง', en: 'Progress report at least once a month' },
  'm1.item.4': { th: 'คนตกหล่นได้รับการตรวจสอบและบันทึกใน TPMAP (คะแนนพิเศษ)', en: 'Excluded people verified and recorded in TPMAP (extra points)' },
  'm2.item.1': { th: 'เบิกจ่ายเงินแล้วเสร็จทุกกิจกรรม', en: 'All activities disbursed' },
  'm2.item.2': { th: 'บริหารจัดการข้อร้องเรียนทุกเรื่อง', en: 'Every complaint handled' },
  'm2.item.3': { th: 'ประชาสัมพันธ์โครงการผ่านสื่อรายเดือน', en: 'Monthly publicity of the project' },
  'm2.item.4': { th: 'แปลง HLM และ CLM ประสบผลสำเร็จ', en: 'HLM and CLM plots successful' },
  'm3.item.level': { th: 'ระดับผลการส่งเสริมช่องทางการตลาด OTOP', en: 'OTOP marketing level' },
  'm4.item.1': { th: 'จังหวัดมีแผนปฏิบัติการภายใน ม.ค. 2565', en: 'Provincial action plan by January 2022' },
  'm4.item.2': { th: 'ขับเคลื่อนกิจกรรมตามแผน (ม.ค.–มิ.ย. 2565)', en: 'Plan activities carried out (Jan–Jun 2022)' },
  'm5.item.level': { th: 'ร้อยละของเงินยืมผิดนัดที่ได้รับชำระคืน', en: 'Share of defaulted loans recovered' },
  'm6.item.level': { th: 'ร้อยละหนี้เกินกำหนดชำระที่ลดลง', en: 'Reduction of overdue debt' },
  'm7.item.level': { th: 'ร้อยละรายได้จากการจำหน่ายผ้าที่เพิ่มขึ้น', en: 'Growth of textile sales' },
  'm8.item.1.1': { th: 'มีกลไกหรือคณะทำงานบริหารจัดการฐานข้อมูล', en: 'Database working group appointed' },
  'm8.item.1.2': { th: 'ประชุมสร้างความรู้ความเข้าใจ (Big Data Literacy)', en: 'Big Data Literacy meeting held' },
  'm8.item.1.3': { th: 'ปรับปรุงข้อมูลทุกฐานภายในวันที่ 15 ของทุกเดือน', en: 'All databases updated by the 15th of every month' },
  'm8.item.2': { th: 'ประชาสัมพันธ์ Click ชุมชน เดือนละครั้ง อย่างน้อย 2 ช่องทาง', en: 'Click Chumchon publicity monthly on 2 channels' },
  'm8.item.3': { th: 'กิจกรรมส่งเสริมการใช้ Click ชุมชน ไตรมาสละ 1 ครั้ง', en: 'A Click Chumchon activity every quarter' },
  'm8.item.4': { th: 'จำนวนดาวน์โหลด Click ชุมชน ตามเป้าหมาย', en: 'Click Chumchon downloads against the target' },

  // Advice: mission 1
  'advice.m1.verify': {
    th: 'ตรวจสอบและรับรองข้อมูลบุคคลเป้าหมายเพิ่มอีก {persons} คน ({households} ครัวเรือน) ภายในวันที่ {by}',
    en: 'Verify {persons} more target persons ({households} households) by {by}',
  },
  'advice.m1.verify.where': {
    th: 'ตรวจสอบและรับรองข้อมูลบุคคลเป้าหมายเพิ่มอีก {persons} คน ({households} ครัวเรือน) ในหมู่บ้าน {places} ภายในวันที่ {by}',
    en: 'Verify {persons} more target persons ({households} households) in {places} by {by}',
  },
  'advice.m1.plan': {
    th: 'จัดทำแผนครัวเรือนให้ครัวเรือนที่รับรองข้อมูลแล้วอีก {households} ครัวเรือน',
    en: 'Make household plans for the verified households that have none ({households})',
  },
  'advice.m1.plan.where': {
    th: 'จัดทำแผนครัวเรือนให้ครัวเรือนที่รับรองข้อมูลแล้วอีก {households} ครัวเรือน ในหมู่บ้าน {places}',
    en: 'Make household plans for the verified households that have none ({households}), in {places}',
  },
  'advice.m1.mentor': {
    th: 'ให้ทีมพี่เลี้ยงลงเยี่ยมเพิ่มอีก {visits} ครั้ง ใน {households} ครัวเรือน ภายในเดือน {month} (ครัวเรือนละอย่างน้อย 2 ครั้ง)',
    en: 'Make {visits} more mentor visits to {households} households in {month} (at least 2 each)',
  },
  'advice.m1.assistIncome': {
    th: 'ให้ความช่วยเหลือเบื้องต้นด้านรายได้แก่ครัวเรือนตกเกณฑ์อีก {households} ครัวเรือน ภายในวันที่ {by}',
    en: 'Give initial income assistance to {households} more households failing on income by {by}',
  },
  'advice.m1.assistIncome.where': {
    th: 'ให้ความช่วยเหลือเบื้องต้นด้านรายได้แก่ครัวเรือนตกเกณฑ์อีก {households} ครัวเรือน ในหมู่บ้าน {places} ภายในวันที่ {by}',
    en: 'Give initial income assistance to {households} more households failing on income, in {places}, by {by}',
  },
  'advice.m1.assistOther': {
    th: 'ให้ความช่วยเหลือเบื้องต้นครบทุกด้านที่ตกเกณฑ์ (สุขภาพ ความเป็นอยู่ การศึกษา การเข้าถึงบริการภาครัฐ) แก่อีก {households} ครัวเรือน รวม {assists} ด้าน ภายในวันที่ {by}',
    en: 'Assist {households} more households on every failing dimension (health, living, education, access): {assists} assists in all, by {by}',
  },
  'advice.m1.assistOther.where': {
    th: 'ให้ความช่วยเหลือเบื้องต้นครบทุกด้านที่ตกเกณฑ์ แก่อีก {households} ครัวเรือน รวม {assists} ด้าน ในหมู่บ้าน {places} ภายในวันที่ {by}',
    en: 'Assist {households} more households on every failing dimension ({assists} assists in all), in {places}, by {by}',
  },
  'advice.m1.surviving': {
    th: 'ช่วยเหลือให้ครัวเรือนเป้าหมายดำรงชีวิตอยู่รอดได้เพิ่มอีก {households} ครัวเรือน (ให้ถึงร้อยละ {percent}) ภายในวันที่ {by}',
    en: 'Help {households} more target households to get by (to reach {percent} %) by {by}',
  },
  'advice.m1.prWeek': {
    th: 'ประชาสัมพันธ์เพิ่มอีก {posts} ครั้ง ภายในสัปดาห์ที่สิ้นสุดวันที่ {weekEnd} (อย่างน้อยสัปดาห์ละ 2 ครั้ง)',
    en: 'Publish {posts} more posts in the week ending {weekEnd} (at least 2 a week)',
  },
  'advice.m1.prWeekChannels': {
    th: 'ประชาสัมพันธ์เพิ่มอีก {posts} ครั้ง ภายในสัปดาห์ที่สิ้นสุดวันที่ {weekEnd} โดยใช้ช่องทางใหม่อีก {channels} ช่องทาง (ให้ครบ 3 ช่องทาง)',
    en: 'Publish {posts} more posts in the week ending {weekEnd}, using {channels} new channels (3 in all)',
  },
  'advice.m1.prChannels': {
    th: 'ประชาสัมพันธ์ผ่านช่องทางใหม่อีก {channels} ช่องทาง (ให้ครบ 3 ช่องทาง)',
    en: 'Publish on {channels} more channels (3 in all)',
  },
  'advice.m1.report': {
    th: 'รายงานผลการขับเคลื่อนงานประจำเดือน {month} อย่างน้อย 1 ครั้ง',
    en: 'Submit at least one progress report in {month}',
  },
  'advice.m1.exclusion': {
    th: 'สำรวจและบันทึกคนตกหล่นใน TPMAP เพิ่มอีก {persons} คน (ให้ถึงร้อยละ {percent}) ภายในวันที่ {by}',
    en: 'Verify and record {persons} more excluded persons in TPMAP (to reach {percent} %) by {by}',
  },

  // Advice: mission 2
  'advice.m2.disburse': {
    th: 'เบิกจ่ายเงินให้แล้วเสร็จทุกกิจกรรมภายในวันที่ {by} (ได้ {points} คะแนน)',
    en: 'Complete disbursement of every activity by {by} ({points} points)',
  },
  'advice.m2.complaints': {
    th: 'แก้ไขข้อร้องเรียนที่ค้างอยู่ {count} เรื่อง ภายในวันที่ {by} (ภายใน {days} วันนับจากวันรับเรื่อง)',
    en: 'Resolve the open complaints ({count}) by {by} (within {days} days of receipt)',
  },
  'advice.m2.prMonth': {
    th: 'ประชาสัมพันธ์โครงการเพิ่มอีก {posts} ครั้ง ภายในเดือน {month} (ให้ได้ {perMonth} ครั้งต่อเดือน)',
    en: '{posts} more publicity posts in {month} ({perMonth} in the month)',
  },
  'advice.m2.plots': {
    th: 'พัฒนาแปลงให้ประสบผลสำเร็จเพิ่มอีก {plots} แปลง (ให้ถึงร้อยละ {percent}) ภายในวันที่ {by} เริ่มจากแปลงที่ใกล้สำเร็จที่สุด: {ids}',
    en: 'Bring {plots} more plots to success (to reach {percent} %) by {by}, starting with the closest: {ids}',
  },

  // Advice: missions 3–8
  'advice.m3.row': {
    th: 'จัดกิจกรรมส่งเสริมการตลาดที่ไม่ใช้งบประมาณเพิ่มอีก {events} ครั้ง และเพิ่มผู้ประกอบการเข้าร่วมช่องทางออนไลน์อีก {operators} ราย ให้มี {channels} ช่องทาง ช่องทางละอย่างน้อยร้อยละ {percent} (ระดับ {level})',
    en: 'Hold {events} more no-budget marketing events and bring {operators} more operators online so that {channels} channels each reach {percent} % (level {level})',
  },
  'advice.m4.plan': {
    th: 'จัดทำแผนปฏิบัติการขับเคลื่อนเศรษฐกิจฐานรากและประชารัฐให้แล้วเสร็จภายในวันที่ {by}',
    en: 'Finish the foundation-economy action plan by {by}',
  },
  'advice.m4.activities': {
    th: 'ขับเคลื่อนกิจกรรมตามแผนเพิ่มอีก {activities} กิจกรรม (ให้ถึงร้อยละ {percent}) ภายในวันที่ {by}',
    en: 'Carry out {activities} more planned activities (to reach {percent} %) by {by}',
  },
  'advice.m5.recover': {
    th: 'ติดตามเงินยืม กข.คจ. ที่ผิดนัดคืนเพิ่มอีก {amount} บาท (ให้ถึงร้อยละ {percent})',
    en: 'Recover {amount} baht more of the defaulted loans (to reach {percent} %)',
  },
  'advice.m6.reduce': {
    th: 'ลดหนี้เกินกำหนดชำระลงอีก {amount} บาท (ให้ลดลงร้อยละ {percent} จากวันที่ 1 ต.ค. 2564)',
    en: 'Reduce overdue debt by {amount} baht more (a {percent} % cut since 1 Oct 2021)',
  },
  'advice.m7.revenue': {
    th: 'เพิ่มรายได้จากการจำหน่ายผ้าอีก {amount} บาท (ให้เพิ่มขึ้นร้อยละ {percent})',
    en: 'Sell {amount} baht more of textiles (growth of {percent} %)',
  },
  'advice.m8.mechanism': {
    th: 'ออกคำสั่งแต่งตั้งกลไกหรือคณะทำงานบริหารจัดการฐานข้อมูล "Click ชุมชน"',
    en: 'Appoint the database working group for "Click Chumchon"',
  },
  'advice.m8.literacy': {
    th: 'จัดประชุมสร้างความรู้ความเข้าใจ (Big Data Literacy) ให้กลไกหรือบุคลากร',
    en: 'Hold the Big Data Literacy meeting',
  },
  'advice.m8.dataUpdate': {
    th: 'ปรับปรุงข้อมูลทุกฐานของเดือน {month} ภายในวันที่ 15',
    en: 'Update every database for {month} by the 15th',
  },
  'advice.m8.prMonth': {
    th: 'ประชาสัมพันธ์ "Click ชุมชน" เพิ่มอีก {posts} ครั้ง ภายในเดือน {month} และใช้ช่องทางใหม่อีก {channels} ช่องทาง',
    en: '{posts} more "Click Chumchon" posts in {month}, on {channels} more channels',
  },
  'advice.m8.activity': {
    th: 'จัดกิจกรรมส่งเสริมการใช้ "Click ชุมชน" อย่างน้อย 1 ครั้ง ภายในวันที่ {by}',
    en: 'Hold at least one "Click Chumchon" activity by {by}',
  },
  'advice.m8.downloads': {
    th: 'เพิ่มยอดดาวน์โหลด "Click ชุมชน" อีก {downloads} ครั้ง (เป้าหมายจังหวัด {target} ครั้ง)',
    en: '{downloads} more "Click Chumchon" downloads (province target {target})',
  },
} as const satisfies Record<string, Message>

export type MessageKey = keyof typeof MESSAGES

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/**
 * Fills `{name}` placeholders. Numbers get thousands separators (1,000); lists are joined with ", ".
 * An unknown placeholder is left as it is, so a missing parameter shows rather than vanishes.
 */
export function formatMessage(template: string, params: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole
    const v = params[name]
    if (typeof v === 'number') return NUMBER.format(v)
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? NUMBER.format(x) : String(x))).join(', ')
    return String(v)
  })
}

/** The text of a message key in a language, filled in. */
export function message(key: MessageKey, lang: Lang, params: Readonly<Record<string, unknown>> = {}): string {
  return formatMessage(MESSAGES[key][lang], params)
}
