"""Benchmark: throughput of the public verification page with Odoo in multi-worker mode.

Run with `make bench`. Starts Odoo with --workers (prefork, as in production) on a free
loopback port against the benchmark database, then drives it with a load generator on the
same machine: C client threads with keep-alive connections, each bounded in time and in
request count. Measures GET /eoffice/verify/<token> (random tokens of signed letters, the
page a citizen opens by scanning the QR code; every tenth token is unknown) against Odoo's
own /web/health on the same server in the same run, the floor of any request Odoo serves.
"""
import http.client
import random
import statistics
import threading
import time

from benchlib import environment, free_port, option, start_odoo, stop_odoo

WORKERS = option("--workers", 2)
CLIENTS = option("--clients", 4)
SECONDS = option("--seconds", 10.0)
MAX_REQUESTS = option("--max-requests", 20000)






def load(port, paths):
    """Run CLIENTS threads against the paths until SECONDS or MAX_REQUESTS; return req/s, p50, p95."""
    latencies, errors = [], []
    lock = threading.Lock()
    budget = [MAX_REQUESTS]
    stop = time.monotonic() + SECONDS

    def client(seed):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = rnd.choice(paths)
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status not in (200, 404):
                    errors.append(response.status)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(repr(exc))
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    begin = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begin
    latencies.sort()
    return (len(latencies) / elapsed, statistics.median(latencies) * 1000,
            latencies[int(len(latencies) * 0.95)] * 1000, len(latencies), errors)


def main():
    with environment() as env:
        env.cr.execute("SELECT verification_token FROM eoffice_letter WHERE verification_token IS NOT NULL "
                       "ORDER BY random() LIMIT 5000")
        tokens = [r[0] for r in env.cr.fetchall()]
        total = env["eoffice.letter"].search_count([])
    paths = [f"/eoffice/verify/{t}" if i % 10 else f"/eoffice/verify/unknown{t[:20]}" for i, t in enumerate(tokens)]
    port = free_port()
    server = start_odoo(port, workers=WORKERS)
    try:
        load(port, paths[:50] + ["/web/health"])  # warm-up: workers load the registry
        health = load(port, ["/web/health"])
        verify = load(port, paths)
    finally:
        stop_odoo(server)
    print(f"public verification under load: {WORKERS} Odoo workers, {CLIENTS} clients on loopback, "
          f"{SECONDS:.0f} s or {MAX_REQUESTS} requests each; {total:,} letters")
    for label, (rate, p50, p95, count, errors) in (("baseline: /web/health", health),
                                                    ("/eoffice/verify/<token>", verify)):
        ratio = f"  {rate / health[0]:5.2f} x baseline" if label[0] == "/" else ""
        print(f"  {label:<28} {rate:8.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
              f"({count} requests, {len(errors)} errors){ratio}", flush=True)
        if errors:
            print(f"    first errors: {errors[:5]}")


if __name__ == "__main__":
    main()
