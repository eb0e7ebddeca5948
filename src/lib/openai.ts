import OpenAI from "openai";
import { nonNegativeIntFromEnv, positiveIntFromEnv } from "./env";

let cached: { signature: string; client: OpenAI } | undefined;

/**
 * The instance's OpenAI client. Timeout and retries come from env (OPENAI_TIMEOUT_MS, OPENAI_MAX_RETRIES)
 * because phase 94b tunes them per deployment; a changed env gets a new client on the next call.
 */
export function getOpenAI(): OpenAI {
  const timeout = positiveIntFromEnv("OPENAI_TIMEOUT_MS", 60_000);
  const maxRetries = nonNegativeIntFromEnv("OPENAI_MAX_RETRIES", 2);
  const baseURL = process.env.OPENAI_BASE_URL || undefined;
  const signature = `${timeout}|${maxRetries}|${baseURL ?? ""}`;
  if (cached?.signature !== signature) {
    cached = { signature, client: new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL, timeout, maxRetries }) };
  }
  return cached.client;
}

export function openAIModel(): string {
  return process.env.OPENAI_MODEL || "gpt-4o-mini";
}
