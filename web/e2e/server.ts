import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/**
 * The page this tree builds (`npm run build`), served by the jar in place of the one packed in it,
 * so the tests test this page whichever jar runs them (LIVETODOS_WEB picks another directory).
 */
export const WEB_DIR = path.resolve(process.env.LIVETODOS_WEB ?? "target/classes/static");

/** The real livetodos.jar in local mode, started and stopped like a person would. */
export class LivetodosServer {
  private process: ChildProcess | undefined;
  private output = "";

  private constructor(
    readonly jar: string,
    private portInUse: number,
    readonly dataDir: string,
    private readonly args: readonly string[],
  ) {}

  /** @param options.args more of the jar's settings, such as `--livetodos.issuer.access-token-lifetime=75s` */
  static async start(options: { jar?: string; dataDir: string; args?: readonly string[] }): Promise<LivetodosServer> {
    const jar = path.resolve(options.jar ?? process.env.LIVETODOS_JAR ?? "../bootstrap/target/livetodos.jar");
    if (!existsSync(jar)) throw new Error(`No livetodos.jar at ${jar}: build it first (mvn package), or set LIVETODOS_JAR.`);
    const page = existsSync(path.join(WEB_DIR, "index.html")) ? [`--spring.web.resources.static-locations=file:${WEB_DIR}/`] : [];
    const server = new LivetodosServer(jar, await freePortPair(), options.dataDir, [...page, ...(options.args ?? [])]);
    // A probed port is free only until someone else binds it; on a busy machine that happens, so the
    // first start tries fresh ports when the jar says its port (or its issuer's, port + 1) was taken.
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        return server;
      } catch (error) {
        if (attempt === 5 || !String(error).includes("already in use")) throw error;
        server.portInUse = await freePortPair();
      }
    }
  }

  /** The API's port; the local issuer listens on the next one. */
  get port(): number {
    return this.portInUse;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Starts the jar on the same port and data directory, and waits until it says it is ready. */
  async start(): Promise<void> {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
    const child = spawn(java, ["-jar", this.jar, `--server.port=${this.port}`, `--livetodos.data-dir=${this.dataDir}`, ...this.args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process = child;
    this.output = "";
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`livetodos did not start within 90 s:\n${this.output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes("livetodos is ready at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`livetodos exited with ${code} before it was ready:\n${this.output}`));
      });
    });
    await ready;
  }

  /** Stops the server the way a terminal's Ctrl+C does, and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(killer);
    this.process = undefined;
  }
}

/**
 * A port P such that P and P + 1 are free now, chosen at random below the kernel's ephemeral range:
 * ports in that range are handed to every outgoing connection (Chromium's, the JVM's), so one probed
 * there can be taken before the jar binds it, and again before a restart binds it once more.
 */
async function freePortPair(): Promise<number> {
  const [low] = ephemeralRange();
  const floor = 10_000;
  for (let tries = 0; tries < 200; tries++) {
    const port = floor + Math.floor(Math.random() * (low - floor - 2));
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error(`no two free ports in a row between ${floor} and ${low}`);
}

function ephemeralRange(): [number, number] {
  try {
    const [low = 0, high = 0] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low > 12_000 && high > low) return [low, high];
  } catch {
    // not Linux: fall through to the range IANA assigns for ephemeral ports
  }
  return [49_152, 65_535];
}

async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}
