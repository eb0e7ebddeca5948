/** The job kinds the app enqueues, with the payload each one needs and the prompt it sends. */
export const JOB_KINDS = ["summarize_thread", "classify_lead", "draft_reply", "extract_entities"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

type Payload = Record<string, unknown>;

const PROMPTS: Record<JobKind, (payload: Payload) => string> = {
  summarize_thread: (p) => `Summarize this email thread in three bullet points:\n${requireText(p, "thread")}`,
  classify_lead: (p) =>
    `Classify this lead as hot, warm or cold.\nCompany: ${requireText(p, "company")}\nMessage: ${requireText(p, "message")}`,
  draft_reply: (p) => `Draft a short, friendly reply to ${requireText(p, "customerName")}:\n${requireText(p, "message")}`,
  extract_entities: (p) => `List the people, companies and dates mentioned in:\n${requireText(p, "document")}`,
};

/** Builds the prompt for a job; throws on an unknown kind or a payload missing a field (a poison job). */
export function promptFor(kind: string, payload: unknown): string {
  if (!(JOB_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown job kind "${kind}"`);
  if (typeof payload !== "object" || payload === null) throw new Error(`job payload for ${kind} is not an object`);
  return PROMPTS[kind as JobKind](payload as Payload);
}

function requireText(payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value !== "string" || value.length === 0) throw new Error(`job payload is missing text field "${field}"`);
  return value;
}
