import { openaiFaults } from "./openai-responses";
import type { Fault } from "./fault";

/** Every OpenAI call throws inside the mock, so the SDK call in the job fails (msw answers 500). */
export function openaiException(models: string): Fault {
  return {
    name: "openai-exception",
    models,
    async start({ openai, history }) {
      openai.use(openaiFaults.throwInHandler());
      history.append({ type: "fault", phase: "start", at: Date.now(), fault: this.name });
    },
    async heal({ openai, history }) {
      openai.resetFaults();
      history.append({ type: "fault", phase: "heal", at: Date.now(), fault: this.name });
    },
    async evidence({ openai }) {
      const hits = openai.stats.faultHits["handler-exception"] ?? 0;
      return { fired: hits > 0, detail: `${hits} OpenAI call(s) hit the throwing handler` };
    },
  };
}
