#!/usr/bin/env python3
"""Harness (c) of launchers/bench_harness_accuracy.sh: measures the way the seed's bench_batch.py does
(seed spec 5.2) and writes only its own stamps, one JSON line per request; the analysis is in Java
(llmbench.accuracy).

How it measures, as the seed does: k requests fired at once from a thread pool of k workers; each worker
takes its start stamp with time.perf_counter(), then creates its own httpx.Client (so client creation,
connection set-up and the request transfer are inside its TTFT), streams the chat completion and stamps
the first non-empty content line of iter_lines(). perf_counter stamps become epoch microseconds through
one (time.time_ns, perf_counter_ns) anchor pair taken at start (the narrowest of 200 readings), so they can
be set against the server's.

With --seed-script PATH the seed's own bench_batch.py runs instead (--runs 1 --batch-sizes k), unchanged:
httpx.Client.__init__ and httpx.Response.iter_lines are wrapped to stamp the moments the script itself
stamps (its start is taken just before it creates its client; its TTFT at the line iter_lines yields).

Usage: seed_style_harness.py URL STREAMS MAX_TOKENS NEWS_DIR OUT.jsonl [WARMUPS] [--seed-script PATH]
"""
import concurrent.futures
import json
import os
import runpy
import sys
import tempfile
import threading
import time

import httpx



def _anchor(tries=200):
    """One (time_ns, perf_counter_ns) pair: of several readings of the system clock, the one with the narrowest
    perf_counter window around it, paired with that window's middle (as llmbench.clock.EpochClock does)."""
    best = None
    for _ in range(tries):
        before = time.perf_counter_ns()
        wall = time.time_ns()
        after = time.perf_counter_ns()
        if best is None or after - before < best[0]:
            best = (after - before, wall, (before + after) // 2)
    return best[1], best[2]


_ANCHOR_WALL_NS, _ANCHOR_PC_NS = _anchor()


def epoch_us(pc_seconds):
    """perf_counter() seconds -> epoch microseconds, through the anchor pair taken at start."""
    return (_ANCHOR_WALL_NS + round(pc_seconds * 1e9) - _ANCHOR_PC_NS) // 1000


class Stamps:
    """Per-request stamps, read from the SSE lines as they are yielded."""

    def __init__(self, start, warmup):
        self.start = start
        self.warmup = warmup
        self.first = None
        self.last = None
        self.end = None
        self.response_id = None
        self.error = None

    def line(self, line, now):
        if not line.startswith("data: "):
            return
        payload = line[6:].strip()
        if payload == "[DONE]":
            self.end = now
            return
        chunk = json.loads(payload)
        if self.response_id is None and chunk.get("id"):
            self.response_id = chunk["id"]
        choices = chunk.get("choices") or []
        content = (choices[0].get("delta") or {}).get("content") if choices else None
        if content:
            if self.first is None:
                self.first = now
            self.last = now

    def record(self):
        def us(t):
            return None if t is None else epoch_us(t)
        return {"response_id": self.response_id, "warmup": self.warmup, "send_epoch_us": us(self.start),
                "first_token_epoch_us": us(self.first), "last_content_epoch_us": us(self.last),
                "end_epoch_us": us(self.end), "error": self.error}


def one_request(url, body, warmup):
    stamps = Stamps(time.perf_counter(), warmup)
    try:
        client = httpx.Client(timeout=600.0)
        with client:
            with client.stream("POST", url + "/v1/chat/completions", json=body) as response:
                if response.status_code != 200:
                    stamps.error = "HTTP %d" % response.status_code
                for line in response.iter_lines():
                    if line:
                        stamps.line(line, time.perf_counter())
    except (httpx.HTTPError, ValueError) as e:
        stamps.error = "%s: %s" % (type(e).__name__, e)
    return stamps.record()


def prompts(news_dir):
    names = sorted(n for n in os.listdir(news_dir) if n.endswith(".txt"))
    if not names:
        sys.exit("gatling-llm-bench: error: no .txt passages in %s" % news_dir)
    texts = []
    for n in names:
        with open(os.path.join(news_dir, n), encoding="utf-8") as f:
            texts.append(f.read().strip())
    return texts


def body(prompt, max_tokens):
    return {"messages": [{"role": "user", "content": prompt}], "max_tokens": max_tokens, "temperature": 0.7,
            "stream": True, "stream_options": {"include_usage": True}}


def seed_harness(url, k, max_tokens, news_dir, warmups):
    passages = prompts(news_dir)
    records = [one_request(url, body(passages[k % len(passages)], 16), True) for _ in range(warmups)]
    time.sleep(2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=k) as pool:
        futures = [pool.submit(one_request, url, body(passages[i % len(passages)], max_tokens), False)
                   for i in range(k)]
        records += [f.result() for f in futures]
    return records


def seed_script(script, url, k, max_tokens):
    """Runs the seed's own bench_batch.py with httpx wrapped to record the stamps it takes itself."""
    records = []
    lock = threading.Lock()
    local = threading.local()
    client_init = httpx.Client.__init__
    iter_lines = httpx.Response.iter_lines

    def stamped_init(self, *args, **kwargs):
        local.start = time.perf_counter()
        client_init(self, *args, **kwargs)

    def stamped_iter_lines(self, *args, **kwargs):
        stamps = Stamps(getattr(local, "start", None) or time.perf_counter(), False)
        try:
            for line in iter_lines(self, *args, **kwargs):
                if line:
                    stamps.line(line, time.perf_counter())
                yield line
        finally:
            with lock:
                records.append(stamps.record())

    httpx.Client.__init__ = stamped_init
    httpx.Response.iter_lines = stamped_iter_lines
    argv = sys.argv
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        sys.argv = [script, "--server-url", url, "--max-tokens", str(max_tokens), "--runs", "1",
                    "--batch-sizes", str(k)]
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit as e:
            if e.code not in (None, 0):
                raise
        finally:
            sys.argv = argv
            os.chdir(cwd)
    return records


def main(args):
    seed = None
    if "--seed-script" in args:
        i = args.index("--seed-script")
        seed = args[i + 1]
        args = args[:i] + args[i + 2:]
    if len(args) not in (5, 6):
        sys.exit("usage: seed_style_harness.py URL STREAMS MAX_TOKENS NEWS_DIR OUT.jsonl [WARMUPS] "
                 "[--seed-script PATH]")
    url, k, max_tokens, news_dir, out = args[0].rstrip("/"), int(args[1]), int(args[2]), args[3], args[4]
    warmups = int(args[5]) if len(args) == 6 else 1
    if seed:
        records = seed_script(seed, url, k, max_tokens)
    else:
        records = seed_harness(url, k, max_tokens, news_dir, warmups)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main(sys.argv[1:])
