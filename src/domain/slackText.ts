// Slack-style chat text treats `<…>` as links and mentions (`<!channel>`, `<https://x|label>`) and
// `&` as the start of an entity: anything a person typed is escaped so it shows as written.
// https://api.slack.com/reference/surfaces/formatting#escaping
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
