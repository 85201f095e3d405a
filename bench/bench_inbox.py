"""Benchmark: the first page of a user's inbox at 1,000,000 letters, under record rules and without.

Run with `make bench` on the generated Pemda-sized database. For the Kepala Dinas of
Diskominfo and a Diskominfo staff member, opens the first page of each inbox the way the web
client does (`web_search_read` with the list view's fields, 80 rows and the total count):
incoming letters, "Awaiting Me", the disposition inbox, and a search by subject. The baseline
is the same call without record rules (as superuser, same uid), measured in the same run:
the ratio is the cost of the SKPD isolation and confidentiality rules.
"""
from benchlib import as_user, environment, list_spec, median_seconds, option, queries, row

REPEAT = option("--repeat", 15)


def main():
    with environment() as env:
        ref = env.ref
        total = env["eoffice.letter"].search_count([])
        head = ref("eoffice_skpd.user_skpd_kominfo_head")
        staff = env["res.users"].search([("login", "=", "staf.kominfo")])
        # the staff member takes over the Diskominfo seat with the most pending dispositions, so her
        # disposition inbox is a busy one (rolled back with everything else)
        env.cr.execute("""SELECT b.position_id FROM eoffice_disposition_branch b
                           WHERE b.company_id = %s AND b.state IN ('unread', 'read', 'in_progress')
                           GROUP BY b.position_id ORDER BY count(*) DESC LIMIT 1""", [staff.company_id.id])
        busy = env["eoffice.position"].browse(env.cr.fetchone()[0])
        employee = env["hr.employee"].search([("user_id", "=", staff.id)], limit=1)
        employee.position_ids.employee_id = False
        busy.employee_id = employee
        env.flush_all()
        cases = [
            ("incoming letters", "eoffice.letter", lambda uid: [("direction", "=", "incoming")]),
            ("outgoing letters", "eoffice.letter", lambda uid: [("direction", "=", "outgoing")]),
            ("awaiting me", "eoffice.letter", lambda uid: [("pending_position_ids.current_user_ids", "in", [uid])]),
            ("disposition inbox", "eoffice.disposition.branch",
             lambda uid: [("position_id.current_user_ids", "in", [uid]),
                          ("state", "in", ("unread", "read", "in_progress"))]),
            ("search by subject", "eoffice.letter", lambda uid: [("name", "ilike", "permohonan data")]),
        ]
        print(f"inbox first page (80 rows + count) at {total:,} letters; median of {REPEAT}")
        for user in (head, staff):
            uenv = as_user(env, user)
            seats = ", ".join(env["eoffice.position"].search([("current_user_ids", "in", user.id)]).mapped("name"))
            print(f" {user.name} ({user.login}, {seats})")
            for label, model_name, domain in cases:
                model = uenv[model_name]
                spec = list_spec(model)
                dom = domain(user.id)

                def page(model=model, spec=spec, dom=dom):
                    return model.web_search_read(dom, spec, limit=80, count_limit=10001)

                def page_without_rules(model=model, page=page):
                    return page(model.sudo())

                result = page()
                unrestricted = page_without_rules()
                with_rules = median_seconds(page, REPEAT, env.invalidate_all)
                without = median_seconds(page_without_rules, REPEAT, env.invalidate_all)
                env.invalidate_all()
                count = queries(env, page)
                row(f"{label}: {result['length']:,} of {unrestricted['length']:,}", with_rules * 1000, "ms",
                    with_rules / without, f"{count} queries; without rules {without * 1000:.1f} ms")


if __name__ == "__main__":
    main()
