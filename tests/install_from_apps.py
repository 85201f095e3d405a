"""Create a database the way Odoo's database manager does, then install modules the way the Apps menu does.

usage: python install_from_apps.py ODOO_CONF DBNAME DEMO(0|1) MODULE[,MODULE...]

Run by tests/test_install_from_apps.py in a process of its own: the database manager and the Install button
both build a new registry and commit, which a test cursor cannot do. Prints one JSON line with what was
installed, then drops the database (and its filestore) whatever happened.
"""
import json
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service import db as db_service
from odoo.tools import config


def main(conf, dbname, demo, modules):
    config.parse_config(["-c", conf, "--log-level", "info"])
    config["list_db"] = True  # the database manager's own door, opened for this process only
    try:
        # what /web/database/create runs: an empty database, base with or without demo data, in English
        db_service.exp_create_database(dbname, demo, "en_US", user_password="admin", login="admin")
        registry = odoo.modules.registry.Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # the Install button of each app (Apps menu), all at once
            env["ir.module.module"].update_list()
            env["ir.module.module"].search([("name", "in", modules)]).button_immediate_install()
        registry = odoo.modules.registry.Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mods = env["ir.module.module"].search([("name", "like", "eoffice_%")])
            users = env["res.users"].with_context(active_test=False).search([("login", "!=", "__system__")])
            failures = env["ir.demo_failure"].search([]) if "ir.demo_failure" in env else []
            print("RESULT " + json.dumps({
                "modules": {m.name: {"state": m.state, "demo": m.demo} for m in mods},
                "users": {u.login: u.lang for u in users},
                "languages": env["res.lang"].search([]).mapped("code"),
                "demo_failures": [f.module_id.name for f in failures],
                "indonesian_terms": env["ir.model.fields"]._get("eoffice.letter", "name")
                .with_context(lang="id_ID").field_description,
            }), flush=True)
    finally:
        odoo.modules.registry.Registry.delete(dbname)
        db_service.exp_drop(dbname)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4].split(","))
