#!/usr/bin/env python3
"""Benchmarks running handlers, on the hello-api example built with `--release`.

Prints three figures:

- requests per second and latency percentiles through `serve` on 127.0.0.1, under a bounded
  load from a second process: `wrk` when it is installed (Debian: `apt-get install wrk`),
  else the small keep-alive client below (`--client python` forces it);
- the cold start of the app binary: from starting it, with the environment Lambda gives a
  `bootstrap`, to its first response through the app's local Runtime API (`runtime-api`);
- the size of the binary, as built and stripped.

Usage: scripts/bench_handlers.py [--duration 10] [--connections 16] [--requests 200000]
       [--cold-starts 20] [--client wrk|python]

Everything listens on 127.0.0.1 only, every load is bounded in time and count, and every
process started here is stopped before the script exits.
"""

import argparse
import http.client
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENT = ROOT / "tests" / "events" / "apigw-hello.json"
PATH = "/hello?name=bench"
START_TIMEOUT_S = 30


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "hello-api"], cwd=ROOT, check=True
    )
    return target_dir() / "release" / "hello-api"


def local_env():
    env = dict(os.environ)
    for name in ("_HANDLER", "AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_LOG_FORMAT", "RUST_LOG"):
        env.pop(name, None)
    return env


class Server:
    """A child process whose stderr is read in the background; killed on exit."""

    def __init__(self, args, env):
        self.process = subprocess.Popen(
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line)

    def address(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            found = re.search(r"127\.0\.0\.1:(\d+)", line)
            if found:
                return "127.0.0.1", int(found.group(1))
        raise SystemExit("error: the server printed no address within %d s" % START_TIMEOUT_S)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


def load_wrk(host, port, duration, connections):
    result = subprocess.run(
        [
            "wrk",
            "-t1",
            "-c%d" % connections,
            "-d%ds" % duration,
            "--timeout",
            "5s",
            "--latency",
            "http://%s:%d%s" % (host, port, PATH),
        ],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    out = result.stdout

    def latency(label):
        found = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), out, re.M)
        if not found:
            return float("nan")
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        return float(found.group(1)) * scale

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "client": "wrk, 1 thread, %d connections, %d s" % (connections, duration),
        "requests": total,
        "errors": int(errors.group(1)) if errors else 0,
        "rps": rps,
        "p50_ms": latency("50%"),
        "p99_ms": latency("99%"),
    }


def load_python(host, port, duration, connections, max_requests):
    """Keep-alive clients on threads, until `duration` or `max_requests`, whichever first."""
    latencies = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    budget = [max_requests]

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=5)
        mine = []
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", PATH)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=5)
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 30)
    elapsed = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]

    return {
        "client": "python keep-alive client, %d connections, at most %d s and %d requests"
        % (connections, duration, max_requests),
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / elapsed if elapsed else float("nan"),
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
    }


def cold_start(binary, runs):
    """Milliseconds from starting the bootstrap to its first response through `runtime-api`."""
    times = []
    for _ in range(runs):
        api = Server(
            [
                str(binary),
                "runtime-api",
                "--port",
                "0",
                "--handler",
                "greet",
                "--event",
                str(EVENT),
                "--timeout",
                "30",
            ],
            local_env(),
        )
        bootstrap = None
        try:
            host, port = api.address()
            env = local_env()
            env.update(
                {
                    "AWS_LAMBDA_RUNTIME_API": "%s:%d" % (host, port),
                    "_HANDLER": "greet",
                    "AWS_LAMBDA_FUNCTION_NAME": "HelloStack-greet",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
                    "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
                }
            )
            started = time.perf_counter()
            bootstrap = subprocess.Popen(
                [str(binary)],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            line = api.process.stdout.readline()
            elapsed = (time.perf_counter() - started) * 1000
            if '"statusCode":200' not in line:
                raise SystemExit("error: unexpected answer from the bootstrap: %r" % line)
            times.append(elapsed)
            api.process.wait(timeout=30)
        finally:
            if bootstrap is not None:
                bootstrap.kill()
                bootstrap.wait(timeout=10)
            api.stop()
    return times


def sizes(binary):
    built = binary.stat().st_size
    stripped = None
    if shutil.which("strip"):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "bootstrap"
            shutil.copy(binary, copy)
            subprocess.run(["strip", str(copy)], check=True)
            stripped = copy.stat().st_size
    return built, stripped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument(
        "--requests", type=int, default=200000, help="request cap of the python client"
    )
    parser.add_argument("--cold-starts", type=int, default=20, help="cold starts to time")
    parser.add_argument("--client", choices=["wrk", "python"], help="load client")
    args = parser.parse_args()
    if args.duration > 120 or args.requests > 10_000_000 or args.cold_starts > 200:
        raise SystemExit("error: keep the load bounded: at most 120 s, 10,000,000 requests, 200 cold starts")

    binary = build()
    client = args.client or ("wrk" if shutil.which("wrk") else "python")

    server = Server([str(binary), "serve", "--port", "0"], dict(local_env(), RUST_LOG="warn"))
    try:
        host, port = server.address()
        # Warm up: connections, allocator, page cache.
        load_python(host, port, 1, 2, 2000)
        if client == "wrk":
            load = load_wrk(host, port, args.duration, args.connections)
        else:
            load = load_python(host, port, args.duration, args.connections, args.requests)
    finally:
        server.stop()

    starts = cold_start(binary, args.cold_starts)
    built, stripped = sizes(binary)

    print("hello-api, release build, %d cores" % os.cpu_count())
    print("serve, GET %s (%s)" % (PATH, load["client"]))
    print("  requests:          %d (%d errors)" % (load["requests"], load["errors"]))
    print("  requests/s:        %.0f" % load["rps"])
    print("  latency p50:       %.2f ms" % load["p50_ms"])
    print("  latency p99:       %.2f ms" % load["p99_ms"])
    print("cold start to first response through runtime-api (%d runs)" % len(starts))
    print("  median:            %.1f ms" % statistics.median(starts))
    print("  max:               %.1f ms" % max(starts))
    print("binary size")
    print("  as built:          %.2f MB" % (built / 1e6))
    if stripped is not None:
        print("  stripped:          %.2f MB" % (stripped / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
