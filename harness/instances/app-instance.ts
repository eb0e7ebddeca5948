/** Where invocations of a route run: one shared process (Fluid compute) or one process per instance. */
export interface AppInstance {
  readonly mode: "shared" | "isolated";
  /** Calls the route's exported GET with a web-standard Request. */
  invoke(request: Request): Promise<Response>;
  close(): Promise<void>;
}
