// Alert rules, the pure part: which answers match, which URLs are accepted, how secrets and
// customers' words are shown, who may manage a rule.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/access';
import { escapeTeams, slackMessage, type AlertMessage } from '../../src/domain/alertMessages';
import { canManageAlert, maskUrl, matchesAlert, needsAnalysis, thresholdProblem, webhookUrlProblem, type AlertFacts } from '../../src/domain/alerts';

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  survey: 'nps',
  score: 6,
  teamId: 't1',
  tags: [],
  comment: null,
  sentiment: null,
  severity: null,
  phraseKeys: [],
  ...over,
});

describe('matchesAlert', () => {
  it('fires a score rule at or below its threshold, for its survey kind only', () => {
    const rule = { condition: { kind: 'score', survey: 'nps', atMost: 6 } as const, teamId: null };
    expect(matchesAlert(rule, facts({ score: 6 }))).toBe(true);
    expect(matchesAlert(rule, facts({ score: 0 }))).toBe(true);
    expect(matchesAlert(rule, facts({ score: 7 }))).toBe(false);
    expect(matchesAlert(rule, facts({ survey: 'csat', score: 1 }))).toBe(false);
  });

  it('limits a rule to its team', () => {
    const rule = { condition: { kind: 'score', survey: 'nps', atMost: 6 } as const, teamId: 't2' };
    expect(matchesAlert(rule, facts({ teamId: 't1' }))).toBe(false);
    expect(matchesAlert(rule, facts({ teamId: null }))).toBe(false);
    expect(matchesAlert(rule, facts({ teamId: 't2' }))).toBe(true);
  });

  it('fires on negative comments, and only strongly negative ones when asked', () => {
    const any = { condition: { kind: 'sentiment', highSeverityOnly: false } as const, teamId: null };
    const strong = { condition: { kind: 'sentiment', highSeverityOnly: true } as const, teamId: null };
    expect(matchesAlert(any, facts({ sentiment: 'negative', severity: 'low' }))).toBe(true);
    expect(matchesAlert(strong, facts({ sentiment: 'negative', severity: 'low' }))).toBe(false);
    expect(matchesAlert(strong, facts({ sentiment: 'negative', severity: 'high' }))).toBe(true);
    expect(matchesAlert(any, facts({ sentiment: 'neutral' }))).toBe(false);
    expect(matchesAlert(any, facts({ sentiment: null }))).toBe(false);
  });

  it('fires on a theme by phrase key or by a keyword in the comment, in any language, ignoring case', () => {
    const rule = { condition: { kind: 'theme', themeId: null, keywords: ['reembolso'] } as const, teamId: null };
    const theme = { keys: ['late deliveri'], terms: ['Reembolso', '退款'] };
    expect(matchesAlert(rule, facts({ phraseKeys: ['late deliveri'] }), theme)).toBe(true);
    expect(matchesAlert(rule, facts({ comment: 'Todavía espero mi REEMBOLSO' }), theme)).toBe(true);
    expect(matchesAlert(rule, facts({ comment: '我还在等退款' }), theme)).toBe(true);
    expect(matchesAlert(rule, facts({ comment: 'All good', phraseKeys: ['good'] }), theme)).toBe(false);
    // A theme rule whose theme could not be resolved never fires.
    expect(matchesAlert(rule, facts({ comment: 'reembolso' }), null)).toBe(false);
  });

  it('fires on a customer tag whatever its case', () => {
    const rule = { condition: { kind: 'tag', tag: 'VIP' } as const, teamId: null };
    expect(matchesAlert(rule, facts({ tags: ['billing', 'vip'] }))).toBe(true);
    expect(matchesAlert(rule, facts({ tags: ['vip-lite'] }))).toBe(false);
  });

  it('says which rules wait for the comment to be analysed', () => {
    expect(needsAnalysis({ kind: 'sentiment', highSeverityOnly: false })).toBe(true);
    expect(needsAnalysis({ kind: 'theme', themeId: 'x', keywords: [] })).toBe(true);
    expect(needsAnalysis({ kind: 'score', survey: 'csat', atMost: 2 })).toBe(false);
    expect(needsAnalysis({ kind: 'tag', tag: 'vip' })).toBe(false);
  });
});

describe('thresholdProblem', () => {
  it('accepts whole numbers on the scale below its top', () => {
    expect(thresholdProblem('nps', 0)).toBeNull();
    expect(thresholdProblem('nps', 9)).toBeNull();
    expect(thresholdProblem('nps', 10)).toMatch(/0 to 9/);
    expect(thresholdProblem('csat', 0)).toMatch(/1 to 4/);
    expect(thresholdProblem('ces', 2.5)).toMatch(/1 to 6/);
  });
});

describe('webhookUrlProblem', () => {
  it('accepts https, and http only to this machine outside production', () => {
    expect(webhookUrlProblem('https://hooks.slack.com/services/T0/B0/x', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hook', true)).toBe('Use an https:// URL.');
    expect(webhookUrlProblem('http://hooks.example.com/x', false)).toBe('Use an https:// URL.');
    expect(webhookUrlProblem('ftp://hooks.example.com/x', false)).toBe('Use an https:// URL.');
    expect(webhookUrlProblem('hooks.slack.com/services', false)).toMatch(/full webhook URL/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/x', false)).toMatch(/user name/);
  });
});

describe('maskUrl', () => {
  it('keeps the host and the last four characters of a secret URL', () => {
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXXabcd')).toBe('https://hooks.slack.com/…abcd');
    expect(maskUrl('https://prod.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s3cr3tWXYZ')).toBe('https://prod.westus.logic.azure.com/…WXYZ');
    expect(maskUrl('https://example.com/a')).toBe('https://example.com/…');
  });
});

describe('canManageAlert', () => {
  const user = (over: Partial<SessionUser>): SessionUser => ({ id: 'u', email: 'u@x', name: null, role: 'manager', allTeams: false, teamIds: ['t1'], agentId: null, ...over });
  it('lets admins manage any rule, managers their teams’ rules, agents none', () => {
    expect(canManageAlert(user({ role: 'admin', teamIds: [] }), null)).toBe(true);
    expect(canManageAlert(user({}), 't1')).toBe(true);
    expect(canManageAlert(user({}), 't2')).toBe(false);
    expect(canManageAlert(user({}), null)).toBe(false);
    expect(canManageAlert(user({ allTeams: true, teamIds: [] }), 't2')).toBe(true);
    expect(canManageAlert(user({ allTeams: true }), null)).toBe(false);
    expect(canManageAlert(user({ role: 'agent' }), 't1')).toBe(false);
  });
});

describe('escaping', () => {
  const m: AlertMessage = {
    rule: 'r',
    condition: 'c',
    survey: 'csat',
    score: 1,
    comment: '<!channel> & <https://x|click>',
    customer: 'A <b>',
    agent: 'Ana',
    team: null,
    link: 'https://heard.test/x',
    linkLabel: 'Open',
  };
  it('escapes Slack’s control characters so mentions and links show as typed', () => {
    const s = slackMessage(m);
    expect(s.text).toBe('CSAT 1/5 from A &lt;b&gt;: &lt;!channel&gt; &amp; &lt;https://x|click&gt;');
    expect(JSON.stringify(s)).not.toContain('<!channel>');
  });
  it('keeps a quoted comment within Slack’s 3,000 characters even when escaping lengthens it', () => {
    const blocks = slackMessage({ ...m, comment: '<&>'.repeat(1000) }).blocks as { text?: { text: string } }[];
    const quote = blocks[1]!.text!.text;
    expect(quote.length).toBeLessThanOrEqual(3000);
    expect(quote.startsWith('>&lt;&amp;&gt;')).toBe(true);
    expect(quote.endsWith('…')).toBe(true);
  });
  it('backslash-escapes Markdown marks for Teams text blocks', () => {
    expect(escapeTeams('**bold** [a](b) _x_ #1 `c`')).toBe('\\*\\*bold\\*\\* \\[a\\]\\(b\\) \\_x\\_ \\#1 \\`c\\`');
    expect(escapeTeams('Plain words, 3.5 - ok')).toBe('Plain words, 3.5 - ok');
  });
});
