#!/usr/bin/env python3
"""A burst of concurrent clients on a running CoopBot's /api/messages, from a separate process.

Usage: python3 tests/load/burst.py [URL] [CLIENTS]
  URL      default http://127.0.0.1:3978/api/messages
  CLIENTS  default 50

Each client asks the 30 gold questions in its own conversation (expectReplies), after one client
asked them all alone first. Prints throughput and latency percentiles. Standard library only.
The in-process load tests share one thread pool between client and server; this one does not.
"""
import json
import os
import sys
import threading
import time
import urllib.request

url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3978/api/messages"
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 50
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "CoopBot.Engine.Tests", "Data", "dev.jsonl"), encoding="utf-8") as f:
    questions = [json.loads(line)["question"] for line in f if line.strip()]


def ask(client, question):
    body = json.dumps({
        "type": "message", "id": str(client), "channelId": "directline", "serviceUrl": "http://localhost:9/",
        "deliveryMode": "expectReplies", "from": {"id": f"user-{client}"}, "recipient": {"id": "bot"},
        "conversation": {"id": f"burst-{client}"}, "text": question,
    }).encode("utf-8")
    start = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, body, {"Content-Type": "application/json"})) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


for q in questions:
    ask(-1, q)

latencies, lock = [], threading.Lock()


def run(client):
    for q in questions:
        ms = ask(client, q)
        with lock:
            latencies.append(ms)


start = time.perf_counter()
threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
latencies.sort()
print(f"{len(latencies)} questions from {clients} clients in {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s); "
      f"p50 {latencies[len(latencies) // 2]:.0f} ms, p99 {latencies[int(len(latencies) * 0.99)]:.0f} ms, max {latencies[-1]:.0f} ms")
