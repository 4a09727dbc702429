// English, the reference dictionary: its shape is the Messages type every other language must fill.
import type { SurveyKind } from '../domain/surveys';

export interface ScaleText {
  question: (agent: string | null) => string;
  /** Words for scores: every score on the fully worded scales, only the two ends on NPS. */
  labels: Readonly<Record<number, string>>;
}

export const en = {
  /** BCP 47 tag for the lang attribute. */
  lang: 'en',
  dir: 'ltr' as 'ltr' | 'rtl',

  scales: {
    csat: {
      question: (agent) =>
        agent ? `How satisfied were you with the help you got from ${agent}?` : 'How satisfied were you with the help you got?',
      labels: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' },
    },
    nps: {
      question: () => 'How likely are you to recommend us to a friend or colleague?',
      labels: { 0: 'Not at all likely', 10: 'Extremely likely' },
    },
    ces: {
      question: () => 'How easy was it to get your issue resolved?',
      labels: {
        1: 'Very difficult',
        2: 'Difficult',
        3: 'Somewhat difficult',
        4: 'Neither easy nor difficult',
        5: 'Somewhat easy',
        6: 'Easy',
        7: 'Very easy',
      },
    },
  } satisfies Record<SurveyKind, ScaleText>,

  email: {
    subject: (agent: string | null) =>
      agent ? `How did we do? Your conversation with ${agent}` : 'How did we do? Your recent conversation with us',
    preheader: 'One click is all it takes, and it helps us get better.',
    greeting: (name: string | null) => (name ? `Hi ${name},` : 'Hi there,'),
    intro: (agent: string | null) =>
      agent
        ? `You recently talked with ${agent} from our support team. We'd love to know how it went.`
        : `You recently talked with our support team. We'd love to know how it went.`,
    pick: 'Just click a number. You can add a comment on the next page if you like.',
    textPick: 'Open the link next to your answer:',
    thanks: 'Thank you,',
    team: (brand: string | null) => (brand ? `The ${brand} team` : 'The support team'),
    why: 'You are getting this email because you recently contacted our support team.',
  },

  survey: {
    title: 'Your feedback',
    heading: (agent: string | null) => (agent ? `How did ${agent} do?` : 'How did we do?'),
    commentLabel: "Anything you'd like to add?",
    optional: '(optional)',
    commentHint: 'What went well, or what could we do better?',
    submit: 'Send feedback',
    pickScore: 'Please choose a score.',
    saved: 'Your rating is saved. You can add a comment.',
    needsSubmit: 'To confirm your rating, please press “Send feedback”.',
    unsubscribe: 'Unsubscribe from these surveys',
  },

  thanks: {
    title: 'Thank you!',
    body: 'We got your feedback. Every answer helps us get better.',
    yourScore: 'Your rating',
    yourComment: 'Your comment',
    rating: (score: number, max: number, word: string | null) => `${score} out of ${max}${word ? ` · ${word}` : ''}`,
    change: 'Change your answer',
  },

  unsubscribe: {
    title: 'Unsubscribe from surveys',
    body: "Press the button and we'll stop emailing you to ask how your support conversations went.",
    button: 'Unsubscribe',
    doneTitle: "You're unsubscribed",
    doneBody: "You won't get any more surveys from us. Thanks for letting us know.",
  },

  // follow-ups: the recovery survey and emails agents send from a task
  recovery: {
    subject: (agent: string | null) => (agent ? `Did we make it right? A quick question after talking with ${agent}` : 'Did we make it right?'),
    preheader: 'One click tells us whether we put things right for you.',
    heading: 'Did we make it right?',
    intro: (agent: string | null) =>
      agent
        ? `${agent} from our team followed up on your feedback recently. We'd like to know whether we made things right.`
        : `Our team followed up on your feedback recently. We'd like to know whether we made things right.`,
  },

  followup: {
    templateSubject: 'About your recent feedback',
    templateBody:
      "{{greeting}}\n\nThank you for telling us how your recent conversation with us went. I'm sorry it wasn't what you expected, and I'd like to put it right.\n\nCould you tell me a little more about what happened? Just reply to this email.\n\nBest regards,\n{{agent_name}}",
    replyHint: (agent: string | null) =>
      agent ? `Reply to this email to reach ${agent} directly.` : 'Reply to this email to reach our team directly.',
  },

  pages: {
    expired: {
      title: 'This link has expired',
      body: 'Survey links only work for a while, and this one is too old now. Thank you for wanting to share your thoughts.',
    },
    invalid: {
      title: "This link doesn't work",
      body: 'It may be incomplete. Please open it again straight from the email, or copy the whole address.',
    },
    notFound: {
      title: 'Page not found',
      body: "We couldn't find that page. Please check the address.",
    },
    badRequest: {
      title: "We couldn't read that",
      body: 'What your browser sent was incomplete or garbled. Please go back, reload the page and try again.',
    },
    tooLarge: {
      title: 'That was too much to send',
      body: 'The form or file is larger than this page accepts. Please shorten it and try again.',
    },
    error: {
      title: 'Something went wrong',
      body: "It's on our side, not yours. Please try again in a few minutes.",
    },
  },
  // score digest: the weekly or daily email of scores to managers (staff who chose this language)
  digest: {
    subject: (weekly: boolean, period: string): string => (weekly ? `Your weekly scores: ${period}` : `Your scores for ${period}`),
    heading: 'How your teams did',
    forTeams: (teams: string) => `Teams: ${teams}`,
    allTeams: 'All teams',
    compared: (period: string, previous: string) => `${period}, compared with ${previous}.`,
    scores: 'Scores',
    score: 'Score',
    interval: '95% interval',
    change: 'Change',
    answers: 'Answers',
    points: (v: string) => `${v} pts`,
    up: 'up',
    down: 'down',
    noChange: 'no change',
    tooFew: 'too few to compare',
    noCompare: 'nothing to compare',
    responseRate: 'Response rate',
    rateOf: (answered: string, sent: string) => `${answered} answers to ${sent} surveys sent`,
    fcr: 'Resolved on first contact',
    trendTitle: (kind: string, weeks: boolean, n: number) => (weeks ? `${kind} over the last ${n} weeks` : `${kind} over the last ${n} days`),
    trendNote: 'Dots are scores; the shaded bars are their 95% intervals. Grey dots have fewer answers than the minimum sample.',
    scale: (low: string, high: string) => `The scale runs from ${low} to ${high}.`,
    trendAlt: (kind: string, values: string) => `Line chart of ${kind}: ${values}.`,
    distributionTitle: (kind: string) => `${kind} answers by score`,
    distributionAlt: (kind: string, values: string) => `Bar chart of ${kind} answers by score: ${values}.`,
    noAnswers: 'no answers',
    themes: 'What customers talked about',
    themeLine: (count: string, negative: string) => `${count} comments · ${negative} negative`,
    rising: 'rising',
    falling: 'falling',
    newTheme: 'new',
    noThemes: 'No recurring themes in this period’s comments.',
    movers: 'Agents who moved most',
    moversNote: (min: number) => `Only agents with at least ${min} answers in both periods.`,
    noMovers: 'No agent had enough answers in both periods to compare.',
    followups: 'Follow-ups',
    followupsLine: (open: number, overdue: number) => `${open} open, ${overdue} overdue`,
    openDashboard: 'Open the dashboard for this period',
    openInbox: 'Open the follow-up inbox',
    why: (weekly: boolean): string => (weekly ? 'You get this email every week because you manage these teams in Heard.' : 'You get this email every day because you asked for it in Heard.'),
    settings: 'Change or turn off the digest',
  },
};

export type Messages = typeof en;
