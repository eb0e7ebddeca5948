/** A chat.completion body shaped like OpenAI's, enough for the SDK to parse it as the real thing. */
export function chatCompletionBody(model: string, requestNumber: number) {
  return {
    id: `chatcmpl-cronstorm-${requestNumber}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: `cronstorm mock answer #${requestNumber}`, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 42, completion_tokens: 8, total_tokens: 50 },
  };
}
