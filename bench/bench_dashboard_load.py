"""Benchmark: the data load of the Bupati's Ruang Kendali dashboard (eoffice_dashboard).

Run with `python3 tools/devctl.py bench --only dashboard`. Starts Odoo (prefork, as in production) on
a free loopback port against the benchmark database (1,000,000 letters, 200,000 dispositions),
logs in as the demo Bupati and makes the RPCs the dashboard makes when it opens, in the order the
web client sends them, one after the other: the dashboard itself (get_readonly_dashboard), the
fields of its three models, one read_group per pivot and group-by level (Odoo's pivot model) and
one web_read_group per chart (Odoo's graph model), all under the Bupati's default selection (every
company he belongs to). The browser sends them in parallel; the sequential sum is the work the
server does for one Bupati opening the dashboard. Compared with Odoo's own /web/health on the same
server in the same run, the floor of any request Odoo serves.
"""
import http.client
import json
import statistics
import time

from benchlib import environment, free_port, option, start_odoo, stop_odoo

import odoo
import odoo.http

REPEAT = option("--repeat", 5)


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.cookie = ""

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        self.conn.request("POST", path, body, {"Content-Type": "application/json", "Cookie": self.cookie})
        response = self.conn.getresponse()
        data = json.loads(response.read())
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session_id="):
                self.cookie = value.split(";")[0]
        if "error" in data:
            raise SystemExit(f"{path}: {data['error']['data']['message']}")
        return data["result"]

    def call(self, model, method, args, kwargs):
        return self.post(f"/web/dataset/call_kw/{model}/{method}",
                         {"model": model, "method": method, "args": args, "kwargs": kwargs})

    def get(self, path):
        self.conn.request("GET", path, headers={"Cookie": self.cookie})
        response = self.conn.getresponse()
        response.read()
        return response.status


def bupati_session(env, bupati):
    """A logged-in web session of the Bupati, written into the server's session store: the bench
    database requires a second factor of executives (eoffice_security), which a script cannot give
    at /web/session/authenticate. The session is the one Odoo makes once the second factor is in."""
    store = odoo.http.root.session_store
    session = store.new()
    session.update(odoo.http.get_default_session())
    session.update({"db": env.cr.dbname, "login": bupati.login, "uid": bupati.id,
                    "context": dict(env["res.users"].with_user(bupati).context_get()),
                    "session_token": bupati._compute_session_token(session.sid)})
    store.save(session)
    return f"session_id={session.sid}"


def dashboard_calls(snapshot):
    """The (model, method, args, kwargs) the dashboard's pivots and charts make (without context)."""
    calls = []
    for pivot in snapshot["pivots"].values():
        measures = [m["fieldName"] for m in pivot["measures"]]
        rows = [r["fieldName"] for r in pivot["rows"]]
        specs = ["__count" if m == "__count" else m for m in measures]
        for level in range(len(rows) + 1):  # the pivot model reads every level of its row group-bys
            calls.append((pivot["model"], "read_group", [pivot["domain"], specs, rows[:level]], {"lazy": False}))
    for sheet in snapshot["sheets"]:
        for figure in sheet["figures"]:
            data = figure["data"]
            if data["type"].startswith("odoo_"):
                meta = data["metaData"]
                measure = meta["measure"]
                calls.append((meta["resModel"], "web_read_group",
                              [data["searchParams"]["domain"], [measure] if measure != "__count" else [],
                               meta["groupBy"]], {"lazy": False}))
    return calls


def main():
    with environment() as env:
        dashboard = env.ref("eoffice_dashboard.spreadsheet_dashboard_pemda", raise_if_not_found=False)
        if not dashboard:
            raise SystemExit("eoffice_dashboard is not installed in the benchmark database")
        bupati = env.ref("eoffice_skpd.user_bupati")
        companies = [bupati.company_id.id] + (bupati.company_ids - bupati.company_id).ids
        letters = env["eoffice.letter"].search_count([])
        branches = env["eoffice.disposition.branch"].search_count([])
        skpd = env["res.company"].search_count([("is_skpd", "=", True)])
        cookie = bupati_session(env, bupati)
    port = free_port()
    server = start_odoo(port, workers=option("--workers", 2))
    try:
        client = Client(port)
        client.cookie = cookie
        context = {"lang": "id_ID", "allowed_company_ids": companies}

        def load_dashboard():
            snapshot = client.call("spreadsheet.dashboard", "get_readonly_dashboard", [dashboard.id],
                                   {"context": context})["snapshot"]
            calls = dashboard_calls(snapshot)
            for model in sorted({call[0] for call in calls}):
                client.call(model, "fields_get", [], {"context": context})
            for model, method, args, kwargs in calls:
                client.call(model, method, args, {**kwargs, "context": context})
            return len(calls) + 4

        def median(fn, repeat):
            times = []
            for _i in range(repeat):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        rpcs = load_dashboard()  # warm-up: the workers load the registry and the caches
        health = median(lambda: client.get("/web/health"), 200)
        load = median(load_dashboard, REPEAT)
    finally:
        stop_odoo(server)
    print(f"Ruang Kendali data load as the Bupati: {letters:,} letters, {branches:,} disposition branches, "
          f"{skpd} SKPD; {rpcs} RPCs one after the other, median of {REPEAT}")
    print(f"  {'baseline: /web/health':<36} {health * 1000:10.2f} ms")
    print(f"  {'dashboard data load (all RPCs)':<36} {load * 1000:10.2f} ms  {load / health:9.0f} x baseline")


if __name__ == "__main__":
    main()
