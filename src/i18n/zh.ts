// Simplified Chinese, polite "您" as customer service writes it.
import type { Messages } from './en';

/** Latin names get a space on each side inside Chinese text ("与 Ana 的"), Chinese names none. */
const gap = (name: string) => (/\p{Script=Han}/u.test(name) ? '' : ' ');
const inline = (name: string) => `${gap(name)}${name}${gap(name)}`;

export const zh: Messages = {
  lang: 'zh-CN',
  dir: 'ltr',

  scales: {
    csat: {
      question: (agent) => (agent ? `您对${inline(agent)}这次的服务满意吗？` : '您对这次的服务满意吗？'),
      labels: { 1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' },
    },
    nps: {
      question: () => '您有多大可能向朋友或同事推荐我们？',
      labels: { 0: '完全不可能', 10: '非常可能' },
    },
    ces: {
      question: () => '这次解决您的问题有多容易？',
      labels: { 1: '非常困难', 2: '困难', 3: '有些困难', 4: '一般', 5: '有些容易', 6: '容易', 7: '非常容易' },
    },
  },

  email: {
    subject: (agent) => (agent ? `我们做得怎么样？关于您与${inline(agent)}的沟通` : '我们做得怎么样？关于您最近的咨询'),
    preheader: '只需点一下，就能帮助我们做得更好。',
    greeting: (name) => (name ? `${name}，您好！` : '您好！'),
    intro: (agent) =>
      agent
        ? `您最近与我们客服团队的${inline(agent)}进行了沟通，我们很想知道您的感受。`
        : '您最近联系了我们的客服团队，我们很想知道您的感受。',
    pick: '点击一个数字即可完成评分。如果愿意，还可以在下一页留下您的意见。',
    textPick: '请打开与您的选择对应的链接：',
    thanks: '感谢您的支持！',
    team: (brand) => (brand ? `${brand}${gap(brand)}团队` : '客服团队'),
    why: '您收到这封邮件，是因为您最近联系过我们的客服团队。',
  },

  survey: {
    title: '您的反馈',
    heading: (agent) => (agent ? `${agent}${gap(agent)}的服务怎么样？` : '我们的服务怎么样？'),
    commentLabel: '还有什么想告诉我们的吗？',
    optional: '（选填）',
    commentHint: '哪些地方做得好，哪些地方还可以改进？',
    submit: '提交反馈',
    pickScore: '请选择一个分数。',
    saved: '您的评分已保存，还可以补充您的意见。',
    needsSubmit: '请点击“提交反馈”确认您的评分。',
    unsubscribe: '不再接收此类调查',
  },

  thanks: {
    title: '谢谢您！',
    body: '我们已收到您的反馈。每一条反馈都能帮助我们做得更好。',
    yourScore: '您的评分',
    yourComment: '您的意见',
    rating: (score, max, word) => (word ? `${word}（${score} 分，满分 ${max} 分）` : `${score} 分（满分 ${max} 分）`),
    change: '修改我的回答',
  },

  unsubscribe: {
    title: '退订调查邮件',
    body: '点击下方按钮后，我们将不再通过邮件邀请您评价客服服务。',
    button: '确认退订',
    doneTitle: '您已成功退订',
    doneBody: '我们不会再向您发送调查邮件。感谢您告诉我们。',
  },

  // follow-ups: the recovery survey and emails agents send from a task
  recovery: {
    subject: (agent) => (agent ? `问题解决了吗？关于${inline(agent)}的跟进，想再请教您一下` : '问题解决了吗？'),
    preheader: '只需点一下，告诉我们问题是否已经解决。',
    heading: '问题解决了吗？',
    intro: (agent) =>
      agent
        ? `我们团队的${inline(agent)}最近跟进了您的反馈。我们想知道问题是否已经妥善解决。`
        : '我们团队最近跟进了您的反馈。我们想知道问题是否已经妥善解决。',
  },

  followup: {
    templateSubject: '关于您最近的反馈',
    templateBody:
      '{{greeting}}\n\n感谢您告诉我们最近一次沟通的感受。很抱歉没有达到您的期望，我们希望能够弥补。\n\n能否再详细说说当时的情况？直接回复这封邮件即可。\n\n祝好！\n{{agent_name}}',
    replyHint: (agent) => (agent ? `直接回复这封邮件即可联系${gap(agent)}${agent}。` : '直接回复这封邮件即可联系我们的团队。'),
  },

  pages: {
    expired: {
      title: '此链接已过期',
      body: '调查链接只在一段时间内有效，这个链接已经失效。仍然感谢您愿意与我们分享想法。',
    },
    invalid: {
      title: '此链接无法使用',
      body: '链接可能不完整。请直接从邮件中重新打开，或复制完整的网址。',
    },
    notFound: {
      title: '找不到此页面',
      body: '请检查网址是否正确。',
    },
    badRequest: {
      title: '无法读取提交的内容',
      body: '浏览器发送的内容不完整或已损坏。请返回、刷新页面后重试。',
    },
    tooLarge: {
      title: '提交的内容过大',
      body: '表单或文件超过了此页面允许的大小。请缩短后重试。',
    },
    error: {
      title: '出了点问题',
      body: '问题出在我们这边，请过几分钟再试。',
    },
  },
  digest: {
    subject: (weekly, period) => (weekly ? `本周评分：${period}` : `${period} 的评分`),
    heading: '您的团队表现如何',
    forTeams: (teams) => `团队：${teams}`,
    allTeams: '所有团队',
    compared: (period, previous) => `${period}，与 ${previous} 相比。`,
    scores: '评分',
    score: '得分',
    interval: '95% 置信区间',
    change: '变化',
    answers: '回答数',
    points: (v) => `${v} 分`,
    up: '上升',
    down: '下降',
    noChange: '无变化',
    tooFew: '样本太少，无法比较',
    noCompare: '无可比较的数据',
    responseRate: '回复率',
    rateOf: (answered, sent) => `已发送 ${sent} 份调查，收到 ${answered} 份回答`,
    fcr: '首次联系即解决',
    trendTitle: (kind, weeks, n) => (weeks ? `最近 ${n} 周的 ${kind}` : `最近 ${n} 天的 ${kind}`),
    trendNote: '圆点为得分，阴影条为 95% 置信区间。灰色圆点的回答数少于最小样本量。',
    scale: (low, high) => `纵轴范围为 ${low} 至 ${high}。`,
    trendAlt: (kind, values) => `${kind} 折线图：${values}。`,
    distributionTitle: (kind) => `${kind} 各分值的回答数`,
    distributionAlt: (kind, values) => `${kind} 各分值回答数的柱状图：${values}。`,
    noAnswers: '无回答',
    themes: '客户谈论的话题',
    themeLine: (count, negative) => `${count} 条评论 · ${negative} 负面`,
    rising: '上升',
    falling: '下降',
    newTheme: '新话题',
    noThemes: '本期评论中没有反复出现的话题。',
    movers: '变化最大的客服',
    moversNote: (min) => `仅包括两个周期内各有至少 ${min} 份回答的客服。`,
    noMovers: '没有客服在两个周期内都有足够的回答可供比较。',
    followups: '跟进任务',
    followupsLine: (open, overdue) => `${open} 个未完成，${overdue} 个已逾期`,
    openDashboard: '打开本期的仪表板',
    openInbox: '打开跟进收件箱',
    why: (weekly) => (weekly ? '您每周收到这封邮件，因为您在 Heard 中管理这些团队。' : '您每天收到这封邮件，因为您在 Heard 中选择了每日摘要。'),
    settings: '更改或关闭摘要',
  },
};
