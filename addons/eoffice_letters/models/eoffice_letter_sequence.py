from odoo import api, fields, models


class EofficeLetterSequence(models.Model):
    """Gapless counters for letter numbers and agenda numbers.

    A counter row is incremented inside the transaction that signs (or registers) the
    letter, with the row locked until commit: a letter that fails to sign rolls its number
    back, and two officials signing at the same moment are serialised (the second one's
    transaction is retried by Odoo and gets the next number). ``ir.sequence`` was not used:
    its standard implementation draws from PostgreSQL sequences, which are not
    transactional (a failed signature would burn a number), and its no-gap
    implementation fails at once on a concurrent signature instead of waiting.
    """

    _name = "eoffice.letter.sequence"
    _description = "Letter Number Counter"
    _order = "company_id, scope_key"

    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True, ondelete="cascade")
    scope_key = fields.Char(string="Scope", required=True,
                            help="What the counter counts, e.g. letter/2026 or letter/2026/class/800.1.")
    last_number = fields.Integer(string="Last Number", default=0, readonly=True)

    _sql_constraints = [
        ("scope_uniq", "unique(company_id, scope_key)", "A counter for this scope already exists."),
    ]

    def _next(self, company, scope_key):
        """Reserve the next number of ``scope_key`` in ``company`` in the current transaction."""
        self.env.cr.execute(
            """
            INSERT INTO eoffice_letter_sequence (company_id, scope_key, last_number, create_uid, create_date,
                                                 write_uid, write_date)
                 VALUES (%(company)s, %(key)s, 1, %(uid)s, now() at time zone 'UTC', %(uid)s,
                         now() at time zone 'UTC')
            ON CONFLICT (company_id, scope_key)
              DO UPDATE SET last_number = eoffice_letter_sequence.last_number + 1,
                            write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
              RETURNING last_number
            """,
            {"company": company.id, "key": scope_key, "uid": self.env.uid},
            # a concurrent signature makes this fail with a serialization error that Odoo retries:
            # expected, not worth an ERROR line in the log
            log_exceptions=False,
        )
        number = self.env.cr.fetchone()[0]
        self.invalidate_model(["last_number"])
        return number

    @api.depends("company_id.name", "scope_key")
    def _compute_display_name(self):
        for counter in self:
            counter.display_name = ": ".join(filter(None, [counter.company_id.sudo().name, counter.scope_key]))
