// The built-in comment analyser, in each of Heard's languages. Runs on Node and inside workerd.
import { describe, expect, it } from 'vitest';
import { lexiconAnalyser } from '../../src/analysers/lexicon';

const analyse = (text: string, hint: string | null = null) => lexiconAnalyser.analyse(text, hint);
const label = (text: string, hint: string | null = null) => analyse(text, hint).sentiment;

describe('English', () => {
  it('labels praise positive and complaints negative', () => {
    expect(label('The agent was very helpful and friendly')).toBe('positive');
    expect(label('Terrible service, the delivery was late')).toBe('negative');
    expect(label('I ordered a router on Monday')).toBe('neutral');
  });

  it('negates what follows a negator', () => {
    expect(label('The agent was helpful')).toBe('positive');
    expect(label('The agent was not helpful')).toBe('negative');
    expect(label("didn't help at all")).toBe('negative');
    expect(label('No problems at all')).toBe('positive');
  });

  it('reads a negated unrated verb as an expectation not met', () => {
    expect(label('My internet has not been installed')).toBe('negative');
    expect(label("I haven't received my refund")).toBe('negative');
  });

  it('keeps the idioms that look negative but praise', () => {
    expect(label('Could not have been more helpful')).toBe('positive');
    expect(label('Hassle free setup')).not.toBe('negative');
    expect(label("I didn't have to wait")).not.toBe('negative');
  });

  it('weighs the clause after "but" more', () => {
    expect(label('The agent was nice but the delivery was late and damaged')).toBe('negative');
    expect(label('Delivery was slow but the agent was brilliant and sorted it')).toBe('positive');
  });

  it('marks leaving and refunds as high severity', () => {
    expect(analyse('Still waiting for my refund, I want to cancel').severity).toBe('high');
    expect(analyse('A bit slow').severity).not.toBe('high');
    expect(analyse('Great service').severity).toBeNull();
  });
});

describe('Spanish', () => {
  it('labels praise positive and complaints negative', () => {
    expect(analyse('Excelente servicio, muchas gracias').language).toBe('es');
    expect(label('Excelente servicio, muchas gracias')).toBe('positive');
    expect(label('Muy buena atención')).toBe('positive');
    expect(label('Todavía estoy esperando mi reembolso')).toBe('negative');
  });

  it('negates what follows "no", "nunca" and "nadie"', () => {
    expect(label('Me ayudaron mucho')).toBe('positive');
    expect(label('No me ayudaron')).toBe('negative');
    expect(label('Nunca respondieron')).toBe('negative');
    expect(label('Nadie me contestó')).toBe('negative');
  });
});

describe('Chinese', () => {
  it('segments words and labels them', () => {
    expect(analyse('客服态度很好，非常满意').language).toBe('zh');
    expect(label('客服态度很好，非常满意')).toBe('positive');
    expect(label('快递太慢')).toBe('negative');
  });

  it('negates what follows 不 and 没有', () => {
    expect(label('满意')).toBe('positive');
    expect(label('不满意')).toBe('negative');
    expect(label('没有解决我的问题')).toBe('negative');
    expect(label('等了三天还没有人回复')).toBe('negative');
  });
});

describe('Chinese service feedback', () => {
  // Written the way customers write to support: compounds the segmenter keeps whole ("服务太差",
  // "都没", "不太满意"), degree words, and the service words the translated AFINN list lacks.
  const negative = ['不太好', '不太满意', '客服态度很差', '问题到现在都没解决', '服务太差了，再也不会买了', '客服很敷衍', '打了好几次电话都没人接', '一点都不专业', '回复慢，效率低', '客服答非所问', '又要我重新提交一次', '退款一直没到账', '物流太慢了', '完全没有帮助'];
  const positive = ['客服很耐心，问题很快就解决了', '服务很专业', '很棒的服务', '回复很快', '态度很好', '挺好的', '很方便', '处理得很及时，谢谢', '客服小姐姐很热情', '解决得很快，点赞', '没有任何问题'];
  const neutral = ['我昨天下的订单', '请问什么时候发货', '快递单号是多少'];

  it.each(negative)('reads %s as negative', (text) => expect(label(text, 'zh')).toBe('negative'));
  it.each(positive)('reads %s as positive', (text) => expect(label(text, 'zh')).toBe('positive'));
  it.each(neutral)('reads %s as neutral', (text) => expect(label(text, 'zh')).toBe('neutral'));

  it('keeps dictionary words whole when they only look like a qualifier and a word', () => {
    expect(analyse('快递太慢').phrases.map((p) => p.text)).toContain('快递');
    expect(label('还是不错')).toBe('positive');
  });
});

describe('phrases', () => {
  it('merges inflections under one stem key and keeps the words as written', () => {
    const one = analyse('The deliveries were late').phrases.map((p) => p.key);
    const two = analyse('Delivery late again').phrases.map((p) => p.key);
    expect(one).toContain('deliveri');
    expect(two).toContain('deliveri');
    expect(analyse('Customer service was rude').phrases).toContainEqual({ key: 'custom servic', text: 'customer service', topic: true });
  });

  const topics = (text: string, hint: string | null = null) => analyse(text, hint).phrases.filter((p) => p.topic).map((p) => p.text);

  it('names topics with nouns; an action counts under its stem but names nothing', () => {
    expect(analyse('I was told the engineer would come').phrases).toEqual([
      { key: 'told', text: 'told', topic: false },
      { key: 'engin', text: 'engineer', topic: true },
    ]);
    expect(topics('Friendly, fast and efficient')).toEqual([]);
    // A noun reading made certain by "the"; a gerund before a noun qualifies it.
    expect(topics('The wait was too long')).toEqual(['wait']);
    expect(topics('Long waiting time')).toContain('waiting time');
    // Inflections meet under one key, named by the spelling that reads as a topic.
    expect(analyse('Still not installed, the installation never happened').phrases).toContainEqual({ key: 'instal', text: 'installation', topic: true });
    expect(analyse('Still not installed').phrases).toContainEqual({ key: 'instal', text: 'installed', topic: false });
  });

  it('leaves out how long and since when: units, months and weekdays', () => {
    expect(topics('The installation took three weeks, since December, on a Monday')).toEqual(['installation']);
    expect(topics('Esperé dos semanas desde enero por el reembolso', 'es')).toEqual(['reembolso']);
    expect(topics('等了三个小时，退款还没到')).toContain('退款');
    expect(topics('等了三个小时，退款还没到')).not.toContain('小时');
  });

  it('reads Spanish topics across "de" and tells verbs by their grammar', () => {
    expect(topics('El tiempo de entrega fue muy largo')).toContain('tiempo de entrega');
    expect(topics('Me atendieron bien, la atención al cliente es buena')).toContain('atención al cliente');
    expect(analyse('Me llamaron tres veces por la factura').phrases).toContainEqual({ key: 'llam', text: 'llamaron', topic: false });
    expect(topics('Me llamaron tres veces por la factura')).toEqual(['factura']);
  });

  it('keeps Chinese opinions out of topics', () => {
    expect(topics('客服态度很好，退款很慢')).toEqual(['客服', '客服态度', '态度', '退款']);
  });

  it('joins Chinese characters the segmenter leaves apart', () => {
    expect(analyse('客服态度很好').phrases.map((p) => p.text)).toContain('客服');
  });

  it('bounds what a huge comment produces', () => {
    const a = analyse('refund delivery agent courier parcel invoice '.repeat(5000));
    expect(a.phrases.length).toBeLessThanOrEqual(40);
    expect(a.sentiment).toBeDefined();
  });
});
