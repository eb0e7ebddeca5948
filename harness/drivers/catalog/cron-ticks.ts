import type { AppInstance } from "../../target/instances/app-instance";
import type { IsolatedInstance } from "../../target/instances/isolated-instance";
import { invokeOnce, type Invocation } from "../../invoker";
import { openJobs } from "../../seed/open-jobs";
import type { Trial } from "../../trial/trial";
import { CronClock } from "../cron-clock";
import { recordFaultWindow } from "./fault-window";
import { delayed, settleAll, settled } from "./settle";
import type { ChaosSpec } from "./spec";
import type { ChaosWorld } from "../../faults/catalog-world";

/** Ticks fired past faultTicks while the fault has not finished acting. */
const MAX_EXTRA_FAULT_TICKS = 10;

/**
 * Cron ticks through a nemesis: every production minute while the fault acts (and while it is still
 * acting, within a bound), then the heal, then ticks until every job is terminal. Fills in
 * `world.invocations` once every invocation has answered.
 */
export async function fireTicks(spec: ChaosSpec, trial: Trial, world: ChaosWorld): Promise<{ nemesisError: Error | undefined; ticks: number }> {
  const { history, scale } = trial;
  const invocations: Promise<Invocation>[] = [];
  const clock = new CronClock(scale.toWall(world.intervalMs));
  const fireTick = () => {
    const deliveries = spec.deliveries ?? 1;
    history.append({ type: "tick", at: Date.now(), tick: clock.fired, deliveries });
    for (let d = 0; d < deliveries; d += 1) {
      // A platform routes no request to a dead or frozen instance.
      const alive = world.instances.filter((i) => !isIsolated(i) || (i.alive && !i.frozen));
      const index = invocations.length;
      const instance = alive[index % Math.max(1, alive.length)];
      if (!instance) continue;
      // A duplicate delivery arrives a little later than the first, by a seeded jitter.
      const jitter = d === 0 ? 0 : scale.toWall(trial.random.next() * (spec.deliveryJitterMs ?? 2_000));
      invocations.push(delayed(jitter, () => invokeOnce(instance, trial.request(index), index, history, labelOf(instance))));
    }
  };

  let nemesisDone = false;
  const nemesisStartedAt = Date.now();
  const nemesis = spec.fault
    .start(world)
    .then(
      () => undefined,
      (error: unknown) => error as Error,
    )
    .finally(() => (nemesisDone = true));
  // At least faultTicks ticks, and more while the fault is still acting (it waits on ticks of its own,
  // and how long a run takes before its trigger depends on how busy the machine is), within a bound.
  for (let i = 0; i < spec.faultTicks || (!nemesisDone && i < spec.faultTicks + MAX_EXTRA_FAULT_TICKS); i += 1) {
    fireTick();
    await clock.afterTick();
  }
  const nemesisError = await nemesis;
  await spec.fault.heal(world);
  recordFaultWindow(history, spec.fault.name, nemesisStartedAt);
  for (let i = 0; i < spec.maxRecoveryTicks; i += 1) {
    if ((await openJobs(trial.target.jobs, trial.observer)) === 0 && (await settled(invocations))) break;
    fireTick();
    await clock.afterTick();
  }
  world.invocations = await settleAll(invocations, history);
  return { nemesisError, ticks: clock.fired };
}

const isIsolated = (instance: AppInstance): instance is IsolatedInstance => instance.mode === "isolated";
const labelOf = (instance: AppInstance) => ("name" in instance ? String(instance.name) : "shared");
