// The English build alone: the package root loads every locale (a third of a second in each process).
import { faker } from "@faker-js/faker/locale/en";
import type pg from "pg";
import { JOB_KINDS, type JobKind } from "../../src/lib/background-jobs/job-kinds";
import type { SeededRandom } from "../random";

type Fake = typeof faker;

export interface SeedOptions {
  count: number;
  /** Jobs whose payload lacks its required field: the job handler throws on them ("inside a job"). */
  poison?: number;
}

/** Inserts `count` realistic jobs (faker, seeded) in one statement and returns their ids in order. */
export async function seedJobs(client: pg.Client, random: SeededRandom, options: SeedOptions): Promise<string[]> {
  // Seeded and used without an await in between, so concurrent seeders cannot interleave its sequence.
  faker.seed(random.seed);
  const kinds: string[] = [];
  const payloads: string[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const kind = faker.helpers.arrayElement(JOB_KINDS);
    kinds.push(kind);
    payloads.push(JSON.stringify(i < (options.poison ?? 0) ? { note: "missing its required field" } : payloadFor(kind, faker)));
  }
  const { rows } = await client.query<{ id: string }>(
    `insert into background_jobs (kind, payload, run_after)
     select kind, payload::jsonb, now() - interval '1 minute'
     from unnest($1::text[], $2::text[]) as t(kind, payload)
     returning id`,
    [kinds, payloads],
  );
  return rows.map((r) => r.id);
}

function payloadFor(kind: JobKind, faker: Fake): Record<string, string> {
  switch (kind) {
    case "summarize_thread":
      return { thread: faker.lorem.paragraphs(3), subject: faker.company.catchPhrase() };
    case "classify_lead":
      return { company: faker.company.name(), message: faker.lorem.sentences(2), email: faker.internet.email() };
    case "draft_reply":
      return { customerName: faker.person.fullName(), message: faker.lorem.paragraph() };
    case "extract_entities":
      return { document: `${faker.person.fullName()} of ${faker.company.name()} met on ${faker.date.recent().toDateString()}. ${faker.lorem.paragraph()}` };
  }
}
