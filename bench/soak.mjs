#!/usr/bin/env node
// A soak of the relay (release build, loopback): 50 organisations x 10 devices pushing and
// pulling for a while, while one stranger guesses invitation codes and one device of its own
// organisation sends oversize requests. Prints throughput, the latency of the small requests
// (median, p99) and the count of changes in and out, which must be equal. Figures only;
// nothing fails on time. Needs target/release/lotse-relay (scripts/bench.sh builds it).
// Usage: node bench/soak.mjs [seconds]

import { randomBytes, randomUUID } from "node:crypto";
import { startRelay } from "../e2e/servers.mjs";

const SECONDS = Number(process.argv[2] ?? 120);
const ORGANISATIONS = 50;
const DEVICES = 10;
const PER_PUSH = 20;
/** A device's pause between rounds: a phone syncs every 30 s; this is thirty times that. */
const PAUSE_MS = 1_000;

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};

/** One request; `status` is "closed" when the relay closed the connection instead of
 * answering (as it does for a body over its limit that is still being sent). */
async function call(relay, method, path, token, body) {
  const started = performance.now();
  try {
    const response = await fetch(`${relay.url}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const answer = await response.text();
    return { status: response.status, answer, ms: performance.now() - started };
  } catch {
    return { status: "closed", answer: "", ms: performance.now() - started };
  }
}

async function organisation(relay, n) {
  const db = `soak-${n}`;
  const first = relay.createOrg(db);
  const tokens = [first];
  for (let d = 1; d < DEVICES; d++) {
    const made = await call(relay, "POST", `/db/${db}/_lotse/invitations`, first, {});
    const { secret } = JSON.parse(made.answer);
    const joined = await call(relay, "POST", `/db/${db}/_lotse/join`, null, { secret, device: `soak ${d}` });
    tokens.push(JSON.parse(joined.answer).token);
  }
  return { db, tokens };
}

const sealedDoc = (device) => ({
  _id: randomUUID(),
  stamp: `${Date.now()}-000000-${device}`,
  device,
  epoch: 1,
  sealed: randomBytes(450).toString("base64"),
});

/** One device: push a few changes, pull what is new, again and again until `until`. */
async function device(relay, db, token, name, until, figures) {
  let since = "0";
  while (performance.now() < until) {
    const docs = Array.from({ length: PER_PUSH }, () => sealedDoc(name));
    const pushed = await call(relay, "POST", `/db/${db}/_bulk_docs`, token, { docs });
    figures.small.push(pushed.ms);
    if (pushed.status === 201) {
      figures.in += JSON.parse(pushed.answer).filter((row) => row.ok).length;
    } else {
      figures.failed += 1;
    }
    const pulled = await call(relay, "GET", `/db/${db}/_changes?since=${since}&limit=500&include_docs=true`, token);
    if (pulled.status === 200) since = JSON.parse(pulled.answer).last_seq;
    else figures.failed += 1;
    const info = await call(relay, "GET", `/db/${db}/`, token);
    figures.small.push(info.ms);
    figures.requests += 3;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * (0.5 + Math.random())));
  }
}

/** Everything one device of `db` can pull, from the start. */
async function pullAll(relay, db, token) {
  let since = "0";
  let count = 0;
  for (;;) {
    const page = JSON.parse((await call(relay, "GET", `/db/${db}/_changes?since=${since}&limit=2000&include_docs=true`, token)).answer);
    if (page.results.length === 0) return count;
    count += page.results.length;
    since = page.last_seq;
  }
}

async function stranger(relay, until, figures) {
  while (performance.now() < until) {
    const body = { secret: randomBytes(32).toString("hex"), device: "guess" };
    const answer = await call(relay, "POST", "/_lotse/join", null, body);
    figures.guesses[answer.status] = (figures.guesses[answer.status] ?? 0) + 1;
  }
}

async function oversize(relay, db, token, until, figures) {
  const huge = JSON.stringify({ docs: [{ ...sealedDoc("big"), sealed: "A".repeat(5 * 1024 * 1024) }] });
  const sameMany = { docs: Array.from({ length: 2_000 }, () => ({ id: "x" })) };
  while (performance.now() < until) {
    for (const [method, path, body] of [
      ["POST", `/db/${db}/_bulk_docs`, huge],
      ["POST", `/db/${db}/_bulk_get`, sameMany],
      ["GET", `/db/${db}/_changes?limit=1000000&include_docs=true`, undefined],
    ]) {
      const answer = await call(relay, method, path, token, body);
      figures.oversize[answer.status] = (figures.oversize[answer.status] ?? 0) + 1;
    }
  }
}

const relay = await startRelay({ build: "release" });
try {
  const organisations = [];
  for (let n = 0; n < ORGANISATIONS; n++) organisations.push(await organisation(relay, n));
  const figures = { in: 0, failed: 0, requests: 0, small: [], guesses: {}, oversize: {} };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all([
    ...organisations.flatMap(({ db, tokens }) => tokens.map((token, d) => device(relay, db, token, `${db}-${d}`, until, figures))),
    stranger(relay, until, figures),
    oversize(relay, organisations[0].db, organisations[0].tokens[0], until, figures),
  ]);
  const seconds = (performance.now() - started) / 1000;
  // Out: what each organisation's last device pulls from the start, after the soak.
  let out = 0;
  for (const { db, tokens } of organisations) out += await pullAll(relay, db, tokens.at(-1));
  console.log(`\nRelay soak: ${ORGANISATIONS} organisations x ${DEVICES} devices (push ${PER_PUSH}, pull, info, then a pause of about ${PAUSE_MS / 1000} s) for ${seconds.toFixed(0)} s on loopback (release build, SQLite on disk), with one stranger guessing codes and one device sending oversize requests`);
  console.log("| figure | value |");
  console.log("|---|---:|");
  console.log(`| changes in (pushes acknowledged) | ${figures.in.toLocaleString("en")} |`);
  console.log(`| changes out (pulled back, all organisations) | ${out.toLocaleString("en")} |`);
  console.log(`| in = out | ${figures.in === out ? "yes" : "NO"} |`);
  console.log(`| changes pushed per second | ${Math.round(figures.in / seconds).toLocaleString("en")} |`);
  console.log(`| device requests per second | ${Math.round(figures.requests / seconds).toLocaleString("en")} |`);
  console.log(`| small requests (push of ${PER_PUSH}, database info) | ${figures.small.length.toLocaleString("en")} |`);
  console.log(`| small request latency, median | ${percentile(figures.small, 0.5).toFixed(1)} ms |`);
  console.log(`| small request latency, p99 | ${percentile(figures.small, 0.99).toFixed(1)} ms |`);
  console.log(`| failed device requests | ${figures.failed} |`);
  console.log(`| stranger's guesses by answer | ${Object.entries(figures.guesses).map(([s, n]) => `${s}: ${n}`).join(", ")} |`);
  console.log(`| oversize requests by answer | ${Object.entries(figures.oversize).map(([s, n]) => `${s}: ${n}`).join(", ")} |`);
} finally {
  await relay.close();
}
