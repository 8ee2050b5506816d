// A proxy on loopback between the browser and the relay that can cut a response half-way,
// the way a train entering a tunnel does (the server has done its work, the phone gets part of
// the answer and then nothing), or answer in the server's place, the way a Wi-Fi login page
// does (the server never sees the request).

import http from "node:http";

export async function startFaultProxy(target) {
  const upstream = new URL(target);
  const cuts = [];
  const fakes = [];
  const server = http.createServer((request, response) => {
    const faked = request.method === "OPTIONS" ? -1 : fakes.findIndex((f) => request.url.includes(f.path) && (!f.method || f.method === request.method));
    if (faked >= 0) {
      const fake = fakes.splice(faked, 1)[0];
      request.resume();
      response.writeHead(fake.status, { "content-type": fake.type });
      response.end(fake.body, () => fake.done());
      return;
    }
    // A CORS preflight (the app on another origin than a CouchDB) is not what is cut: its
    // answer is empty, so "half of it" would be all of it.
    const cut = request.method === "OPTIONS" ? -1 : cuts.findIndex((c) => request.url.includes(c.path));
    const plan = cut >= 0 ? cuts.splice(cut, 1)[0] : null;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers },
      (answer) => {
        if (!plan) {
          response.writeHead(answer.statusCode, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          const headers = { ...answer.headers, "content-length": String(body.length) };
          delete headers["transfer-encoding"];
          response.writeHead(answer.statusCode, headers);
          response.write(body.subarray(0, Math.floor(body.length / 2)));
          plan.done?.(body.length);
          // The connection dies with half the answer sent.
          setTimeout(() => response.socket?.destroy(), 20);
        });
      },
    );
    forward.on("error", () => response.destroy());
    request.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /**
     * The next response to a request whose URL contains `path` is cut; resolves when it was,
     * and fails (rather than waiting forever) if no such request comes within a minute.
     */
    cutNext(path) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no request to ${path} came to be cut`)), 60_000);
        cuts.push({ path, done: () => (clearTimeout(timer), done()) });
      });
    },
    /**
     * The next request whose URL contains `path` (and, if given, with `method`) is answered
     * by the proxy itself, like a captive portal: `200 text/html` with a login page unless
     * told otherwise. Resolves when it was; fails if no such request comes within a minute.
     */
    answerNext(path, { method, status = 200, type = "text/html", body = "<html><body>Login</body></html>" } = {}) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no request to ${path} came to be answered`)), 60_000);
        fakes.push({ path, method, status, type, body, done: () => (clearTimeout(timer), done()) });
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
