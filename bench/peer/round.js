'use strict';
// The replication peer's side of bench/peer_bench.py: laptops A and B of one village as
// local PouchDB databases (LevelDB, on disk, in FOLDER) replicating through pouchdb-server
// at SERVER over loopback, the same workload as bench/sync_bench.py.
//
//     node round.js SERVER CHILDREN_JSON FOLDER
//
// Loads the children (the rows of our laptop A's child table) into A, pushes them to the
// server and pulls them into B (untimed), then prints {"ready": ...}. Each line read
// from stdin names a JSON file of edits [[child id, field, value], ...]: they are made on
// A one by one, each a revision of its document as a form's save is (untimed), then A's
// push to the server and B's pull from it are timed; one JSON line of figures is printed.
// Bytes on the wire are the sockets' own counts (headers and bodies, both ways), as
// sync_bench counts ours. Ends at the end of stdin.
//
// pouchdb and its LevelDB come from the cache folder the bench installs them in (NODE_PATH).

const fs = require('fs');
const http = require('http');
const inspector = require('inspector');
const path = require('path');
const readline = require('readline');
const { performance } = require('perf_hooks');
const PouchDB = require('pouchdb');

const [server, childrenFile, folder] = process.argv.slice(2);

// Every socket the laptops open, to count what went over the wire.
const sockets = [];
const agent = new http.Agent({ keepAlive: true });
const connect = agent.createConnection.bind(agent);
agent.createConnection = (options, callback) => {
  const socket = connect(options, callback);
  sockets.push(socket);
  return socket;
};
let requests = 0;

function wire() {
  let bytes = 0;
  for (const socket of sockets) bytes += socket.bytesWritten + socket.bytesRead;
  return bytes;
}

function remote() {
  return new PouchDB(`${server}/village`, {
    fetch: (url, opts) => {
      requests += 1;
      return PouchDB.fetch(url, { ...opts, agent });
    },
  });
}

const a = new PouchDB(path.join(folder, 'a'));
const b = new PouchDB(path.join(folder, 'b'));
const serverForA = remote();
const serverForB = remote();

async function setUp() {
  const rows = JSON.parse(fs.readFileSync(childrenFile, 'utf8'));
  const docs = rows.map(({ id, ...fields }) => ({ _id: id, ...fields }));
  const saved = await a.bulkDocs(docs);
  if (saved.some((r) => r.error)) throw new Error('a child was not saved on A');
  await a.replicate.to(serverForA);
  await b.replicate.from(serverForB);
  const info = await b.info();
  if (info.doc_count !== docs.length) throw new Error(`B holds ${info.doc_count} children`);
  return { children: docs.length, adapter: info.adapter };
}

async function edit(edits) {
  const byChild = new Map();
  for (const [id, field, value] of edits) {
    if (!byChild.has(id)) byChild.set(id, []);
    byChild.get(id).push([field, value]);
  }
  // A child's edits in order, one revision each; the children side by side.
  await Promise.all(
    [...byChild].map(async ([id, changes]) => {
      const doc = await a.get(id);
      for (const [field, value] of changes) {
        doc[field] = value;
        doc._rev = (await a.put(doc)).rev;
      }
    }),
  );
  return byChild;
}

// PEER_PROFILE=1: each round's timed part under V8's sampling profiler, its samples'
// time summed by where the code comes from (a package, node's own modules, idle).
const profiling = process.env.PEER_PROFILE === '1';
const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

function where(frame) {
  const found = frame.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (found) return found[1];
  if (frame.url.startsWith('node:')) return frame.url.split('/')[0];
  if (frame.url) return path.basename(frame.url);
  const name = frame.functionName || '(anonymous)';
  return name.startsWith('(') ? name : `(native) ${name}`;
}

function summary(profile) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, where(node.callFrame)]));
  const spent = {};
  profile.samples.forEach((id, i) => {
    const key = byNode.get(id);
    spent[key] = (spent[key] || 0) + profile.timeDeltas[i] / 1e6;
  });
  return Object.fromEntries(Object.entries(spent).sort((x, y) => y[1] - x[1]));
}

async function round(editsFile) {
  const edits = JSON.parse(fs.readFileSync(editsFile, 'utf8'));
  const byChild = await edit(edits);
  if (profiling) await post('Profiler.enable').then(() => post('Profiler.start'));
  const bytes0 = wire();
  const requests0 = requests;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const push = await a.replicate.to(serverForA);
  const t1 = performance.now();
  const bytes1 = wire();
  const pull = await b.replicate.from(serverForB);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const bytes2 = wire();
  const profile = profiling ? summary((await post('Profiler.stop')).profile) : undefined;
  // B holds every edit's value (untimed).
  const got = await b.allDocs({ keys: [...byChild.keys()], include_docs: true });
  for (const row of got.rows) {
    for (const [field, value] of new Map(byChild.get(row.key))) {
      if (row.doc[field] !== value) {
        throw new Error(`B's ${row.key}.${field} is ${row.doc[field]}, not ${value}`);
      }
    }
  }
  if (push.docs_written !== byChild.size || pull.docs_written !== byChild.size) {
    throw new Error(`written: push ${push.docs_written}, pull ${pull.docs_written}`);
  }
  return {
    seconds: (t2 - t0) / 1000,
    push_seconds: (t1 - t0) / 1000,
    pull_seconds: (t2 - t1) / 1000,
    push_bytes_per_field: (bytes1 - bytes0) / edits.length,
    pull_bytes_per_field: (bytes2 - bytes1) / edits.length,
    requests: requests - requests0,
    docs: byChild.size,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    profile,
  };
}

async function main() {
  const ready = await setUp();
  process.stdout.write(`${JSON.stringify({ ready })}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim()) process.stdout.write(`${JSON.stringify(await round(line.trim()))}\n`);
  }
  await Promise.all([a.close(), b.close()]);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
