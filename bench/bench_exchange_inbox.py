"""Benchmark: envelopes received per second at the exchange inbox, against /web/health.

Run with `make bench` (or `python3 tools/devctl.py bench --only exchange_inbox`). The benchmark
database is copied to a throwaway database (`CREATE DATABASE … TEMPLATE`, dropped at the end, as
bench_monday.py does), a peer is added to it with a certificate authority made here and trusted,
and N envelopes from that peer to one of the Pemda's published seats are signed in advance (a
letter PDF of --pdf-kb kilobytes each, every envelope id different). Odoo then starts in prefork
mode and C clients POST them to /eoffice/exchange/inbox, each envelope once, as long as there are
envelopes and time left: each is verified (certificate chain, signature, hash of the PDF, time
window, replay), registered as an incoming letter with an agenda number in the seat's SKPD, the
seat is notified and a signed receipt is answered. The baseline is /web/health on the same server
with the same clients in the same run.
"""
import http.client
import os
import statistics
import threading
import time
import uuid

from bench_monday import copy_database, drop_database
from benchlib import free_port, option, start_odoo, stop_odoo

import odoo
from odoo.modules.registry import Registry

WORKERS = option("--workers", 2)
CLIENTS = option("--clients", 4)
SECONDS = option("--seconds", 10.0)
ENVELOPES = option("--envelopes", 600)
PDF_KB = option("--pdf-kb", 60)
PEER = "pemkot-bench"


def prepare(db, ca_pem):
    """The peer, trusted, in the copy; returns (our organisation code, the address code, letters before)."""
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "id_ID"})
        if "eoffice.exchange.peer" not in env:
            raise SystemExit(f"eoffice_exchange is not installed in {db}: install it in the benchmark database "
                             "(-i eoffice_exchange) or drop that database so that it is made again")
        params = env["ir.config_parameter"]
        code = params.get_param("eoffice_exchange.organisation_code") or "pemkab-contoh"
        params.set_param("eoffice_exchange.organisation_code", code)
        peer = env["eoffice.exchange.peer"].create({"name": "Pemerintah Kota Bench", "code": PEER,
                                                     "url": "http://127.0.0.1:9", "certificate_pem": ca_pem})
        peer._workflow_write({"state": "trusted"})  # the administrator's confirmation, not what is measured
        address = env["eoffice.exchange.address"].search([("peer_id", "=", False), ("kind", "=", "seat"),
                                                          ("position_id.active", "=", True)], order="id desc",
                                                         limit=1)
        if not address:
            raise SystemExit("the database publishes no exchange address (eoffice_exchange demo data)")
        cr.execute("SELECT count(*) FROM eoffice_letter")
        letters = cr.fetchone()[0]
        cr.commit()
        result = code, address.code, letters
    Registry.delete(db)
    odoo.sql_db.close_db(db)
    return result


def envelopes(code, address, cert_pem, key):
    from odoo.addons.eoffice_exchange import envelope

    pdf = b"%PDF-1.4\n" + os.urandom(PDF_KB * 1024) + b"\n%%EOF\n"
    out = []
    for i in range(ENVELOPES):
        files = {"surat.pdf": pdf}
        payload = {
            "id": str(uuid.uuid4()), "type": "letter", "created": envelope.timestamp(),
            "sender": {"organisation": PEER, "name": "Pemerintah Kota Bench", "skpd": "Sekretariat Daerah",
                       "signer": "Sekretaris Daerah", "reply_to": ""},
            "recipient": {"organisation": code, "address": address, "name": ""},
            "letter": {"number": f"005/{i}/BENCH/2026", "date": "2026-11-27", "sifat": "biasa", "urgency": "biasa",
                       "type": "SD", "subject": f"Undangan rapat koordinasi {i}", "verification_url": ""},
            "files": envelope.file_entries(files, {"surat.pdf": ("letter", "application/pdf")}),
        }
        out.append(envelope.seal(envelope.ENVELOPE, payload, cert_pem, key, files=files))
    return out




def load(port, next_request):
    """CLIENTS threads send ``next_request()`` ((method, path, body) or None when there is no more) until
    SECONDS; returns requests/s, p50 ms, p95 ms, count, errors."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.monotonic() < stop:
            with lock:
                request = next_request()
            if request is None:
                break
            method, path, body = request
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
                response = conn.getresponse()
                answer = response.read()
                if response.status != 200:
                    errors.append((response.status, answer[:200]))
            except (OSError, http.client.HTTPException) as exc:
                errors.append(repr(exc))
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    begin = time.monotonic()
    threads = [threading.Thread(target=client) for _i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begin
    latencies.sort()
    return (len(latencies) / elapsed, statistics.median(latencies) * 1000,
            latencies[int(len(latencies) * 0.95)] * 1000, len(latencies), errors)


def main():
    source = option("--database", "")
    db = f"{source}_exchange"
    print(f"exchange inbox: copying {source} to {db}", flush=True)
    copy_database(source, db)
    server = None
    try:
        from odoo.addons.eoffice_exchange import envelope

        ca_pem, cert_pem, key = envelope.throwaway_authority("Pemerintah Kota Bench")
        code, address, letters = prepare(db, ca_pem)
        queue = envelopes(code, address, cert_pem, key)
        size = len(queue[0])
        port = free_port()
        server = start_odoo(port, db, workers=WORKERS, time_limit=120)
        warm = queue[-WORKERS * 4:]  # every worker loads the registry and takes in a few envelopes first
        del queue[-WORKERS * 4:]
        load(port, lambda: ("POST", "/eoffice/exchange/inbox", warm.pop()) if warm else None)
        health = load(port, lambda: ("GET", "/web/health", None))
        inbox = load(port, lambda: ("POST", "/eoffice/exchange/inbox", queue.pop()) if queue else None)
    finally:
        if server:
            stop_odoo(server)
        drop_database(db)
    print(f"exchange inbox under load: {WORKERS} Odoo workers, {CLIENTS} clients on loopback, {SECONDS:.0f} s "
          f"or {ENVELOPES - WORKERS * 4} envelopes of {size / 1024:.0f} KiB; {letters:,} letters")
    for label, (rate, p50, p95, count, errors) in (("baseline: /web/health", health),
                                                    ("POST /eoffice/exchange/inbox", inbox)):
        ratio = f"  {health[0] / rate:6.1f} x slower" if label[0] == "P" else ""
        unit = "envelopes/s" if label[0] == "P" else "req/s"
        print(f"  {label:<30} {rate:8.1f} {unit:<11} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
              f"({count} requests, {len(errors)} errors){ratio}", flush=True)
        if errors:
            print(f"    first errors: {errors[:5]}")


if __name__ == "__main__":
    main()
