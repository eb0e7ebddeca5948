import OpenAI from "openai";
import { nonNegativeIntFromEnv, positiveIntFromEnv } from "./env";

let cached: { signature: string; client: OpenAI } | undefined;

/** OPENAI_TIMEOUT_MS and OPENAI_MAX_RETRIES: phase 94b tunes them per deployment. */
export function openAIConfig(): { timeoutMs: number; maxRetries: number } {
  return {
    timeoutMs: positiveIntFromEnv("OPENAI_TIMEOUT_MS", 60_000),
    maxRetries: nonNegativeIntFromEnv("OPENAI_MAX_RETRIES", 2),
  };
}

/** The instance's OpenAI client; a changed env gets a new client on the next call. */
export function getOpenAI(): OpenAI {
  const { timeoutMs, maxRetries } = openAIConfig();
  const baseURL = process.env.OPENAI_BASE_URL || undefined;
  const signature = `${timeoutMs}|${maxRetries}|${baseURL ?? ""}`;
  if (cached?.signature !== signature) {
    cached = { signature, client: new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL, timeout: timeoutMs, maxRetries }) };
  }
  return cached.client;
}

export function openAIModel(): string {
  return process.env.OPENAI_MODEL || "gpt-4o-mini";
}
