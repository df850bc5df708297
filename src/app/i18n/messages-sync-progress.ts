/** The first pull's progress (sync screen, header): Thai first, then English. */
export const MESSAGES_SYNC_PROGRESS = {
  'pull.title': { th: 'กำลังรับข้อมูลครั้งแรก', en: 'Downloading the data for the first time' },
  'pull.titleDone': { th: 'ข้อมูลแต่ละพื้นที่', en: 'Data by area' },
  'pull.received': { th: 'ได้รับ {received} จาก {total} รายการ', en: 'Received {received} of {total} records' },
  'pull.all': { th: 'ทุกพื้นที่', en: 'All areas' },
  'pull.left.minutes': { th: 'เหลืออีกประมาณ {n} นาที', en: 'About {n} min left' },
  'pull.left.seconds': { th: 'เหลืออีกไม่ถึง 1 นาที', en: 'Less than a minute left' },
  'pull.left.unknown': { th: 'กำลังประมาณเวลาที่เหลือ…', en: 'Estimating the time left…' },
  'pull.hint': {
    th: 'ใช้งานแอปต่อได้ระหว่างรอ ข้อมูลที่มาถึงแล้วแสดงได้ทันที ตัวเลขในแดชบอร์ดจะครบเมื่อรับข้อมูลครบทุกพื้นที่',
    en: 'You can keep using the app meanwhile; what has arrived shows at once. Dashboard figures are complete once every area has arrived.',
  },
  'pull.area.done': { th: 'ครบแล้ว · {count} รายการ', en: 'Complete · {count} records' },
  'pull.area.waiting': { th: 'รอคิว', en: 'Waiting' },
  'pull.area.synced': { th: 'ซิงค์แล้ว', en: 'Synced' },
  'pull.pill': { th: 'รับข้อมูล {percent}%', en: 'Downloading {percent}%' },
  'pull.area.province': { th: 'จังหวัด{name}', en: 'Province {name}' },
  'pull.area.district': { th: 'อำเภอ {code}', en: 'District {code}' },
}
