"""Benchmark: the public online services under multi-worker load, as ratios to /web/health.

Run with `make bench` (or alone: `python bench/bench_public_service_load.py --database DB --config CONF`).
Starts Odoo with --workers on a free loopback port (as bench_verify_load.py) and drives it with C
client threads with keep-alive connections: GET /web/health (the floor of any request Odoo serves),
POST /layanan/<code> (a citizen's request as a JSON client: validation, the rate limit, the incoming
letter registered with its agenda number, the request), GET /layanan/lacak/<code> (tracking codes of
requests filed for the run) and GET /transparansi (every approved DPA and the realisation ledger).
Everything the run files is deleted at the end and the form's rate limit is restored.
"""
import http.client
import re
import secrets
import statistics
import threading
import time
from urllib.parse import urlencode

from benchlib import free_port, option, start_odoo, stop_odoo

import odoo
from odoo.modules.registry import Registry

WORKERS = option("--workers", 2)
CLIENTS = option("--clients", 4)
SECONDS = option("--seconds", 10.0)
MAX_REQUESTS = option("--max-requests", 20000)
MAX_POSTS = option("--max-posts", 400)
SERVICE = option("--service", "informasi-publik")
NIKS = ("3374015708900001", "3374011708900002", "3201024512850003")




def load(port, make_request, budget_count):
    """Run CLIENTS threads issuing make_request(conn, rnd, state) until SECONDS or budget_count;
    return req/s, p50, p95, count, errors."""
    latencies, errors = [], []
    lock = threading.Lock()
    budget = [budget_count]
    stop = time.monotonic() + SECONDS

    def client(seed):
        import random

        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        state, mine = {}, []
        while time.monotonic() < stop:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            start = time.perf_counter()
            try:
                status = make_request(conn, rnd, state)
                if status not in (200, 201, 404):
                    errors.append(status)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(repr(exc))
                conn, state = http.client.HTTPConnection("127.0.0.1", port, timeout=60), {}
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
    if not latencies:
        return 0.0, 0.0, 0.0, 0, errors
    return (len(latencies) / elapsed, statistics.median(latencies) * 1000,
            latencies[int(len(latencies) * 0.95)] * 1000, len(latencies), errors)


def getter(paths):
    def make_request(conn, rnd, state):
        conn.request("GET", rnd.choice(paths))
        response = conn.getresponse()
        response.read()
        return response.status
    return make_request


def poster(conn, rnd, state):
    """A citizen's request as a JSON client: the form once per connection (session and CSRF token)."""
    if "token" not in state:
        state["proxy"] = {"X-Forwarded-Host": "127.0.0.1", "X-Forwarded-Proto": "http",
                          "X-Forwarded-For": f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"}
        conn.request("GET", f"/layanan/{SERVICE}", headers=state["proxy"])
        response = conn.getresponse()
        body = response.read().decode()
        cookie = re.search(r"session_id=([^;]+)", response.getheader("Set-Cookie") or "")
        state["cookie"] = f"session_id={cookie.group(1)}" if cookie else ""
        state["token"] = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    body = urlencode({"csrf_token": state["token"], "nama": "Warga Uji Beban", "nik": rnd.choice(NIKS),
                      "telepon": "081234567890", "hal": "Permohonan uji beban",
                      "isi": "Permohonan data untuk uji beban layanan daring."})
    conn.request("POST", f"/layanan/{SERVICE}", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
        "Cookie": state["cookie"], **state["proxy"]})
    response = conn.getresponse()
    response.read()
    return response.status


def main():
    odoo.tools.config.parse_config(["-c", option("--config", "")])
    registry = Registry(option("--database", ""))
    started = time.time()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        params = env["ir.config_parameter"]
        old_limit = params.get_param("eoffice_public_service.rate_limit", "5")
        params.set_param("eoffice_public_service.rate_limit", "1000000")
        service = env["eoffice.public.service"].search([("code", "=", SERVICE)])
        cr.execute("SELECT max(id) FROM eoffice_public_request")
        first_id = (cr.fetchone()[0] or 0) + 1
        codes = []
        for i in range(50):
            request, code = env["eoffice.public.request"]._submit_public(service, {
                "name": f"Warga Lacak {i}", "nik": NIKS[i % 3], "email": "", "phone": "081234567890",
                "subject": f"Permohonan lacak {i}", "message": "Permohonan untuk uji beban halaman lacak."}, [])
            codes.append(code)
        cr.commit()
        total_requests = env["eoffice.public.request"].search_count([])
        dpa_count = env["eoffice.budget.plan"].search_count([("kind", "=", "dpa"), ("state", "=", "approved")])
        ledger = env["eoffice.budget.realization"].search_count([])
    track_paths = [f"/layanan/lacak/{code}" if i % 10 else f"/layanan/lacak/{secrets.token_urlsafe(24)}"
                   for i, code in enumerate(codes * 4)]
    port = free_port()
    # behind a (simulated) proxy: each citizen's address is the X-Forwarded-For its client sends, so
    # that the per-address rate limit and its lock act per citizen, as in production
    server = start_odoo(port, workers=WORKERS, extra=["--proxy-mode"])
    try:
        load(port, getter(["/web/health", "/transparansi", track_paths[1]]), 50)  # warm-up
        results = [
            ("baseline: /web/health", load(port, getter(["/web/health"]), MAX_REQUESTS)),
            ("POST /layanan/<code>", load(port, poster, MAX_POSTS)),
            ("GET /layanan/lacak/<code>", load(port, getter(track_paths), MAX_REQUESTS)),
            ("GET /transparansi", load(port, getter(["/transparansi"]), MAX_REQUESTS)),
        ]
    finally:
        stop_odoo(server)
        with registry.cursor() as cr:
            # what the run filed: the requests, their letters and their files, and the rate limit
            cr.execute("SELECT letter_id FROM eoffice_public_request WHERE id >= %s", [first_id])
            letter_ids = tuple(r[0] for r in cr.fetchall()) or (0,)
            cr.execute("DELETE FROM eoffice_public_request WHERE id >= %s", [first_id])
            for table, column in (("mail_message", "model"), ("mail_followers", "res_model"),
                                  ("mail_activity", "res_model"), ("ir_attachment", "res_model")):
                cr.execute(f"DELETE FROM {table} WHERE {column} = 'eoffice.letter' AND res_id IN %s",  # noqa: S608
                           [letter_ids])
            cr.execute("DELETE FROM eoffice_letter WHERE id IN %s", [letter_ids])
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.config_parameter"].set_param("eoffice_public_service.rate_limit", old_limit)
            cr.commit()
    print(f"public online services under load: {WORKERS} Odoo workers, {CLIENTS} clients on loopback, "
          f"{SECONDS:.0f} s each (POST at most {MAX_POSTS}); {total_requests:,} requests, {dpa_count} approved DPA, "
          f"{ledger:,} postings; {time.time() - started:.0f} s in all")
    health = results[0][1][0]
    for label, (rate, p50, p95, count, errors) in results:
        ratio = f"  {rate / health:5.2f} x baseline" if not label.startswith("baseline") and health else ""
        print(f"  {label:<28} {rate:8.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
              f"({count} requests, {len(errors)} errors){ratio}", flush=True)
        if errors:
            print(f"    first errors: {errors[:5]}")


if __name__ == "__main__":
    main()
