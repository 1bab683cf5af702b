"""Sync against the replication peer: the same edits through PouchDB and through ours, in one run.

Issue 19's comparison, repeatable. The peer: laptops A and B as PouchDB databases on
LevelDB (on disk) replicating through pouchdb-server (LevelDB too, its own process) over
loopback (``bench/peer/round.js``; versions pinned in ``bench/peer/package.json``). Ours:
``bench/sync_bench.py``'s laptops and county server (its own process), on each server
database. Both start from the same children (the rows of our laptop A's child table are
the peer's documents); each round makes the same single-field edits on every laptop A
(untimed; on the peer each edit is a revision of its document, as a form's save is),
then times A's push to the server through B's pull. Rounds go peer, ours on SQLite, ours
on PostgreSQL, then again, so that the machine's load falls on all alike.

    python bench/peer_bench.py [--repeat 3] [--edits 10000] [--children 1500]
                               [--servers sqlite,postgresql] [--laptop PATH] [--profile]
                               [--json]

Prints each round's figures as measured (seconds, push and pull apart, bytes on the wire
per changed field, the CPU seconds of the laptops' process and of the server's process),
then the medians and the ratios ours / peer per server database, with the load average at
the start and the end. ``--profile`` samples the peer's laptops in each round's timed
part (V8's profiler, which slows them) and prints where their time went. The peer's
packages are installed at run time (``npm install``) into
``$XDG_CACHE_HOME/childcare-bench/peer`` (``~/.cache/...``), once per version of
package.json, never into the checkout. Interrupted (Ctrl-C, SIGTERM), the bench stops
pouchdb-server, its laptops' process, the county servers and PostgreSQL, and deletes its
temporary folders. Figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from county import free_port, serving, stop
from sync_bench import SERVERS, database, laptop, laptops, listed, one_round
from workload import edits

from tests.sync.pg import interruptible

PEER = Path(__file__).resolve().parent / "peer"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--servers", default="sqlite,postgresql", help="our server databases")
    parser.add_argument(
        "--laptop", type=Path, help="our laptop A's store: built if missing, else reused"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the peer's laptops (V8's profiler) in their timed part; slows them",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    servers = listed(args.servers, SERVERS, "--servers")
    modules = install()
    say = (lambda *_: None) if args.json else print
    load = [os.getloadavg()[0]]
    rounds: dict[str, list[dict[str, Any]]] = {"peer": [], **{s: [] for s in servers}}
    # Interrupted (Ctrl-C, SIGTERM): every process stops, the folders go.
    with interruptible(), tempfile.TemporaryDirectory(prefix="peer-bench-") as tmp:
        folder = Path(tmp)
        template = laptop(args.laptop or folder / "template.db", args.children)
        with ExitStack() as stack:
            stack.callback(template.close)
            children = folder / "children.json"
            ids = _children(template, children)
            peer_server = stack.enter_context(pouchdb_server(modules, folder / "peer-server"))
            peer = stack.enter_context(
                peer_laptops(
                    modules, peer_server.url, children, folder / "peer-laptops", args.profile
                )
            )
            ours = {}
            for server in servers:
                here = folder / server
                here.mkdir()
                db = stack.enter_context(database(server, here))
                ours[server] = stack.enter_context(laptops(db, False, template, here))
            rngs = {name: random.Random(5) for name in rounds}  # the same edits for all
            say(f"load average {load[0]:.2f} at the start; {args.edits} edits a round")
            for n in range(1, args.repeat + 1):
                edited = folder / "edits.json"
                edited.write_text(json.dumps(list(edits(ids, args.edits, rngs["peer"]))))
                found = _timed(peer_server.pid, partial(peer.round, edited))
                rounds["peer"].append(found)
                say(_line(n, "peer (PouchDB, LevelDB)", found))
                if found.get("profile"):
                    top = list(found["profile"].items())[:10]
                    say(
                        "    peer's laptops, sampled: "
                        + ", ".join(f"{k} {v:.2f} s" for k, v in top)
                    )
                for server, (county, a, b, our_ids) in ours.items():
                    assert our_ids == ids
                    ours_round = partial(one_round, a, b, ids, args.edits, rngs[server])
                    found = _timed(county.pid, ours_round)
                    rounds[server].append(found)
                    say(_line(n, f"ours ({server})", found))
        load.append(os.getloadavg()[0])
    summary = _summary(rounds, load, args)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print(summary)


def _timed(pid: int, run: Any) -> dict[str, Any]:
    """``run()``'s figures, with the CPU seconds the server process ``pid`` spent in it."""
    before = _cpu(pid)
    found: dict[str, Any] = run()
    found["server_cpu_seconds"] = _cpu(pid) - before
    return found


def _cpu(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _line(n: int, who: str, f: dict[str, Any]) -> str:
    laptops_cpu = f.get("cpu_seconds")
    cpu = f"laptops' CPU {laptops_cpu:.2f} s, " if laptops_cpu is not None else ""
    return (
        f"  round {n} {who:24} {f['seconds']:.2f} s (push {f['push_seconds']:.2f} s, pull"
        f" {f['pull_seconds']:.2f} s); bytes per field push {f['push_bytes_per_field']:.1f},"
        f" pull {f['pull_bytes_per_field']:.1f}; {cpu}server CPU {f['server_cpu_seconds']:.2f} s"
    )


def _summary(
    rounds: dict[str, list[dict[str, Any]]], load: list[float], args: argparse.Namespace
) -> dict[str, Any]:
    keys = [k for k in rounds["peer"][0] if isinstance(rounds["peer"][0][k], float)]
    medians = {
        who: {k: statistics.median(r[k] for r in found) for k in keys if k in found[0]}
        for who, found in rounds.items()
    }
    return {
        "edits": args.edits,
        "children": args.children,
        "repeat": args.repeat,
        "load": [round(x, 2) for x in load],
        "rounds": rounds,
        "medians": medians,
        "ratios": {
            who: medians[who]["seconds"] / medians["peer"]["seconds"]
            for who in rounds
            if who != "peer"
        },
    }


def _print(summary: dict[str, Any]) -> None:
    start, end = summary["load"]
    medians = summary["medians"]
    print(
        f"medians of {summary['repeat']} rounds, {summary['edits']} edits A -> server -> B"
        f" (load average {start:.2f} at the start, {end:.2f} at the end):"
    )
    for who, m in medians.items():
        name = "peer (PouchDB, LevelDB)" if who == "peer" else f"ours ({who})"
        print(
            f"  {name:24} {m['seconds']:.2f} s (push {m['push_seconds']:.2f}, pull"
            f" {m['pull_seconds']:.2f}); {m['push_bytes_per_field']:.1f} +"
            f" {m['pull_bytes_per_field']:.1f} B per field"
        )
    for who, ratio in summary["ratios"].items():
        print(f"  ours ({who}) / peer: {ratio:.2f} (target < 1.0)")


def _children(template: Any, path: Path) -> list[str]:
    """Our laptop A's children, written to ``path`` as the peer's documents; their ids."""
    with template.connection() as conn:
        result = conn.exec_driver_sql("SELECT * FROM child ORDER BY id")
        names = list(result.keys())
        rows = [dict(zip(names, row, strict=True)) for row in result]
    path.write_text(json.dumps(rows, ensure_ascii=False, default=str))
    return [row["id"] for row in rows]


def cache() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "childcare-bench" / "peer"


def install() -> Path:
    """The peer's ``node_modules`` folder: installed by npm (its configured registry) into
    the cache folder, again only when package.json changed or an install did not finish."""
    if not (shutil.which("node") and shutil.which("npm")):
        raise SystemExit("the peer needs node and npm on the PATH")
    folder = cache()
    wanted = (PEER / "package.json").read_text()
    done = folder / "installed.json"  # written once an install finished
    if done.exists() and done.read_text() == wanted:
        return folder / "node_modules"
    folder.mkdir(parents=True, exist_ok=True)
    done.unlink(missing_ok=True)
    (folder / "package.json").write_text(wanted)
    print(f"installing the peer into {folder} (npm install; minutes)", file=sys.stderr)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--omit=dev"], cwd=folder, check=True
    )
    done.write_text(wanted)
    return folder / "node_modules"


class _Server:
    def __init__(self, url: str, pid: int) -> None:
        self.url = url
        self.pid = pid


@contextmanager
def pouchdb_server(modules: Path, folder: Path) -> Iterator[_Server]:
    """pouchdb-server on LevelDB in ``folder``, its own process on a free loopback port."""
    (folder / "data").mkdir(parents=True)
    port = free_port()
    command = [
        "node",
        str(modules / "pouchdb-server" / "bin" / "pouchdb-server"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--dir",
        str(folder / "data"),
        "--config",
        str(folder / "config.json"),
        "--no-stdout-logs",
    ]
    url = f"http://127.0.0.1:{port}"
    with serving(command, url, cwd=folder) as pid:
        yield _Server(url, pid)


class _PeerLaptops:
    """``round.js``: the peer's laptops A and B, one node process, a round per request."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def _answer(self) -> dict[str, Any]:
        out: IO[str] | None = self.process.stdout
        assert out is not None
        line = out.readline()
        if not line:
            raise RuntimeError(f"round.js ended (exit {self.process.wait()})")
        found: dict[str, Any] = json.loads(line)
        return found

    def round(self, edits_file: Path) -> dict[str, Any]:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"{edits_file}\n")
        stdin.flush()
        return self._answer()


@contextmanager
def peer_laptops(
    modules: Path, server: str, children: Path, folder: Path, profile: bool = False
) -> Iterator[_PeerLaptops]:
    """``round.js`` with its laptops in ``folder``, once they hold ``children`` (synced)."""
    folder.mkdir()
    process = subprocess.Popen(
        ["node", str(PEER / "round.js"), server, str(children), str(folder)],
        env={**os.environ, "NODE_PATH": str(modules), "PEER_PROFILE": "1" if profile else ""},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        peer = _PeerLaptops(process)
        peer._answer()  # {"ready": ...}
        yield peer
    finally:
        if process.stdin is not None:
            process.stdin.close()
        stop(process)


if __name__ == "__main__":
    main()
