from odoo import api, fields, models, tools
from odoo.exceptions import UserError

KINDS = [("letter_out", "Outgoing letter"), ("letter_in", "Incoming letter"), ("disposition", "Disposition")]


def fill_branch_days(cr):
    """Make and fill the branches' Pemda day from their UTC creation time, in SQL (the ORM would fill
    an added column with its default, today). Used at install and by migration 18.0.1.2.0."""
    cr.execute("ALTER TABLE eoffice_disposition_branch ADD COLUMN IF NOT EXISTS day date")
    cr.execute("""
        UPDATE eoffice_disposition_branch
           SET day = (create_date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(
                         (SELECT pp.tz FROM res_company pc JOIN res_partner pp ON pp.id = pc.partner_id
                           WHERE pc.parent_id IS NULL ORDER BY pc.id LIMIT 1), 'Asia/Jakarta'))::date
         WHERE day IS NULL
    """)
    cr.execute("DROP INDEX IF EXISTS eoffice_disposition_branch_day_index")


def fill_letter_copies(cr):
    """Make and fill the letter's stored copy counts in SQL, in one statement (the ORM would compute
    them letter by letter: a million letters on a Pemda's database); letters without recipients keep
    NULL, read as 0. Used when the columns do not exist yet: at install and by migration 18.0.1.1.0."""
    cr.execute("""
        ALTER TABLE eoffice_letter ADD COLUMN IF NOT EXISTS copies_electronic int4,
                                   ADD COLUMN IF NOT EXISTS copies_paper int4
    """)
    cr.execute("""
        UPDATE eoffice_letter l
           SET copies_electronic = c.electronic, copies_paper = c.paper
          FROM (SELECT letter_id,
                       count(*) FILTER (WHERE dispatch_method IN ('internal', 'email')) AS electronic,
                       count(*) FILTER (WHERE dispatch_method = 'print') AS paper
                  FROM eoffice_letter_recipient GROUP BY letter_id) c
         WHERE c.letter_id = l.id
    """)


class EofficeControlRoom(models.Model):
    """The control room's figures: one row per outgoing letter, incoming letter and disposition
    branch, with the measures the pivot adds up per SKPD and month. Rows carry no subject; opening
    a row opens the letter or disposition under the viewer's own access rules.

    Ids are derived from the source rows (letters even, branches odd) so that they are stable. The
    view is made after the branch table exists: models/__init__.py imports this file after the branch
    model's."""

    _name = "eoffice.control.room"
    _description = "Control Room"
    _auto = False
    _order = "date desc, id desc"
    # what the view reads: flushed before it is searched, so figures include this transaction's writes
    _depends = {
        "eoffice.letter": ["company_id", "direction", "state", "letter_date", "received_date", "page_count",
                           "copies_electronic", "copies_paper"],
        "eoffice.disposition.branch": ["company_id", "letter_id", "day", "state", "is_done", "deadline",
                                       "days_to_done"],
        "res.company": ["pemda_id", "eoffice_sheet_cost", "parent_id", "partner_id"],
    }

    company_id = fields.Many2one("res.company", string="SKPD", readonly=True)
    date = fields.Date(string="Date", readonly=True)
    kind = fields.Selection(KINDS, string="Kind", readonly=True)
    letter_id = fields.Many2one("eoffice.letter", string="Letter", readonly=True)
    branch_id = fields.Many2one("eoffice.disposition.branch", string="Disposition", readonly=True)
    letters_out = fields.Integer(string="Letters Out", readonly=True)
    letters_in = fields.Integer(string="Letters In", readonly=True)
    pages_out = fields.Integer(string="Pages Out", readonly=True)
    copies_electronic = fields.Integer(string="Copies Delivered Electronically", readonly=True)
    copies_paper = fields.Integer(string="Copies on Paper", readonly=True)
    sheets_saved = fields.Integer(string="Sheets Saved", readonly=True,
                                  help="Pages × copies delivered electronically rather than printed.")
    atk_saved = fields.Float(string="ATK Saved (Rp)", readonly=True,
                             help="Sheets saved × the Pemda's cost of a printed sheet (paper, toner, printing).")
    dispositions = fields.Integer(string="Dispositions", readonly=True)
    dispositions_open = fields.Integer(string="Dispositions Pending", readonly=True)
    dispositions_overdue = fields.Integer(string="Dispositions Overdue", readonly=True)
    response_days = fields.Float(string="Average Response (days)", readonly=True, aggregator="avg",
                                 help="Days from a disposition to its branch being done (done branches only).")
    # the periods a dashboard tile counts ("today", "this month") as plain filters: a dashboard's
    # domain is fixed data and cannot say "today" itself
    is_today = fields.Boolean(string="Today", readonly=True)
    is_this_month = fields.Boolean(string="This Month", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the dashboard's "today" and "this month" tiles read a few days of each part of the view
        cr = self.env.cr
        tools.create_index(cr, "eoffice_letter_out_date_index", "eoffice_letter", ["letter_date"],
                           where="direction = 'outgoing' AND state IN ('signed', 'sent')")
        tools.create_index(cr, "eoffice_letter_in_date_index", "eoffice_letter", ["received_date"],
                           where="direction = 'incoming' AND state IN ('received', 'read')")
        # the Pemda's sheet cost may not have its column yet when the view is made during install
        # nor the letter's stored copy counts (this model is set up before eoffice.letter's extension)
        if not tools.sql.column_exists(cr, "eoffice_letter", "copies_paper"):
            fill_letter_copies(cr)
        if not tools.sql.column_exists(cr, "eoffice_disposition_branch", "day"):
            fill_branch_days(cr)
        if not tools.sql.column_exists(self.env.cr, "res_company", "eoffice_sheet_cost"):
            tools.sql.create_column(self.env.cr, "res_company", "eoffice_sheet_cost", "float8")
            self.env.cr.execute("UPDATE res_company SET eoffice_sheet_cost = 300")
        # the Pemda's day, not the database session's (UTC): letters carry the Pemda's local dates, and
        # between 17:00 and 24:00 UTC a WIB Pemda is already in the next day. Taken once per query (a
        # scalar subquery), so a filter on the day still reaches the date indexes.
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                WITH pemda_day AS (
                    SELECT (now() AT TIME ZONE COALESCE(pp.tz, 'Asia/Jakarta'))::date AS today
                      FROM res_company pc JOIN res_partner pp ON pp.id = pc.partner_id
                     WHERE pc.parent_id IS NULL ORDER BY pc.id LIMIT 1)
                -- "this month" as a range of dates, so that a filter on it reaches the date indexes
                SELECT u.*, u.date = (SELECT today FROM pemda_day) AS is_today,
                       (u.date >= date_trunc('month', (SELECT today FROM pemda_day))::date
                        AND u.date < (date_trunc('month', (SELECT today FROM pemda_day))
                                      + interval '1 month')::date) AS is_this_month
                  FROM (
                    SELECT l.id * 2 AS id, l.company_id, l.letter_date AS date, 'letter_out' AS kind, l.id AS letter_id,
                           NULL::integer AS branch_id, 1 AS letters_out, 0 AS letters_in,
                           COALESCE(l.page_count, 0) AS pages_out,
                           COALESCE(l.copies_electronic, 0) AS copies_electronic,
                           COALESCE(l.copies_paper, 0) AS copies_paper,
                           COALESCE(l.page_count, 0) * COALESCE(l.copies_electronic, 0) AS sheets_saved,
                           COALESCE(l.page_count, 0) * COALESCE(l.copies_electronic, 0)
                               * COALESCE(p.eoffice_sheet_cost, 300) AS atk_saved,
                           0 AS dispositions, 0 AS dispositions_open, 0 AS dispositions_overdue,
                           NULL::float AS response_days
                      FROM eoffice_letter l
                      JOIN res_company s ON s.id = l.company_id
                      LEFT JOIN res_company p ON p.id = s.pemda_id
                     WHERE l.direction = 'outgoing' AND l.state IN ('signed', 'sent') AND l.letter_date IS NOT NULL
                    UNION ALL
                    SELECT l.id * 2, l.company_id, l.received_date, 'letter_in', l.id, NULL, 0, 1, 0, 0, 0, 0, 0,
                           0, 0, 0, NULL
                      FROM eoffice_letter l
                     WHERE l.direction = 'incoming' AND l.state IN ('received', 'read') AND l.received_date IS NOT NULL
                    UNION ALL
                    SELECT b.id * 2 + 1, b.company_id, b.day, 'disposition', b.letter_id, b.id, 0, 0, 0,
                           0, 0, 0, 0, 1,
                           CASE WHEN b.state != 'cancelled' AND NOT COALESCE(b.is_done, false) THEN 1 ELSE 0 END,
                           CASE WHEN b.state != 'cancelled' AND NOT COALESCE(b.is_done, false)
                                     AND b.deadline < (SELECT today FROM pemda_day) THEN 1 ELSE 0 END,
                           CASE WHEN b.state = 'done' THEN b.days_to_done END
                      FROM eoffice_disposition_branch b
                  ) u
            )""")  # noqa: S608 - the table name is the model's

    def action_open_record(self):
        """Open the letter or disposition behind the row, under the viewer's own access rights."""
        self.ensure_one()
        if self.branch_id:
            record = self.branch_id
        elif self.letter_id:
            record = self.letter_id
        else:
            raise UserError(self.env._("This row has no record to open."))
        record.check_access("read")
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id,
                "view_mode": "form"}

    @api.depends("kind", "company_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for row in self:
            # like the row itself, its name carries no subject: the kind, the SKPD and the date
            row.display_name = " — ".join(filter(None, [kinds.get(row.kind), row.company_id.sudo().name,
                                                       tools.format_date(self.env, row.date)]))
