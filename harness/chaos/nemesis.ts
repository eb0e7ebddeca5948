import type { Fault } from "../faults/fault";
import type { ChaosWorld } from "./world";

/** A catalog fault: the one fault interface, acting on the catalog's world. */
export type Nemesis = Fault<ChaosWorld>;
