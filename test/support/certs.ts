/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl for one test run. */
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestCerts {
  ca: string;
  cert: string;
  key: string;
}

export function makeCerts(dir: string): TestCerts {
  const p = (n: string) => join(dir, n);
  const run = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=rationale test CA", "-keyout", p("ca.key"), "-out", p("ca.pem"));
  run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-subj", "/CN=127.0.0.1", "-keyout", p("server.key"), "-out", p("server.csr"));
  writeFileSync(p("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  run("x509", "-req", "-in", p("server.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial",
    "-days", "2", "-extfile", p("server.ext"), "-out", p("server.pem"));
  for (const f of ["ca.pem", "server.pem"]) chmodSync(p(f), 0o644);
  return { ca: p("ca.pem"), cert: p("server.pem"), key: p("server.key") };
}
