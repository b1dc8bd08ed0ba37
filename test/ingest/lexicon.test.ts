import { describe, expect, it } from 'vitest';
import { ROLE_CUES } from '../../ingest/lexicon.js';

// Cue phrases written for this test (lowercase, as cuesIn reads them), each matched by some cue.
const PHRASES = [
  'đồng chí trần văn khải chủ trì hội nghị',
  'ông khải đồng chủ trì buổi làm việc',
  'phó chủ tịch điều hành phiên thảo luận',
  'đoàn chủ tịch điều khiển đại hội',
  'bà phan thị lựu chủ tọa kỳ họp',
  'tham dự có các đồng chí',
  'đến dự lễ khai giảng',
  'về phía sở y tế có ông lựu',
  'với sự tham gia của lãnh đạo huyện',
  'đoàn công tác làm việc với xã',
  'phát biểu chỉ đạo tại hội nghị',
  'tham luận về chuyển đổi số',
  'kết luận buổi làm việc',
  'phát động phong trào thi đua',
  'báo cáo kết quả thực hiện nghị quyết',
  'trình bày tờ trình',
  'báo kết quả kiểm phiếu',
];

describe('role cues', () => {
  it('name in their words something every text they match contains', () => {
    let matched = 0;
    for (const text of PHRASES) {
      for (const cue of ROLE_CUES) {
        if (!cue.re.test(text)) continue;
        matched++;
        expect(cue.words.some((w) => text.includes(w)), `${cue.re} on '${text}'`).toBe(true);
      }
    }
    // Every cue is exercised by some phrase.
    for (const cue of ROLE_CUES) expect(PHRASES.some((t) => cue.re.test(t)), String(cue.re)).toBe(true);
    expect(matched).toBeGreaterThanOrEqual(PHRASES.length);
  });
});
