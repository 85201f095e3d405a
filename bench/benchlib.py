"""Shared helpers of the bench scripts: options, the database environment, timing."""
import statistics
import sys
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
