/*
 * Every user-facing string of the app, Thai first. Keys are grouped by screen. A `{name}`
 * placeholder is filled by t(key, { name }). Tests check that every key has both languages.
 */
export const MESSAGES = {
  'app.title': { th: 'สำรวจงานพัฒนาชุมชน', en: 'CDD Field Survey' },
  'app.skipToContent': { th: 'ข้ามไปยังเนื้อหา', en: 'Skip to content' },
  'app.loading': { th: 'กำลังโหลด…', en: 'Loading…' },
  'app.offline': { th: 'ออฟไลน์', en: 'Offline' },
  'app.online': { th: 'ออนไลน์', en: 'Online' },
  'app.loadFailed': { th: 'เปิดหน้านี้ไม่สำเร็จ ลองโหลดใหม่อีกครั้ง', en: 'This screen failed to open; try reloading' },
  'app.notFound': { th: 'ไม่พบหน้าที่ต้องการ', en: 'Page not found' },
  'app.back': { th: 'ย้อนกลับ', en: 'Back' },


  'nav.main': { th: 'เมนูหลัก', en: 'Main menu' },
  'nav.home': { th: 'หน้าหลัก', en: 'Home' },
  'nav.villages': { th: 'หมู่บ้าน', en: 'Villages' },
  'nav.dashboards': { th: 'ภาพรวม', en: 'Dashboards' },
  'nav.sync': { th: 'ซิงค์', en: 'Sync' },
  'nav.settings': { th: 'ตั้งค่า', en: 'Settings' },

  'update.available': { th: 'มีแอปรุ่นใหม่พร้อมใช้งาน', en: 'A new version of the app is ready' },
  'update.apply': { th: 'อัปเดตเดี๋ยวนี้', en: 'Update now' },
  'update.later': { th: 'ภายหลัง', en: 'Later' },
  'update.stalled': { th: 'กำลังเปลี่ยนเป็นรุ่นใหม่ หากยังไม่เปลี่ยน ให้ปิดแอปแล้วเปิดใหม่', en: 'Switching to the new version; if it does not, close the app and open it again' },
  'update.afterForm': { th: 'จะอัปเดตเมื่อคุณบันทึกหรือปิดแบบฟอร์ม', en: 'The update will apply once you save or close the form' },
  'update.offlineReady': { th: 'แอปพร้อมใช้งานแบบออฟไลน์แล้ว', en: 'The app is ready to work offline' },

  'home.title': { th: 'งานวันนี้', en: "Today's work" },
  'home.dueVisits': { th: 'ครัวเรือนที่ถึงกำหนดเยี่ยม', en: 'Households due a visit' },
  'home.unassessedPlots': { th: 'แปลงที่ยังไม่ได้ประเมิน', en: 'Plots not yet assessed' },
  'home.openComplaints': { th: 'เรื่องร้องเรียนที่ยังไม่ยุติ', en: 'Open complaints' },
  'home.empty.title': { th: 'ยังไม่มีข้อมูลในเครื่องนี้', en: 'No records on this device yet' },
  'home.empty.body': {
    th: 'เมื่อเข้าสู่ระบบและซิงค์ครั้งแรก รายชื่อครัวเรือนเป้าหมาย TPMAP แปลงโคก หนอง นา และเรื่องร้องเรียนของอำเภอคุณจะแสดงที่นี่ พร้อมงานที่ต้องทำวันนี้',
    en: "After you sign in and sync for the first time, your district's TPMAP target households, Khok Nong Na plots and complaints appear here, with today's work.",
  },

  'villages.title': { th: 'หมู่บ้าน', en: 'Villages' },
  'villages.empty.title': { th: 'ยังไม่มีหมู่บ้าน', en: 'No villages yet' },
  'villages.empty.body': {
    th: 'หมู่บ้านในอำเภอของคุณจะแสดงที่นี่ แตะหมู่บ้านเพื่อดูครัวเรือนเป้าหมายและแปลง HLM/CLM พร้อมสถานะของแต่ละรายการ',
    en: 'The villages of your district appear here. Tap one to see its target households and HLM/CLM plots, each with its status.',
  },

  'dashboards.title': { th: 'ภาพรวมความก้าวหน้า', en: 'Progress dashboards' },
  'dashboards.empty.title': { th: 'ยังไม่มีข้อมูลสำหรับคำนวณคะแนน', en: 'Nothing to score yet' },
  'dashboards.empty.body': {
    th: 'ความก้าวหน้ารายหมู่บ้าน คะแนนและระดับของภารกิจสำคัญทั้ง 8 ประเด็น (ระดับ 1–5) ระดับตำบล อำเภอ และจังหวัด และสิ่งที่ต้องทำเพื่อขึ้นระดับถัดไป จะแสดงที่นี่เมื่อมีข้อมูล',
    en: 'Per-village progress, the scores and levels (1–5) of the eight key missions for sub-district, district and province, and what is missing for the next level appear here once there are records.',
  },

  'sync.empty.title': { th: 'ยังไม่ได้เชื่อมต่อเซิร์ฟเวอร์', en: 'Not connected to the server yet' },
  'sync.empty.body': {
    th: 'เข้าสู่ระบบครั้งแรกเมื่อมีสัญญาณ แล้วหน้านี้จะแสดงเวลาซิงค์สำเร็จล่าสุด จำนวนรายการที่รอส่ง รายการที่ได้รับ และปัญหาที่พบเป็นภาษาที่เข้าใจง่าย',
    en: 'Sign in once while online. This page then shows the last successful sync, records waiting to upload, records received and any problem in plain words.',
  },

  'settings.title': { th: 'ตั้งค่า', en: 'Settings' },
  'settings.language': { th: 'ภาษา', en: 'Language' },
  'settings.language.th': { th: 'ไทย', en: 'Thai' },
  'settings.language.en': { th: 'อังกฤษ', en: 'English' },
  'settings.thaiDigits': { th: 'แสดงตัวเลขไทย (๑ ๒ ๓)', en: 'Show Thai digits (๑ ๒ ๓)' },
  'settings.dateExample': { th: 'ตัวอย่างวันที่: {date}', en: 'Date example: {date}' },
  'settings.storage': { th: 'พื้นที่จัดเก็บในเครื่อง', en: 'Storage on this device' },
  'settings.storage.persisted': { th: 'ข้อมูลถูกเก็บแบบถาวร เบราว์เซอร์จะไม่ลบเองเมื่อพื้นที่ใกล้เต็ม', en: 'Storage is persistent: the browser will not clear it when space runs low' },
  'settings.storage.notPersisted': { th: 'ข้อมูลยังไม่ได้เก็บแบบถาวร ควรซิงค์บ่อย ๆ', en: 'Storage is not persistent: sync often' },
  'settings.storage.unknown': { th: 'เบราว์เซอร์นี้ไม่รายงานพื้นที่จัดเก็บ', en: 'This browser does not report storage' },
  'settings.storage.used': { th: 'ใช้ไป {used} จาก {quota}', en: '{used} used of {quota}' },
  'settings.storage.request': { th: 'ขอเก็บข้อมูลแบบถาวร', en: 'Ask for persistent storage' },
  'settings.version': { th: 'รุ่นของแอป', en: 'App version' },
} as const satisfies Record<string, { th: string; en: string }>

export type MessageKey = keyof typeof MESSAGES
