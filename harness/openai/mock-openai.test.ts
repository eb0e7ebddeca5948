import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { openaiFaults } from "../faults/openai-responses";
import { History } from "../history";
import { SeededRandom } from "../random";
import { TimeScale } from "../time-scale";
import { latency } from "./latency";
import { OpenAIMock } from "./mock-openai";

let mock: OpenAIMock | undefined;
afterEach(() => {
  mock?.close();
  mock = undefined;
});

/** The mock in front of the real SDK, as an app under test would call it. */
function mocked(maxRetries: number) {
  mock = new OpenAIMock({ scale: new TimeScale(60), random: new SeededRandom(1), history: new History(), latency: latency.fixed(600) }).listen();
  const client = new OpenAI({ apiKey: "sk-cronstorm-test", maxRetries });
  const call = () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
  return { mock, call };
}

describe("the OpenAI mock counts the SDK's retries", () => {
  it("sees each retry of a call that failed twice, from the SDK's own retry header", async () => {
    const { mock, call } = mocked(2);
    mock.use(openaiFaults.serverError({ times: 2 }));
    await expect(call()).resolves.toMatchObject({ object: "chat.completion" });
    expect(mock.stats.faultHits["server-error"]).toBe(2);
    expect(mock.stats.requests).toBe(3);
    expect(mock.stats.mostRetries).toBe(2);
    expect(mock.stats.retriesCounted).toBe(true);
  });

  it("sees none when every call is answered the first time", async () => {
    const { mock, call } = mocked(2);
    await call();
    await call();
    expect(mock.stats.requests).toBe(2);
    expect(mock.stats.mostRetries).toBe(0);
    expect(mock.stats.retriesCounted, "the SDK numbers even its first attempt").toBe(true);
  });

  it("knows when a client numbers no retries (plain fetch)", async () => {
    const { mock } = mocked(0);
    await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "gpt-4o-mini", messages: [] }) });
    expect(mock.stats.requests).toBe(1);
    expect(mock.stats.retriesCounted).toBe(false);
  });
});
