"""Shared helpers of the bench scripts: options, the database environment, timing."""
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import odoo
from odoo.modules.registry import Registry


def option(name, default):
    """The value after `name` on the command line, converted like `default`."""
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


@contextmanager
def environment():
    """A superuser environment on --database (configured by --config); rolled back at the end."""
    odoo.tools.config.parse_config(["-c", option("--config", "")])
    registry = Registry(option("--database", ""))
    with registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        finally:
            cr.rollback()


def as_user(env, user):
    return env(user=user.id, context=dict(env.context, allowed_company_ids=user.company_ids.ids))


def median_seconds(fn, repeat, invalidate=None):
    """Median wall time of fn() over `repeat` runs (the caches are emptied before each run)."""
    times = []
    for _i in range(repeat):
        if invalidate:
            invalidate()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def queries(env, fn):
    """Number of SQL queries fn() sends."""
    before = env.cr.sql_log_count
    fn()
    return env.cr.sql_log_count - before


def row(label, value, unit, ratio=None, note=""):
    ratio_text = f"  {ratio:7.2f} x baseline" if ratio is not None else ""
    print(f"  {label:<46} {value:10.2f} {unit:<10}{ratio_text}  {note}".rstrip(), flush=True)


def list_spec(model):
    """The web_search_read specification of the model's default list view, as the web client sends it."""
    from lxml import etree

    arch = model.get_views([(False, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        field = model._fields.get(name)
        if field is None or node.getparent().tag not in ("list", "tree"):
            continue
        spec[name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
    return spec


def sql_reinsert_seconds(env, table, columns, ids, savepoint):
    """The SQL baseline of an ORM run: read the rows it wrote (`ids` of `table`), roll back to
    `savepoint` (taken before the run), insert the same rows again with one plain INSERT each, and
    return the seconds per row."""
    names = ", ".join(columns)
    env.cr.execute(f"SELECT {names} FROM {table} WHERE id IN %s ORDER BY id", [tuple(ids)])  # noqa: S608
    rows = env.cr.fetchall()
    assert len(rows) == len(ids)
    env.cr.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
    env.invalidate_all()
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    start = time.perf_counter()
    for values in rows:
        env.cr.execute(insert, values)
    return (time.perf_counter() - start) / len(rows)


def free_port():
    """A TCP port free on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_odoo(port, database=None, workers=2, extra=(), logfile=None, time_limit=60):
    """Odoo in prefork mode on 127.0.0.1:`port` on `database` (--database by default), without cron; waits
    until /web/health answers. Its stderr goes to a file (a pipe nobody reads while the load runs would
    fill up and block the server), `logfile` when given. Stop it with :func:`stop_odoo`."""
    database = database or option("--database", "")
    src = os.path.dirname(os.path.dirname(odoo.__file__))
    cmd = [sys.executable, os.path.join(src, "setup", "odoo"), "-c", option("--config", ""), "-d", database,
           f"--db-filter=^{database}$", f"--http-port={port}", "--http-interface=127.0.0.1", f"--workers={workers}",
           "--max-cron-threads=0", "--no-database-list", "--log-level=warn", f"--limit-time-real={time_limit}",
           f"--gevent-port={free_port()}", *extra]
    if logfile:
        cmd.append(f"--logfile={logfile}")
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/web/health")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGKILL)
    log.seek(0)
    raise SystemExit(f"Odoo did not answer on port {port}: {log.read().decode(errors='replace')[-2000:]}")


def stop_odoo(server):
    """Stop a server started by :func:`start_odoo` and its workers."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
