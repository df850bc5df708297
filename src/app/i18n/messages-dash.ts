/** Areas by name, and the notice that figures are incomplete: used by the dashboards, import, facts and sync screens. */
export const MESSAGES_DASH = {
  'area.province': { th: 'จังหวัด{name}', en: '{name} province' },
  'area.district': { th: 'อำเภอ{name}', en: '{name} district' },
  'area.tambon': { th: 'ตำบล{name}', en: '{name} sub-district' },
  'area.province.code': { th: 'จังหวัด (รหัส {code})', en: 'Province (code {code})' },
  'area.district.code': { th: 'อำเภอ (รหัส {code})', en: 'District (code {code})' },
  'area.tambon.code': { th: 'ตำบล (รหัส {code})', en: 'Sub-district (code {code})' },
  'area.village.code': { th: 'หมู่บ้าน (รหัส {code})', en: 'Village (code {code})' },
  'area.list.and': { th: ' และ ', en: ' and ' },

  'cov.title': { th: 'ข้อมูลยังไม่ครบ', en: 'The data is incomplete' },
  'cov.body': {
    th: 'ยังไม่ได้รับข้อมูลของ {areas} ({missing} จาก {total} พื้นที่) ตัวเลขในหน้านี้นับเฉพาะพื้นที่ที่ได้รับแล้ว จึงยังไม่ใช่ภาพรวมทั้งหมด',
    en: 'Not received yet: {areas} ({missing} of {total} areas). The figures on this page count only the areas that have arrived, so they are not the whole picture.',
  },
  'cov.export': { th: 'ไฟล์ที่ส่งออกตอนนี้จะระบุไว้ที่บรรทัดแรกและในชื่อไฟล์ว่าข้อมูลไม่ครบ', en: 'Files exported now say so on their first line and in their name.' },
  'cov.sync': { th: 'ดูความคืบหน้าการซิงค์', en: 'See the sync progress' },
  'cov.fileNote': {
    th: 'ข้อมูลไม่ครบ: ยังไม่ได้รับข้อมูลของ {areas} ({missing} จาก {total} พื้นที่) ตัวเลขนับเฉพาะพื้นที่ที่ได้รับแล้ว ณ {date}',
    en: 'INCOMPLETE: not received yet: {areas} ({missing} of {total} areas); the figures count only the areas that had arrived on {date}',
  },

  'imp.districts': { th: 'บันทึกลงอำเภอ', en: 'Saved to districts' },
  'imp.districtRows': { th: '{count} รายการ', en: '{count} rows' },
  'imp.districtNotHeld': { th: '{count} รายการ · เครื่องนี้ไม่มีข้อมูลของอำเภอนี้ จะไม่บันทึก', en: '{count} rows · this device holds no data of this district: not saved' },
  'imp.noDistrict': { th: 'เครื่องนี้ไม่มีฐานข้อมูลของ{district}', en: 'This device holds no database of {district}' },

  'facts.help.named': { th: 'ข้อมูลระดับ{area}ที่ไม่มีบันทึกภาคสนาม บันทึกฉบับร่างอัตโนมัติ และซิงค์เหมือนข้อมูลอื่น', en: 'Facts of {area} that no field record gives: drafts are kept as you type, and they sync like every record' },
  'facts.noStore.named': { th: 'เครื่องนี้ไม่มีฐานข้อมูลของ{area} ลงชื่อเข้าใช้ด้วยบัญชีระดับจังหวัด', en: 'This device holds no database of {area}: sign in with a province account' },
  'exp.help.named': { th: 'ไฟล์ของ{area} หัวตารางภาษาไทย วันที่เป็น พ.ศ. เปิดได้ด้วย Excel', en: 'Files of {area}: Thai headers, Buddhist-Era dates, open in Excel' },
} as const
