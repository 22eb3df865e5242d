/**
 * A reverse proxy in front of the app, as README asks for in production (there it
 * also ends TLS): Debian's nginx with a pool of kept-alive connections to the app.
 * The scale benchmark's clients connect here, each with its own connection, and
 * the app serves them through the proxy's pool.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { tempDir } from "./lib.ts";

const NGINX = "/usr/sbin/nginx";

export interface ReverseProxy {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Whether Debian's nginx is there (`apt-get install nginx-light`). */
export function haveNginx(): boolean {
  return spawnSync(NGINX, ["-v"]).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answering(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("nginx did not start listening");
}

/**
 * nginx with one worker per core, each accepting its share of the clients
 * (`reuseport`), allowed as many descriptors as this machine gives a process,
 * passing requests to `upstream` over at most `pool` idle kept-alive connections.
 */
export async function startProxy(upstream: string, pool = 256): Promise<ReverseProxy> {
  const dir = tempDir("nginx");
  const port = await freePort();
  const target = new URL(upstream);
  const limit = Number(spawnSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).stdout.trim());
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off;
worker_processes auto;
worker_rlimit_nofile ${limit};
pid ${join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections ${limit - 100}; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  upstream app {
    server ${target.host};
    keepalive ${pool};
    keepalive_requests 1000000;
    # Below the app's own 5 s for idle connections (docs/operating.md), so that the
    # proxy never reuses a connection the app is just closing.
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(
    "sh",
    ["-c", `ulimit -n "$(ulimit -Hn)"; exec ${NGINX} -p "$0" -c "$0/nginx.conf" -e stderr`, dir],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  await answering(port, Date.now() + 10_000);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGQUIT");
      }),
  };
}
