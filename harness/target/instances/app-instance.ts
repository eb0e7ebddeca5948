/**
 * Where invocations of a route run: one shared process (Fluid compute), one process per instance, or an
 * app someone else runs, over HTTP.
 */
export interface AppInstance {
  readonly mode: "shared" | "isolated" | "http";
  /** Calls the route's exported GET with a web-standard Request (over HTTP: sends its headers to the URL). */
  invoke(request: Request): Promise<Response>;
  close(): Promise<void>;
}
