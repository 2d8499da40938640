/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl for one test run. */
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestCerts {
  ca: string;
  cert: string;
  key: string;
  /** A client certificate of the same CA, for mutual TLS. */
  clientCert: string;
  clientKey: string;
}

export function makeCerts(dir: string): TestCerts {
  const p = (n: string) => join(dir, n);
  const run = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=rationale test CA", "-keyout", p("ca.key"), "-out", p("ca.pem"));
  const sign = (name: string, ext: string) => {
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-subj", `/CN=${name === "server" ? "127.0.0.1" : "rationale test client"}`, "-keyout", p(`${name}.key`), "-out", p(`${name}.csr`));
    writeFileSync(p(`${name}.ext`), ext);
    run("x509", "-req", "-in", p(`${name}.csr`), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial",
      "-days", "2", "-extfile", p(`${name}.ext`), "-out", p(`${name}.pem`));
  };
  sign("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  sign("client", "extendedKeyUsage=clientAuth\n");
  // The wrapper runs as the logged-in (test) user, so it must read the client key.
  for (const f of ["ca.pem", "server.pem", "client.pem", "client.key"]) chmodSync(p(f), 0o644);
  return { ca: p("ca.pem"), cert: p("server.pem"), key: p("server.key"), clientCert: p("client.pem"), clientKey: p("client.key") };
}
