// The emails agents send customers from a task: which {{variables}} exist and how they are filled.

export const TEMPLATE_VARIABLES = ['greeting', 'customer_name', 'agent_name', 'company', 'reference'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Variables a template uses that Heard does not know, so the editor can say so before saving. */
export function unknownVariables(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v)))];
}

/** Fills {{variables}}; unknown ones are left as typed so the sender sees them before sending. */
export function fillTemplate(text: string, vars: Record<TemplateVariable, string>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    name in vars ? vars[name as TemplateVariable] : whole,
  );
}
